package dev.journey.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

final class EvaluatorOutputProperties {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef SUBJECT = SubjectRef.contact("1");
  private static final Signal SIGNAL = Signal.builder().id("s-1").subject(SUBJECT).type(SignalTypes.DEMO_REQUESTED).occurredAt(NOW).build();

  /** The evaluator's decision: a transition, a route request, a task, a timer, a counter. */
  private static Decision evaluated() {
    return Decision.builder(JourneySnapshot.initial(SUBJECT, JourneyModel.NURTURE, NOW), SIGNAL, NOW, RuleSetRef.of("handoff", "1"))
        .fired("demo")
        .transitionTo(JourneyModel.SALES_ENGAGED)
        .route("inbound")
        .createTask("Call back", "demo", NOW.plus(Duration.ofHours(2)))
        .startTimer("sla:first-touch", NOW.plus(Duration.ofHours(4)))
        .increment("demos", 1)
        .annotate("k", "v")
        .build();
  }

  /** What a chain of stages might make of it: each flag changes one part. */
  private static Decision staged(Decision raw, boolean state, boolean actions, boolean timers, boolean requests,
      boolean counters, boolean drop, boolean trace, boolean annotations) {
    Decision d = raw;
    if (state) {
      d = d.withStateAfter(JourneyModel.NURTURE);
    }
    if (requests) {
      d = d.withRequests(List.of());
    }
    if (actions) {
      d = d.withActions(List.of());
    }
    if (timers) {
      d = d.withTimerCommands(List.of());
    }
    if (counters) {
      d = d.withCounterDeltas(Map.of("loop.count", 1L));
    }
    if (drop && !d.actions().isEmpty()) {
      d = d.dropping(d.actions().get(0), "caps", "over the daily cap");
    }
    if (trace) {
      d = d.withTrace("routing: owner-7");
    }
    if (annotations) {
      d = d.withAnnotation("routing.pool", "inbound");
    }
    return d;
  }

  @Property(tries = 200)
  void the_kept_difference_gives_the_evaluators_decision_back_and_names_exactly_what_changed(
      @ForAll boolean state, @ForAll boolean actions, @ForAll boolean timers, @ForAll boolean requests,
      @ForAll boolean counters, @ForAll boolean drop, @ForAll boolean trace, @ForAll boolean annotations) {
    // given
    Decision raw = evaluated();
    Decision decided = staged(raw, state, actions, timers, requests, counters, drop, trace, annotations);

    // when
    StageInputs inputs = StageInputs.NONE.withEvaluated(raw, decided);

    // then
    assertThat(inputs.evaluatedOr(decided)).isEqualTo(raw);
    assertThat(inputs.evaluated().isPresent()).isEqualTo(!raw.equals(decided));
    inputs.evaluated().ifPresent(kept -> {
      assertThat(kept.changed().contains(EvaluatorOutput.Part.STATE_AFTER)).isEqualTo(state);
      assertThat(kept.changed().contains(EvaluatorOutput.Part.TIMER_COMMANDS)).isEqualTo(timers);
      assertThat(kept.changed().contains(EvaluatorOutput.Part.REQUESTS)).isEqualTo(requests);
      assertThat(kept.changed().contains(EvaluatorOutput.Part.COUNTER_DELTAS)).isEqualTo(counters);
      assertThat(kept.changed().contains(EvaluatorOutput.Part.TRACE)).isEqualTo(trace);
      assertThat(kept.changed().contains(EvaluatorOutput.Part.DROPPED)).isEqualTo(!decided.dropped().isEmpty());
      assertThat(kept.changed().contains(EvaluatorOutput.Part.ACTIONS)).isEqualTo(!decided.actions().equals(raw.actions()));
      assertThat(kept.changed().contains(EvaluatorOutput.Part.ANNOTATIONS)).isEqualTo(annotations);
      assertThat(kept.changed()).doesNotContain(EvaluatorOutput.Part.RULES_FIRED);
    });
  }

  @Test
  void should_refuse_an_output_that_names_no_change_and_drop_values_of_parts_that_did_not() {
    assertThatThrownBy(() -> new EvaluatorOutput(Set.of(), "", null, null, null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an evaluator output must name at least one part the stages changed, but named none");
    EvaluatorOutput trace = new EvaluatorOutput(
        Set.of(EvaluatorOutput.Part.TRACE), "SALES_ENGAGED", List.of("r"), null, null, null, null, null, null, List.of("x"), null);
    assertThat(trace.stateAfter()).isEmpty();
    assertThat(trace.rulesFired()).isEmpty();
    assertThat(trace.trace()).containsExactly("x");
    assertThat(new EvaluatorOutput(Set.of(EvaluatorOutput.Part.TRACE), null, null, null, null, null, null, null, null, null, null)
        .toString()).isEqualTo("EvaluatorOutput[changed=[TRACE]]");
  }
}
