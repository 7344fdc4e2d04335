package dev.journey.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the builder keeps its lists and counters in while it builds (one element as {@code
 * List.of}, one counter as {@code Map.of}, more in its own collections), the decision holds
 * exactly what the calls made, in call order (the reference model: plain lists and a sorted map
 * the calls are applied to), immutable, and a builder used on after {@code build} does not change
 * a decision already built.
 */
final class DecisionBuilderProperties {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef LEAD = SubjectRef.contact("7");

  sealed interface Call permits Fired, Increment, Trace, Timer, Task, Request {}

  record Fired(String label) implements Call {}

  record Increment(String counter, long delta) implements Call {}

  record Trace(String line) implements Call {}

  record Timer(String name, boolean start) implements Call {}

  record Task(String title) implements Call {}

  record Request(String policy) implements Call {}

  @Provide
  Arbitrary<List<Call>> calls() {
    Arbitrary<String> names = Arbitraries.of("a", "b", "c");
    Arbitrary<Call> call =
        Arbitraries.oneOf(
            names.map(n -> (Call) new Fired("rule " + n)),
            net.jqwik.api.Combinators.combine(names, Arbitraries.longs().between(-5, 5))
                .as((n, d) -> (Call) new Increment(n, d)),
            names.map(n -> (Call) new Trace("line " + n)),
            net.jqwik.api.Combinators.combine(names, Arbitraries.of(true, false))
                .as((n, s) -> (Call) new Timer(n, s)),
            names.map(n -> (Call) new Task("task " + n)),
            names.map(n -> (Call) new Request("policy " + n)));
    return call.list().ofMaxSize(8);
  }

  @Property(tries = 1000)
  void should_hold_what_the_calls_made_in_call_order(
      @ForAll("calls") List<Call> calls, @ForAll("calls") List<Call> afterBuild) {
    // given
    JourneySnapshot snapshot = JourneySnapshot.initial(LEAD, "NURTURE", NOW);
    Signal signal = Signal.builder().id("s-1").subject(LEAD).type("X").occurredAt(NOW).source("t").build();
    Decision.Builder builder = Decision.builder(snapshot, signal, NOW, RuleSetRef.of("r", "1"));
    Reference reference = new Reference();

    // when
    calls.forEach(c -> apply(c, builder, reference));
    Decision decision = builder.build();
    Reference at = reference.copy();
    afterBuild.forEach(c -> apply(c, builder, reference)); // the builder stays usable
    Decision later = builder.build();

    // then
    at.check(decision);
    reference.check(later);
  }

  private static void apply(Call call, Decision.Builder builder, Reference reference) {
    if (call instanceof Fired f) {
      builder.fired(f.label());
      reference.fired.add(f.label());
    } else if (call instanceof Increment i) {
      builder.increment(i.counter(), i.delta());
      reference.counters.merge(i.counter(), i.delta(), Long::sum);
    } else if (call instanceof Trace t) {
      builder.trace(t.line());
      reference.trace.add(t.line());
    } else if (call instanceof Timer t) {
      if (t.start()) {
        builder.startTimer(t.name(), NOW.plusSeconds(60));
        reference.timers.add(new TimerCommand.Schedule(t.name(), NOW.plusSeconds(60), Map.of()));
      } else {
        builder.cancelTimer(t.name());
        reference.timers.add(new TimerCommand.Cancel(t.name()));
      }
    } else if (call instanceof Task t) {
      int ordinal = reference.ordinal++;
      builder.createTask(t.title(), "body", NOW.plusSeconds(7200));
      reference.actionIds.add(dev.journey.core.action.ActionIds.derive(LEAD, "s-1", "r@1", ordinal));
      reference.ordinals.add(ordinal);
    } else if (call instanceof Request r) {
      builder.request("route", r.policy(), Map.of());
      reference.requests.add(new CapabilityRequest("route", r.policy(), reference.ordinal++, Map.of()));
    }
  }

  /** What the calls made, in plain collections. */
  private static final class Reference {
    List<String> fired = new ArrayList<>();
    TreeMap<String, Long> counters = new TreeMap<>();
    List<String> trace = new ArrayList<>();
    List<TimerCommand> timers = new ArrayList<>();
    List<String> actionIds = new ArrayList<>();
    List<Integer> ordinals = new ArrayList<>();
    List<CapabilityRequest> requests = new ArrayList<>();
    int ordinal;

    Reference copy() {
      Reference r = new Reference();
      r.fired = new ArrayList<>(fired);
      r.counters = new TreeMap<>(counters);
      r.trace = new ArrayList<>(trace);
      r.timers = new ArrayList<>(timers);
      r.actionIds = new ArrayList<>(actionIds);
      r.ordinals = new ArrayList<>(ordinals);
      r.requests = new ArrayList<>(requests);
      r.ordinal = ordinal;
      return r;
    }

    void check(Decision decision) {
      assertThat(decision.rulesFired()).isEqualTo(fired);
      assertThat(decision.counterDeltas()).isEqualTo(counters);
      assertThat(new ArrayList<>(decision.counterDeltas().keySet()))
          .isEqualTo(new ArrayList<>(counters.keySet()));
      assertThat(decision.trace()).isEqualTo(trace);
      assertThat(decision.timerCommands()).isEqualTo(timers);
      assertThat(decision.actions()).extracting(a -> a.id()).isEqualTo(actionIds);
      assertThat(decision.actionOrdinals()).isEqualTo(ordinals);
      assertThat(decision.requests()).isEqualTo(requests);
      assertThat(immutable(decision.rulesFired())).isTrue();
      assertThat(immutable(decision.actions())).isTrue();
      assertThat(immutable(decision.timerCommands())).isTrue();
      assertThat(immutable(decision.trace())).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static boolean immutable(List<?> list) {
      try {
        ((List<Object>) list).add("x");
        return false;
      } catch (UnsupportedOperationException e) {
        return true;
      }
    }
  }
}
