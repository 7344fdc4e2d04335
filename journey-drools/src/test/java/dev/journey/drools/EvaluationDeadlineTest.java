package dev.journey.drools;

import static dev.journey.drools.Fixtures.CONTACT;
import static dev.journey.drools.Fixtures.NOW;
import static dev.journey.drools.Fixtures.nurture;
import static dev.journey.drools.Fixtures.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class EvaluationDeadlineTest {
  private static RuleSetRegistry registry;

  @BeforeAll
  static void open() {
    registry = RuleSetRegistry.builder().allowClass(RuleHooks.class.getName()).build();
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  @AfterEach
  void release() {
    RuleHooks.release.countDown();
  }

  private static String rule(String name, int salience, String consequence) {
    return "rule \"" + name + "\" salience " + salience + " when JourneyFacts() then " + consequence + " end\n";
  }

  @Test
  void should_halt_between_firings_and_name_the_rule_when_the_budget_is_spent() {
    // given five rules that each spend 300 ms of a 1 s budget
    VirtualClock clock = VirtualClock.at(NOW);
    RuleHooks.clock = clock;
    StringBuilder drl = new StringBuilder(Fixtures.header("deadline.firings"));
    drl.append("import dev.journey.drools.RuleHooks;\n");
    for (int i = 1; i <= 5; i++) {
      drl.append(rule("slow " + i, 10 - i, "decision.trace(RuleHooks.spend(300));"));
    }
    CompiledRuleSet rules = Fixtures.compile(registry, "firings", "1", drl.toString());
    DroolsEvaluator evaluator =
        DroolsEvaluator.builder(rules).clock(clock).timeBudget(Duration.ofSeconds(1)).isolated(false).build();
    // when / then: slow 1-4 fire (1.2 s spent), the session halts before slow 5
    assertThatThrownBy(() -> evaluator.evaluate(nurture(CONTACT), signal("s-1", "X", Map.of()), NOW))
        .isInstanceOfSatisfying(
            RuleEvaluationException.class,
            e -> {
              assertThat(e.rule()).contains("slow 5");
              assertThat(e.ruleSet()).isEqualTo("firings@1");
              assertThat(e.getMessage()).contains("time budget of 1000 ms").contains("'slow 5'");
            });
    // and the next evaluation, within budget, is unaffected
    clock.set(NOW);
    DroolsEvaluator roomy =
        DroolsEvaluator.builder(rules).clock(clock).timeBudget(Duration.ofSeconds(2)).isolated(false).build();
    assertThat(roomy.evaluate(nurture(CONTACT), signal("s-2", "X", Map.of()), NOW).rulesFired()).hasSize(5);
  }

  @Test
  void should_free_the_caller_at_the_deadline_when_one_firing_never_returns() throws Exception {
    // given a rule whose single firing does not return until the test says so
    VirtualClock clock = VirtualClock.at(NOW);
    RuleHooks.clock = clock;
    RuleHooks.release = new CountDownLatch(1);
    RuleHooks.entered = new CountDownLatch(1);
    String drl =
        Fixtures.header("deadline.stall")
            + "import dev.journey.drools.RuleHooks;\n"
            + "rule \"stall\" when JourneyFacts(signalType == \"STALL\") then decision.trace(RuleHooks.stall()); end\n"
            + "rule \"ok\" when JourneyFacts(signalType == \"OK\") then decision.trace(\"ok\"); end\n";
    DroolsEvaluator evaluator =
        DroolsEvaluator.builder(Fixtures.compile(registry, "stall", "1", drl))
            .clock(clock)
            .timeBudget(Duration.ofMillis(250))
            .isolated(true)
            .maxRunaway(1)
            .build();
    // when the stalling evaluation passes its deadline
    assertThatThrownBy(() -> evaluator.evaluate(nurture(CONTACT), signal("s-1", "STALL", Map.of()), NOW))
        .isInstanceOfSatisfying(
            RuleEvaluationException.class,
            e -> {
              assertThat(e.rule()).contains("stall");
              assertThat(e.getMessage()).contains("time budget of 250 ms").contains("abandoned");
            });
    assertThat(RuleHooks.entered.await(10, TimeUnit.SECONDS)).isTrue();
    // then, while it still runs, the runaway limit (1) refuses new evaluations at once, typed
    clock.set(NOW);
    SubjectRef other = SubjectRef.contact("2002");
    assertThatThrownBy(() -> evaluator.evaluate(nurture(other), signal(other, "s-2", "OK", Map.of()), NOW))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessageContaining("1 evaluations past their deadline are still running");
    // and once it ends, other subjects evaluate normally
    RuleHooks.release.countDown();
    Decision decision = awaitEvaluation(evaluator, other, clock);
    assertThat(decision.rulesFired()).containsExactly("ok");
  }

  /** Retries while the abandoned evaluation winds down; bounded to 2,000 attempts. */
  private static Decision awaitEvaluation(DroolsEvaluator evaluator, SubjectRef subject, VirtualClock clock)
      throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    for (int attempt = 0; attempt < 2_000; attempt++) {
      try {
        clock.set(NOW);
        return evaluator.evaluate(nurture(subject), signal(subject, "s-" + attempt, "OK", Map.of()), NOW);
      } catch (RuleEvaluationException stillRunning) {
        never.await(5, TimeUnit.MILLISECONDS); // yield to the winding-down worker
      }
    }
    throw new AssertionError("the abandoned evaluation never ended");
  }
}
