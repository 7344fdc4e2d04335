package dev.journey.drools;

import static dev.journey.drools.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.JourneyEvaluator;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RolloutEvaluatorTest {

  private static JourneyEvaluator version(String v) {
    return (snapshot, signal, now) ->
        Decision.builder(snapshot, signal, now, RuleSetRef.of("r", v)).fired("v" + v).build();
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
          evaluator.evaluate(Fixtures.nurture(subject), Fixtures.signal(subject, "x" + i, "X", Map.of()), NOW);
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
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      assertThatThrownBy(() -> RolloutEvaluator.of(RolloutPlan.pinned("r", "1"), registry))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("rule set r@1 must be compiled before rolling out, but the registry has []");
    }
  }
}
