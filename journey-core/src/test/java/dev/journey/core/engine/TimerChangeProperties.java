package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.ActionEffects;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The timer changes the reduction builds while it applies the timer commands are exactly what
 * takes the timer index from the snapshot before to the snapshot after (the reference model: the
 * pending timers of both snapshots), and the fired timer is reported completed, never cancelled.
 */
final class TimerChangeProperties {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef LEAD = SubjectRef.contact("1");

  record Command(boolean schedule, String name) {}

  @Provide
  Arbitrary<List<String>> pending() {
    return Arbitraries.of("a", "b", "c", "d").set().map(ArrayList::new);
  }

  @Provide
  Arbitrary<List<Command>> commands() {
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of("a", "b", "c", "d", "e"))
        .as(Command::new)
        .list()
        .ofMaxSize(6);
  }

  @Property(tries = 500)
  void should_take_the_index_from_before_to_after(
      @ForAll("pending") List<String> pending,
      @ForAll("commands") List<Command> commands,
      @ForAll boolean firesOne) {
    // given a snapshot with pending timers of generation 3, maybe one of them firing
    JourneySnapshot.Builder b = JourneySnapshot.initial(LEAD, "NURTURE", NOW).toBuilder().version(3);
    pending.forEach(n -> b.timer(new PendingTimer(n, NOW.plusSeconds(60), 3, Map.of())));
    JourneySnapshot before = b.build();
    Optional<PendingTimer> fired =
        firesOne && !pending.isEmpty() ? Optional.of(before.timers().get(pending.get(0))) : Optional.empty();
    Signal signal = Signal.builder().id("s").subject(LEAD).type("X").occurredAt(NOW).source("t").build();
    Decision.Builder d = Decision.builder(before, signal, NOW, RuleSetRef.of("r", "1"));
    for (Command c : commands) {
      if (c.schedule()) {
        d.startTimer(c.name(), NOW.plusSeconds(3600));
      } else {
        d.cancelTimer(c.name());
      }
    }
    List<TimerChange> changes = new ArrayList<>();

    // when
    JourneySnapshot after =
        Reduction.apply(before, d.build(), fired, NOW, 4, ActionEffects.defaults(), changes);

    // then applying the changes to before's index gives after's index
    Map<String, Long> index = new TreeMap<>();
    before.timers().values().forEach(t -> index.put(t.name(), t.generation()));
    for (TimerChange change : changes) {
      if (change instanceof TimerChange.Scheduled s) {
        assertThat(index).doesNotContainEntry(s.timer().name(), s.timer().generation());
        index.put(s.timer().name(), s.timer().generation());
      } else if (change instanceof TimerChange.Cancelled c) {
        assertThat(index.remove(c.name())).isEqualTo(c.generation());
        assertThat(fired.map(PendingTimer::name)).isNotEqualTo(Optional.of(c.name()));
      } else if (change instanceof TimerChange.Completed c) {
        assertThat(index.remove(c.name())).isEqualTo(c.generation());
        assertThat(fired.map(PendingTimer::name)).contains(c.name());
      }
    }
    Map<String, Long> expected = new TreeMap<>();
    after.timers().values().forEach(t -> expected.put(t.name(), t.generation()));
    assertThat(index).isEqualTo(expected);
    assertThat(changes.stream().filter(c -> c instanceof TimerChange.Completed).count())
        .isEqualTo(fired.isPresent() ? 1 : 0);
  }
}
