package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.ActionEffects;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.PropertyValue;
import dev.journey.core.state.Suppression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The reduction's direct path for a decision without actions, timer commands or a fired timer
 * makes exactly the snapshot the snapshot builder makes (the reference model: the builder path
 * as the reduction took it for every decision before), and the engine's allocation-free length
 * walk counts exactly what the per-map loops counted.
 */
final class SnapshotUpdateProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant NOW = T0.plusSeconds(3600);
  private static final SubjectRef LEAD = SubjectRef.contact("1");
  private static final List<String> NAMES = List.of("a", "b", "c", "d");
  private static final List<String> STATES = List.of("NURTURE", "SALES_ENGAGED");

  record Delta(String name, long delta) {}

  @Provide
  Arbitrary<List<Delta>> deltas() {
    return net.jqwik.api.Combinators.combine(
            Arbitraries.of(NAMES), Arbitraries.longs().between(-3, Long.MAX_VALUE / 16))
        .as(Delta::new)
        .list()
        .ofMaxSize(5);
  }

  @Provide
  Arbitrary<Optional<String>> ruleSets() {
    return Arbitraries.of(Optional.empty(), Optional.of("bench@1"), Optional.of("other@2"));
  }

  @Property(tries = 1000)
  void should_make_the_builders_snapshot_when_a_decision_moves_only_state_and_counters(
      @ForAll("deltas") List<Delta> stored,
      @ForAll("deltas") List<Delta> deltas,
      @ForAll("ruleSets") Optional<String> ruleSet,
      @ForAll boolean engaged,
      @ForAll boolean moves,
      @ForAll boolean withOthers) {
    // given a stored snapshot with some counters (and maybe properties, a timer, a journey)
    JourneySnapshot before = snapshot(stored, ruleSet, engaged, withOthers);
    Signal signal = Signal.builder().id("s").subject(LEAD).type("X").occurredAt(NOW).source("t").build();
    Decision.Builder d = Decision.builder(before, signal, NOW, RuleSetRef.of("bench", "1"));
    if (moves) {
      d.transitionTo(engaged ? "NURTURE" : "SALES_ENGAGED");
    }
    deltas.forEach(x -> d.increment(x.name(), x.delta()));
    Decision decision = d.build();
    List<TimerChange> changes = new ArrayList<>();

    // when
    JourneySnapshot after =
        Reduction.apply(before, decision, Optional.empty(), NOW, before.version() + 1,
            ActionEffects.defaults(), changes);

    // then it is the snapshot the builder makes, its counters sorted and unmodifiable
    JourneySnapshot.Builder reference = before.toBuilder();
    reference.state(decision.stateAfter(), NOW);
    decision.counterDeltas().forEach(reference::addToCounter);
    JourneySnapshot expected =
        reference.ruleSet("bench@1").version(before.version() + 1).updatedAt(NOW).build();
    assertThat(after).isEqualTo(expected);
    assertThat(new ArrayList<>(after.counters().keySet()))
        .isSortedAccordingTo(String::compareTo)
        .isEqualTo(new ArrayList<>(expected.counters().keySet()));
    assertThat(changes).isEmpty();
    assertThatThrownBy(() -> after.counters().put("z", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Property(tries = 500)
  void should_count_the_characters_the_per_map_loops_counted(
      @ForAll("deltas") List<Delta> counters,
      @ForAll("ruleSets") Optional<String> ruleSet,
      @ForAll boolean withOthers,
      @ForAll("texts") String text) {
    // given a snapshot with entries in every map
    JourneySnapshot.Builder b = snapshot(counters, ruleSet, false, withOthers).toBuilder();
    b.property("p-" + text, text, "w" + text, T0);
    b.timer(new PendingTimer("t" + text, NOW, 2, Map.of("k" + text, text)));
    b.suppression(new Suppression("email" + text, "r" + text, NOW));
    JourneySnapshot snapshot = b.build();

    // when
    long length = JourneyEngine.documentLength(snapshot);

    // then the old loops' raw count (six characters per raw one, below the limit) is the same
    assertThat(length).isEqualTo(6 * referenceRawLength(snapshot));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().ofMaxLength(12);
  }

  private static JourneySnapshot snapshot(
      List<Delta> stored, Optional<String> ruleSet, boolean engaged, boolean withOthers) {
    JourneySnapshot.Builder b =
        JourneySnapshot.initial(LEAD, engaged ? "SALES_ENGAGED" : "NURTURE", T0).toBuilder();
    stored.forEach(x -> b.addToCounter(x.name(), x.delta()));
    ruleSet.ifPresent(b::ruleSet);
    if (withOthers) {
      b.property("owner", "o-1", "bench@1", T0)
          .timer(new PendingTimer("sla", NOW.plusSeconds(60), 3, Map.of()))
          .suppression(new Suppression("sms", "opt-out", Suppression.UNTIL_RESUMED))
          .journey("renewal", new JourneyState("WATCH", T0, Optional.of("renewal@3")));
    }
    return b.version(stored.size()).updatedAt(T0).build();
  }

  /** The per-map loops the engine counted with before (entry views and iterators). */
  private static long referenceRawLength(JourneySnapshot snapshot) {
    long n = 256 + snapshot.state().length() + snapshot.ruleSet().map(String::length).orElse(0);
    for (Map.Entry<String, PropertyValue> e : snapshot.properties().entrySet()) {
      n += 70 + e.getKey().length() + e.getValue().value().length() + e.getValue().writer().length();
    }
    for (PendingTimer timer : snapshot.timers().values()) {
      n += 100 + 2 * timer.name().length();
      for (Map.Entry<String, String> a : timer.attributes().entrySet()) {
        n += 6 + a.getKey().length() + a.getValue().length();
      }
    }
    for (Map.Entry<String, Suppression> e : snapshot.suppressions().entrySet()) {
      n += 70 + 2 * e.getKey().length() + e.getValue().reason().length();
    }
    for (String counter : snapshot.counters().keySet()) {
      n += 26 + counter.length();
    }
    for (Map.Entry<String, JourneyState> e : snapshot.journeys().entrySet()) {
      n += 96 + e.getKey().length() + e.getValue().state().length()
          + e.getValue().ruleSet().map(String::length).orElse(0);
    }
    return n + snapshot.features().encodedLengthBound();
  }
}
