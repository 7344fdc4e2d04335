package dev.journey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.drools.BuildPath;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

final class GeneratedRulesTest {
  /** Ten signal types times six states, twice: two rules for every combination, so several fire. */
  private static final int RULES = 120;

  @Test
  void should_decide_like_the_generated_drl_when_generated_as_plain_java() {
    // given the same generated rules as DRL (classic path) and as a JavaRuleSet
    JavaRuleSet java = GeneratedRules.java(RULES);
    int multiple = 0;
    try (RuleSetRegistry registry = RuleSetRegistry.of(BuildPath.CLASSIC)) {
      DroolsEvaluator drools = DroolsEvaluator.of(registry.compile(
          RuleSet.builder(java.ruleSet().name(), java.ruleSet().version())
              .drl("generated.drl", GeneratedRules.drl(RULES, 0))
              .build()));

      for (Inputs.Input input : Inputs.generate(2_000, 11)) {
        // when both decide the same input
        Decision d = drools.evaluate(input.snapshot(), input.signal(), Inputs.NOW);
        Decision j = java.evaluate(input.snapshot(), input.signal(), Inputs.NOW);

        // then the same rules fire with the same effects (the DRL has no salience, so the
        // firing order, and with it the action ordinals, may differ)
        assertThat(j.rulesFired()).as("rules fired on %s", input.signal())
            .containsExactlyInAnyOrderElementsOf(d.rulesFired());
        assertThat(j.counterDeltas()).isEqualTo(d.counterDeltas());
        assertThat(j.stateAfter()).isEqualTo(d.stateAfter());
        assertThat(kinds(j.actions())).containsExactlyInAnyOrderElementsOf(kinds(d.actions()));
        if (j.rulesFired().size() > 1) {
          multiple++;
        }
      }
    }
    assertThat(multiple).as("inputs on which several generated rules fire").isPositive();
  }

  @Test
  void should_generate_one_labelled_rule_per_count_when_generated_as_plain_java() {
    // given / when
    JavaRuleSet rules = GeneratedRules.java(1_000);

    // then
    assertThat(rules.labels()).hasSize(1_000).doesNotHaveDuplicates().startsWith("generated 0");
  }

  private static List<String> kinds(List<Action> actions) {
    return actions.stream().map(a -> a.kind() + " " + a.toString().replaceAll("id=[^,)]*", "")).toList();
  }
}
