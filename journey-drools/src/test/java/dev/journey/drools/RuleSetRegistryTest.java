package dev.journey.drools;

import static dev.journey.drools.Fixtures.CONTACT;
import static dev.journey.drools.Fixtures.NOW;
import static dev.journey.drools.Fixtures.header;
import static dev.journey.drools.Fixtures.nurture;
import static dev.journey.drools.Fixtures.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.rollout.RolloutPlan;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

final class RuleSetRegistryTest {
  private static final String V1 =
      header("p.reg") + "rule \"one\" @label(\"v1 rule\") when JourneyFacts() then end\n";
  private static final String V2 =
      header("p.reg") + "rule \"two\" @label(\"v2 rule\") when JourneyFacts() then end\n";

  /** Runs tasks only when told to, so a test controls when a background build happens. */
  private static final class ManualExecutor implements Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      while (!tasks.isEmpty()) {
        tasks.poll().run();
      }
    }
  }

  @Test
  void should_compile_equal_content_once_and_keep_versions_side_by_side() {
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      // given
      CompiledRuleSet one = registry.compile(RuleSet.builder("r", "1").drl("r.drl", V1).build());
      // when the same content comes as version 3, and other content as version 2
      CompiledRuleSet three = registry.compile(RuleSet.builder("r", "3").drl("r.drl", V1).build());
      CompiledRuleSet two = registry.compile(RuleSet.builder("r", "2").drl("r.drl", V2).build());
      // then
      assertThat(three.kieBase()).isSameAs(one.kieBase());
      assertThat(two.kieBase()).isNotSameAs(one.kieBase());
      assertThat(registry.versions("r")).containsExactly("1", "2", "3");
      assertThat(registry.evaluator("r", "2").orElseThrow().evaluate(nurture(CONTACT), signal("s", "X", Map.of()), NOW).rulesFired())
          .containsExactly("v2 rule");
      assertThat(registry.evaluator("r", "1").orElseThrow()).isSameAs(registry.evaluator("r", "1").orElseThrow());
      assertThat(registry.remove("r", "1")).isTrue();
      assertThat(registry.get("r", "1")).isEmpty();
      assertThat(registry.get("r", "3")).isPresent();
    }
  }

  @Test
  void should_not_block_evaluation_while_a_new_version_compiles() {
    ManualExecutor background = new ManualExecutor();
    try (RuleSetRegistry registry = RuleSetRegistry.of(BuildPath.CLASSIC, background)) {
      // given version 1 loaded
      registry.compile(RuleSet.builder("r", "1").drl("r.drl", V1).build());
      // when version 2 is loaded in the background, which has not run yet
      CompletableFuture<CompiledRuleSet> loading =
          registry.load(RuleSet.builder("r", "2").drl("r.drl", V2).build());
      // then version 1 evaluates, version 2 is not visible yet
      assertThat(loading).isNotDone();
      assertThat(registry.get("r", "2")).isEmpty();
      assertThat(registry.evaluator("r", "1").orElseThrow().evaluate(nurture(CONTACT), signal("s", "X", Map.of()), NOW).rulesFired())
          .containsExactly("v1 rule");
      // and once the background build ran, version 2 is there
      background.runAll();
      assertThat(loading).isCompleted();
      assertThat(registry.get("r", "2")).contains(loading.join());
    }
  }

  @Test
  void should_fail_the_future_of_a_bad_background_build_with_its_problems() {
    ManualExecutor background = new ManualExecutor();
    try (RuleSetRegistry registry = RuleSetRegistry.of(BuildPath.CLASSIC, background)) {
      // given
      CompletableFuture<CompiledRuleSet> loading =
          registry.load(RuleSet.builder("r", "1").drl("r.drl", header("p") + "rule x when JourneyFacts() then System.exit(1); end\n").build());
      // when
      background.runAll();
      // then
      assertThat(loading).isCompletedExceptionally();
      assertThatThrownBy(loading::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(RuleCompilationException.class)
          .hasMessageContaining("r.drl:5:40: rule \"x\" calls java.lang.System.exit(), which the rule sandbox does not allow");
      assertThat(registry.versions("r")).isEmpty();
    }
  }

  @Test
  void should_refuse_other_content_under_a_registered_version() {
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      // given
      registry.compile(RuleSet.builder("r", "1").drl("r.drl", V1).build());
      RuleSet changed = RuleSet.builder("r", "1").drl("r.drl", V2).build();
      // when / then
      assertThatThrownBy(() -> registry.compile(changed))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("rule set r@1 is already registered with content ")
          .hasMessageEndingWith("; give changed rules a new version");
    }
  }

  @Test
  void should_compile_on_the_executable_model_path_too() {
    try (RuleSetRegistry registry = RuleSetRegistry.of(BuildPath.EXECUTABLE_MODEL)) {
      // when
      CompiledRuleSet compiled =
          registry.compile(RuleSet.builder("lead-handoff", "1").classpath("rules/lead-handoff.drl").build());
      // then
      assertThat(compiled.buildPath()).isEqualTo(BuildPath.EXECUTABLE_MODEL);
      assertThat(
              DroolsEvaluator.of(compiled)
                  .evaluate(nurture(CONTACT), signal("s", "DEMO_REQUESTED", Map.of("fitScore", 70)), NOW)
                  .rulesFired())
          .containsExactly("demo request qualifies");
    }
  }

  @Test
  void should_refuse_a_rollout_of_a_version_that_is_not_compiled() {
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      assertThatThrownBy(() -> registry.rollout(RolloutPlan.pinned("r", "1")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("rule set r@1 must be compiled before rolling out, but the registry has []");
    }
  }
}
