package dev.journey.examples.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.jackson.JourneyJson;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of every generated log, whatever the seed, size, start and window. */
final class SignalLogPropertiesTest {
  private static final ObjectMapper MAPPER = JourneyJson.mapper();

  private static SignalLogGenerator generator(
      long seed, int contacts, long startSecond, int weeks) {
    return SignalLogGenerator.builder()
        .seed(seed)
        .contacts(contacts)
        .start(Instant.ofEpochSecond(startSecond))
        .weeks(weeks)
        .build();
  }

  @Property(tries = 30)
  void should_generate_the_same_log_twice(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 60) int contacts,
      @ForAll @LongRange(min = 1_577_836_800L, max = 1_893_456_000L) long startSecond,
      @ForAll @IntRange(min = 1, max = 6) int weeks) {
    // given
    SignalLogGenerator generator = generator(seed, contacts, startSecond, weeks);
    // when
    List<Signal> first = generator.generate();
    List<Signal> second = generator(seed, contacts, startSecond, weeks).generate();
    // then
    assertThat(first).isEqualTo(second);
  }

  @Property(tries = 30)
  void should_keep_logs_sorted_in_the_window_with_exact_redeliveries_only(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 60) int contacts,
      @ForAll @LongRange(min = 1_577_836_800L, max = 1_893_456_000L) long startSecond,
      @ForAll @IntRange(min = 1, max = 6) int weeks)
      throws Exception {
    // given
    SignalLogGenerator generator = generator(seed, contacts, startSecond, weeks);
    // when
    List<Signal> signals = generator.generate();
    // then
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < signals.size(); i++) {
      Signal signal = signals.get(i);
      assertThat(signal.occurredAt()).isAfterOrEqualTo(generator.start()).isBefore(generator.end());
      if (i > 0) {
        assertThat(signal.occurredAt()).isAfterOrEqualTo(signals.get(i - 1).occurredAt());
      }
      if (!ids.add(signal.id())) {
        assertThat(signal).isEqualTo(signals.get(i - 1));
      }
      assertThat(MAPPER.readValue(MAPPER.writeValueAsString(signal), Signal.class))
          .isEqualTo(signal);
    }
  }

  @Property(tries = 30)
  void should_keep_each_story_causal(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 60) int contacts,
      @ForAll @IntRange(min = 1, max = 6) int weeks) {
    // given
    SignalLogGenerator generator = generator(seed, contacts, 1_772_409_600L, weeks);
    // when
    List<ContactHistory> histories = generator.histories();
    // then
    for (ContactHistory history : histories) {
      Map<String, Instant> firstOfType = new HashMap<>();
      for (Signal signal : history.signals()) {
        firstOfType.putIfAbsent(signal.type(), signal.occurredAt());
        if (signal.subject().type() == ObjectType.DEAL) {
          assertThat(signal.stringAttribute(Attributes.CONTACT_ID))
              .contains(history.plan().contactId());
        } else {
          assertThat(signal.subject().id()).isEqualTo(history.plan().contactId());
        }
      }
      Instant sales = firstOfType.get(SignalTypes.SALES_ACTIVITY);
      if (sales != null) {
        assertThat(history.handoffAt()).isPresent();
        assertThat(sales).isAfter(history.handoffAt().orElseThrow());
      }
      Instant deal = firstOfType.get(SignalTypes.DEAL_STAGE_CHANGED);
      if (deal != null) {
        assertThat(firstOfType.get(SignalTypes.MEETING_BOOKED)).isBefore(deal);
      }
      Instant drop = firstOfType.get(SignalTypes.USAGE_DROPPED);
      if (drop != null) {
        assertThat(deal).isBefore(drop);
      }
    }
  }
}
