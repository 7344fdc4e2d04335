package dev.journey.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RolloutEvaluatorTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");

  private static JourneyEvaluator version(String v) {
    return (snapshot, signal, now) ->
        Decision.builder(snapshot, signal, now, RuleSetRef.of("r", v)).fired("v" + v).build();
  }

  private static Signal signal(SubjectRef subject, String id) {
    return Signal.builder().id(id).subject(subject).type("X").occurredAt(NOW).source("test").build();
  }

  @Test
  void should_evaluate_each_subject_with_the_version_its_bucket_selects() {
    // given a rollout at 50%
    RolloutPlan plan = RolloutPlan.start("r", "1", "2").next().next();
    RolloutEvaluator evaluator = RolloutEvaluator.of(plan, Map.of("1", version("1"), "2", version("2")));
    for (int i = 0; i < 200; i++) {
      SubjectRef subject = SubjectRef.contact("s" + i);
      // when
      Decision decision =
          evaluator.evaluate(
              JourneySnapshot.initial(subject, JourneyModel.NURTURE, NOW), signal(subject, "x" + i), NOW);
      // then
      String expected = plan.bucket(subject) < 5000 ? "2" : "1";
      assertThat(decision.ruleSet().version()).isEqualTo(expected);
      assertThat(decision.annotations())
          .containsEntry("rollout.version", expected)
          .containsEntry("rollout.bucket", Integer.toString(plan.bucket(subject)));
    }
  }

  @Test
  void should_require_an_evaluator_for_every_version_of_the_plan() {
    assertThatThrownBy(() -> RolloutEvaluator.of(RolloutPlan.start("r", "1", "2"), Map.of("1", version("1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "byVersion must have an evaluator for every version of r: 1 -> 2 at 1%, but has none"
                + " for '2' (has [1])");
  }
}
