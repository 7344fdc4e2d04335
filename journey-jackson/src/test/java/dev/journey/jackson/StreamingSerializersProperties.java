package dev.journey.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.Signal;
import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The streaming serializers of {@link JourneyJson#mapper()} write exactly what databind's
 * reflective bean serializers ({@link JourneyJson#reflectiveMapper()}, the reference model) write,
 * byte for byte, on random values, and what they write reads back equal.
 */
final class StreamingSerializersProperties {
  private static final ObjectMapper FAST = JourneyJson.mapper();
  private static final ObjectMapper REFLECTIVE = JourneyJson.reflectiveMapper();

  private static <T> void writesAsReflectiveAndReadsBack(T value, Class<T> type) throws Exception {
    // when
    String fast = FAST.writeValueAsString(value);
    String reflective = REFLECTIVE.writeValueAsString(value);
    byte[] fastBytes = FAST.writeValueAsBytes(value);
    // then
    assertThat(fast).isEqualTo(reflective);
    assertThat(fastBytes).isEqualTo(REFLECTIVE.writeValueAsBytes(value));
    assertThat(FAST.readValue(fast, type)).isEqualTo(value);
    assertThat(REFLECTIVE.readValue(fast, type)).isEqualTo(value);
  }

  @Property(tries = 300)
  void should_write_a_signal_as_databind_does_when_attributes_are_random(@ForAll long seed)
      throws Exception {
    // given
    Signal signal = new RandomValues(seed).signal();
    // when / then
    writesAsReflectiveAndReadsBack(signal, Signal.class);
  }

  @Property(tries = 300)
  void should_write_a_snapshot_as_databind_does_when_its_parts_are_random(@ForAll long seed)
      throws Exception {
    // given
    JourneySnapshot snapshot = new RandomValues(seed).snapshot();
    // when / then
    writesAsReflectiveAndReadsBack(snapshot, JourneySnapshot.class);
  }

  @Property(tries = 300)
  void should_write_a_decision_as_databind_does_when_it_has_random_actions(@ForAll long seed)
      throws Exception {
    // given
    Decision decision = new RandomValues(seed).decision();
    // when / then
    writesAsReflectiveAndReadsBack(decision, Decision.class);
  }

  @Property(tries = 300)
  void should_write_an_audit_record_as_databind_does_when_it_is_random(@ForAll long seed)
      throws Exception {
    // given
    AuditRecord audit = new RandomValues(seed).audit();
    // when / then
    writesAsReflectiveAndReadsBack(audit, AuditRecord.class);
  }

  @Property(tries = 300)
  void should_write_actions_entries_timers_and_dead_letters_as_databind_does(@ForAll long seed)
      throws Exception {
    // given
    RandomValues values = new RandomValues(seed);
    Action action = values.action();
    OutboxEntry entry = values.entry();
    PendingTimer timer = values.timer();
    // when / then: an action alone (the actions topic), as the interface and as its own class
    writesAsReflectiveAndReadsBack(action, Action.class);
    assertThat(FAST.writeValueAsString(action)).isEqualTo(REFLECTIVE.writeValueAsString(action));
    assertThat(FAST.writerFor(Action.class).writeValueAsString(action))
        .isEqualTo(REFLECTIVE.writerFor(Action.class).writeValueAsString(action));
    assertThat(FAST.writeValueAsString(List.of(action, entry.action())))
        .isEqualTo(REFLECTIVE.writeValueAsString(List.of(action, entry.action())));
    writesAsReflectiveAndReadsBack(entry, OutboxEntry.class);
    writesAsReflectiveAndReadsBack(timer, PendingTimer.class);
    writesAsReflectiveAndReadsBack(new DeadLetter(entry, values.word(), values.instant()), DeadLetter.class);
    writesAsReflectiveAndReadsBack(new TimerChange.Scheduled(timer), TimerChange.class);
  }

  @Property(tries = 2_000)
  void should_format_an_instant_as_iso_instant_does_when_it_is_anywhere_in_range(@ForAll long seed) {
    // given
    Instant instant = new RandomValues(seed).instant();
    // when
    String text = Instants.format(instant);
    // then
    assertThat(text).isEqualTo(instant.toString());
  }
}
