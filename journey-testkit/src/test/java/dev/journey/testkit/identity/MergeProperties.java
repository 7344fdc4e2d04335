package dev.journey.testkit.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.identity.MergeRequest;
import dev.journey.core.identity.MergeResult;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random histories of signals, timers and merges (at random points, redelivered, racing a due
 * timer) against a reference model that applies each merge at its position: the same counters,
 * the same pending timers, every timer fired exactly once, every effect queued exactly once and
 * on the subject that survived.
 */
final class MergeProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int SUBJECTS = 4;
  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("merge-properties", "1")
          .rule(
              "a form is counted, notified and may start a timer",
              f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
              (f, d) -> {
                d.increment("forms", 1).notify("owner-1", "form");
                f.signal().stringAttribute("startTimer").ifPresent(name ->
                    d.startTimer(name, f.now().plus(Duration.ofMinutes(f.signal().longAttribute("delay").orElseThrow()))));
              })
          .rule(
              "a firing is counted per timer",
              f -> f.signal().isTimer(),
              (f, d) -> d.increment("fired:" + f.signal().firing().orElseThrow().name(), 1))
          .build();

  /** One step of a history. */
  sealed interface Op permits Form, Merge, Redeliver, Advance, Race {}

  record Form(int subject, boolean timer, int delay) implements Op {}

  record Merge(int survivor, int absorbed) implements Op {}

  record Redeliver() implements Op {}

  record Advance(int minutes) implements Op {}

  record Race(int survivor, int absorbed, int minutes) implements Op {}

  @Provide
  Arbitrary<List<Op>> histories() {
    Arbitrary<Integer> subject = Arbitraries.integers().between(1, SUBJECTS);
    Arbitrary<Op> form =
        Combinators.combine(subject, Arbitraries.of(true, false), Arbitraries.integers().between(1, 90)).as(Form::new);
    Arbitrary<Op> merge = Combinators.combine(subject, subject).as(Merge::new);
    Arbitrary<Op> redeliver = Arbitraries.just(new Redeliver());
    Arbitrary<Op> advance = Arbitraries.integers().between(1, 60).map(Advance::new);
    Arbitrary<Op> race =
        Combinators.combine(subject, subject, Arbitraries.integers().between(1, 90)).as(Race::new);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, form),
            net.jqwik.api.Tuple.of(2, merge),
            net.jqwik.api.Tuple.of(1, redeliver),
            net.jqwik.api.Tuple.of(3, advance),
            net.jqwik.api.Tuple.of(2, race))
        .list()
        .ofMinSize(1)
        .ofMaxSize(30);
  }

  /** The reference model: per canonical subject, counters and pending timers. */
  private static final class Model {
    final Map<Integer, Integer> canonical = new TreeMap<>();
    final Map<Integer, Map<String, Long>> counters = new TreeMap<>();
    final Map<Integer, Map<String, Instant>> pending = new TreeMap<>();
    long effects;

    Model() {
      for (int i = 1; i <= SUBJECTS; i++) {
        canonical.put(i, i);
        counters.put(i, new TreeMap<>());
        pending.put(i, new TreeMap<>());
      }
    }

    int of(int subject) {
      return canonical.get(subject);
    }

    void merge(int survivor, int absorbed) {
      int s = of(survivor);
      int a = of(absorbed);
      if (s == a) {
        return;
      }
      counters.get(a).forEach((k, v) -> counters.get(s).merge(k, v, Long::sum));
      pending.get(s).putAll(pending.get(a)); // timer names are unique within a history
      counters.get(a).clear();
      pending.get(a).clear();
      canonical.replaceAll((id, c) -> c == a ? s : c);
    }

    void fire(Instant now) {
      for (Map.Entry<Integer, Map<String, Instant>> e : pending.entrySet()) {
        List<String> due = new ArrayList<>();
        e.getValue().forEach((name, at) -> {
          if (!at.isAfter(now)) {
            due.add(name);
          }
        });
        for (String name : due) {
          e.getValue().remove(name);
          counters.get(e.getKey()).merge("fired:" + name, 1L, Long::sum);
        }
      }
    }
  }

  private static SubjectRef ref(int id) {
    return SubjectRef.contact("c" + id);
  }

  @Property(tries = 80)
  void should_end_like_the_reference_model_with_no_effect_duplicated_and_no_timer_lost(
      @ForAll("histories") List<Op> history) {
    // given
    VirtualClock clock = VirtualClock.at(T0);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    IdentityResolver identity =
        IdentityResolver.builder().store(store).model(JourneyModel.leadHandoff()).clock(clock).build();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff()).evaluator(RULES).build())
            .store(store)
            .clock(clock)
            .identity(identity)
            .build();
    Model model = new Model();
    MergeRequest last = null;
    int step = 0;

    // when
    for (Op op : history) {
      step++;
      if (op instanceof Form f) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (f.timer()) {
          attributes.put("startTimer", "t" + step);
          attributes.put("delay", (long) f.delay());
        }
        engine.accept(Signal.builder().id("form-" + step).subject(ref(f.subject())).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(clock.instant()).source("test").attributes(attributes).build());
        int c = model.of(f.subject());
        model.counters.get(c).merge("forms", 1L, Long::sum);
        model.effects++;
        if (f.timer()) {
          model.pending.get(c).put("t" + step, clock.instant().plus(Duration.ofMinutes(f.delay())));
        }
      } else if (op instanceof Merge m) {
        last = merge(identity, model, step, m.survivor(), m.absorbed(), clock);
      } else if (op instanceof Redeliver) {
        if (last != null) {
          assertThat(identity.merger().merge(last)).isInstanceOf(MergeResult.Unchanged.class);
        }
      } else if (op instanceof Advance a) {
        clock.advance(Duration.ofMinutes(a.minutes()));
        engine.fireDueTimers();
        model.fire(clock.instant());
      } else if (op instanceof Race r) {
        // timers fall due, are claimed for the absorbed subject, then the merge commits first
        clock.advance(Duration.ofMinutes(r.minutes()));
        SubjectRef absorbed = identity.canonical(ref(r.absorbed()));
        List<Signal> claimed = new ArrayList<>();
        for (PendingTimer t : store.load(absorbed).map(JourneySnapshot::timers).orElse(Map.of()).values()) {
          if (!t.dueAt().isAfter(clock.instant())) {
            claimed.add(timerFiring(absorbed, t));
          }
        }
        last = merge(identity, model, step, r.survivor(), r.absorbed(), clock);
        for (Signal firing : claimed) {
          engine.accept(firing);
        }
        engine.fireDueTimers();
        model.fire(clock.instant());
      }
    }

    // then: the same state as the model, subject by subject
    for (int id = 1; id <= SUBJECTS; id++) {
      int c = model.of(id);
      assertThat(identity.canonical(ref(id))).isEqualTo(ref(c));
      if (c != id) {
        assertThat(store.load(ref(id))).as("merged-away %s", ref(id)).isEmpty();
        continue;
      }
      Map<String, Long> counters = store.load(ref(id)).map(JourneySnapshot::counters).orElse(Map.of());
      assertThat(counters).as("counters of %s", ref(id)).isEqualTo(model.counters.get(id));
      Set<String> timers = store.load(ref(id)).map(s -> s.timers().keySet()).orElse(Set.of());
      assertThat(timers).as("pending timers of %s", ref(id)).isEqualTo(model.pending.get(id).keySet());
    }
    // no effect duplicated or lost, each queued on a surviving subject
    List<OutboxEntry> pending = store.pendingActions();
    assertThat(pending).hasSize((int) model.effects);
    assertThat(new HashSet<>(pending.stream().map(OutboxEntry::actionId).toList())).hasSize(pending.size());
    for (OutboxEntry e : pending) {
      assertThat(identity.canonical(e.subject())).isEqualTo(e.subject());
    }
    // the due-timer index holds exactly the model's pending timers, on their survivors
    List<DueTimer> index = store.claimDueTimers(T0.plus(Duration.ofDays(365)), Duration.ofMinutes(1), 10_000);
    long expected = model.pending.values().stream().mapToLong(Map::size).sum();
    assertThat(index).hasSize((int) expected);
    for (DueTimer t : index) {
      assertThat(model.pending.get(Integer.parseInt(t.subject().id().substring(1)))).containsKey(t.timer().name());
    }
  }

  private static MergeRequest merge(
      IdentityResolver identity, Model model, int step, int survivor, int absorbed, VirtualClock clock) {
    if (survivor == absorbed) {
      return null;
    }
    MergeRequest request =
        MergeRequest.crm("merge-" + step, ref(survivor), List.of(ref(absorbed)), "hubspot-contact", clock.instant());
    MergeResult result = identity.merger().merge(request);
    boolean distinct = model.of(survivor) != model.of(absorbed);
    assertThat(result).isInstanceOf(distinct ? MergeResult.Merged.class : MergeResult.Unchanged.class);
    model.merge(survivor, absorbed);
    return request;
  }

  /** The firing the engine would deliver for a timer claimed before the merge. */
  private static Signal timerFiring(SubjectRef subject, PendingTimer t) {
    return Signal.builder()
        .id("timer:" + subject + ":" + t.name() + ":" + t.generation())
        .subject(subject)
        .type(SignalTypes.TIMER_FIRED)
        .occurredAt(t.dueAt())
        .source("journey")
        .attributes(Map.of("timer", t.name(), "generation", t.generation()))
        .build();
  }
}
