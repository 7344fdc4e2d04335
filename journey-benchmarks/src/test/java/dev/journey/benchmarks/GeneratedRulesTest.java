package dev.journey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.drools.BuildPath;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class GeneratedRulesTest {
  /** Ten signal types times six states, twice: two rules for every combination, so several fire. */
  private static final int DENSE_RULES = 120;
  /** The type counters and one rule for each of the 240 groups of the realistic set. */
  private static final int REALISTIC_RULES = 10 + 240;

  @Test
  void should_decide_like_the_generated_drl_when_the_original_set_is_generated_as_plain_java() {
    // given the original generated rules as DRL (classic path) and as a JavaRuleSet
    JavaRuleSet java = GeneratedRules.java(DENSE_RULES);

    // when / then
    int several = compare(java, GeneratedRules.drl(DENSE_RULES, 0), Inputs.generate(2_000, 11));
    assertThat(several).as("inputs on which several generated rules fire").isPositive();
  }

  @Test
  void should_decide_like_the_generated_drl_when_the_realistic_set_is_generated_as_plain_java() {
    // given the realistic generated rules as DRL and as a JavaRuleSet, and inputs with segment,
    // country and lifecycle stage
    List<GeneratedRules.Rule> rules = GeneratedRules.realistic(REALISTIC_RULES);
    JavaRuleSet java = GeneratedRules.java(rules, "realistic");
    Map<String, Object>[] sets = GeneratedRules.attributeSets(64, 3);
    Random random = new Random(5);
    List<Inputs.Input> inputs = new ArrayList<>();
    for (Inputs.Input input : Inputs.generate(3_000, 13)) {
      if (input.signal().isTimer()) {
        continue;
      }
      Map<String, Object> attributes = new HashMap<>(input.signal().attributes());
      attributes.putAll(sets[random.nextInt(sets.length)]);
      JourneySnapshot snapshot = input.snapshot().toBuilder()
          .property("lifecycle_stage",
              GeneratedRules.LIFECYCLE_STAGES[random.nextInt(GeneratedRules.LIFECYCLE_STAGES.length)],
              "crm", Inputs.NOW)
          .build();
      Signal s = input.signal();
      inputs.add(new Inputs.Input(snapshot,
          new Signal(s.id(), s.subject(), s.type(), s.occurredAt(), s.source(), attributes)));
    }

    // when / then: both fire the same rules, and grouped rules (beyond the type counters) fire
    int several = compare(java, GeneratedRules.drl(rules, "realistic"), inputs);
    assertThat(several).as("inputs on which a grouped rule fires besides the counter").isPositive();
  }

  @Test
  void should_generate_one_labelled_rule_per_count_when_generated_as_plain_java() {
    // given / when
    JavaRuleSet dense = GeneratedRules.java(1_000);
    JavaRuleSet realistic = GeneratedRules.java(GeneratedRules.realistic(1_000), "realistic");

    // then
    assertThat(dense.labels()).hasSize(1_000).doesNotHaveDuplicates().startsWith("generated 0");
    assertThat(realistic.labels()).hasSize(1_000).doesNotHaveDuplicates();
  }

  /** Compares every decision; returns on how many inputs more than one rule fired. */
  private static int compare(JavaRuleSet java, String drl, List<Inputs.Input> inputs) {
    int several = 0;
    try (RuleSetRegistry registry = RuleSetRegistry.of(BuildPath.CLASSIC)) {
      DroolsEvaluator drools = DroolsEvaluator.of(registry.compile(
          RuleSet.builder(java.ruleSet().name(), java.ruleSet().version())
              .drl("generated.drl", drl)
              .build()));
      for (Inputs.Input input : inputs) {
        Decision d = drools.evaluate(input.snapshot(), input.signal(), Inputs.NOW);
        Decision j = java.evaluate(input.snapshot(), input.signal(), Inputs.NOW);
        // the same rules fire with the same effects (the DRL has no salience, so the firing
        // order, and with it the action ordinals, may differ)
        assertThat(j.rulesFired()).as("rules fired on %s", input.signal())
            .containsExactlyInAnyOrderElementsOf(d.rulesFired());
        assertThat(j.counterDeltas()).isEqualTo(d.counterDeltas());
        assertThat(j.stateAfter()).isEqualTo(d.stateAfter());
        assertThat(kinds(j.actions())).containsExactlyInAnyOrderElementsOf(kinds(d.actions()));
        if (j.rulesFired().size() > 1) {
          several++;
        }
      }
    }
    return several;
  }

  private static List<String> kinds(List<Action> actions) {
    return actions.stream().map(a -> a.toString().replaceAll("id=[^,)]*", "")).toList();
  }
}
