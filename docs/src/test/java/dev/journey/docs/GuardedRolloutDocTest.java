package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.guard.Comparison;
import dev.journey.core.guard.GuardCheck;
import dev.journey.core.guard.GuardListener;
import dev.journey.core.guard.GuardrailCollector;
import dev.journey.core.guard.GuardrailFigures;
import dev.journey.core.guard.GuardrailMetric;
import dev.journey.core.guard.Guardrails;
import dev.journey.core.guard.RolloutGuard;
import dev.journey.core.guard.Sample;
import dev.journey.core.guard.SampleSize;
import dev.journey.core.guard.SequentialTest;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.rollout.DeploymentEvaluator;
import dev.journey.core.rollout.DeploymentWatcher;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.PilotScope;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.core.rollout.RollbackMode;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of docs/operations.md, "Guarded rollout", run. */
final class GuardedRolloutDocTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void should_size_the_test_from_the_power_analysis() {
    // given / when
    // tag::test[]
    SequentialTest test = SequentialTest.builder()
        .alpha(0.05)                      // at most a 5% chance of ever raising a false alarm
        .minimumDetectableEffect(0.10)    // 10 points of a rate; also the mixing sd τ
        .build();
    Comparison look = test.compare(Sample.proportion(30, 100), Sample.proportion(90, 900));
    // breach rate 10% on live, 30% on the candidate, which gets 10% of the subjects:
    SampleSize needed = test.sampleSize(0.20, 0.3 * 0.7, 0.1 * 0.9, 0.10, 0.95);
    // end::test[]

    // then
    assertThat(look.verdict()).isEqualTo(Comparison.Verdict.CANDIDATE_HIGHER);
    assertThat(look.low()).isPositive();
    assertThat(needed.candidate()).isBetween(50L, 400L);
    assertThat(needed.live()).isGreaterThanOrEqualTo(9 * needed.candidate() - 9);
  }

  @Test
  void should_guard_a_rollout_inside_the_runtime() {
    // given a journey deployed with two versions, v2 rolling out at 10%
    VirtualClock clock = VirtualClock.at(T0);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JavaRuleSet v1 = JavaRuleSet.builder("lead-handoff", "1").build();
    JavaRuleSet v2 = JavaRuleSet.builder("lead-handoff", "2").build();
    List<GuardCheck> paged = new ArrayList<>();
    GuardListener pager = new GuardListener() {
      @Override
      public void onRegression(GuardCheck check) {
        paged.add(check);
      }
    };

    // when
    // tag::guard[]
    MetricsDefinition metrics = MetricsDefinition.leadHandoff().build();
    GuardrailCollector collector = GuardrailCollector.create(metrics); // per pinned cohort, from the audit
    Guardrails guardrails = Guardrails.builder()
        .metric(GuardrailMetric.slaBreachRate("first-touch", 0.10))   // lower is better
        .metric(GuardrailMetric.rejectedDecisions(0.05))
        .metric(GuardrailMetric.deadLetters(0.05))
        .metric(GuardrailMetric.meanHours("time to first touch", 0.5))
        .metric(GuardrailMetric.milestoneRate("handoff", "meeting", 0.05)) // higher is better
        .alpha(0.05)                                                    // split over the 5 metrics
        .build();
    Deployments deployments = Deployments.builder(store).clock(clock)
        .metrics(GuardrailFigures.of(collector, guardrails))           // status shows the figures
        .build();
    deployments.register("lead-handoff", RegisteredVersion.of(RuleSetRef.of("lead-handoff", "1"), "", T0), "ana", "");
    deployments.register("lead-handoff", RegisteredVersion.of(RuleSetRef.of("lead-handoff", "2"), "", T0), "ana", "");
    deployments.start("lead-handoff", "2", List.of(10, 50, 100), PilotScope.everyone(), "ana", "faster touch");

    JourneyEngine engine = JourneyEngine.builder()
        .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(),
            DeploymentEvaluator.builder(DeploymentWatcher.of(store, "lead-handoff", clock, Duration.ofSeconds(5)))
                .version("1", v1).version("2", v2).build()))
        .store(store).clock(clock)
        .listener(collector)
        .build();
    RolloutGuard guard = RolloutGuard.builder(deployments, "lead-handoff", collector, guardrails)
        .clock(clock)
        .rollbackOnRegression(RollbackMode.NEW_ENTRIES) // pause, then roll back; without it: pause only
        .advanceAfter(200, Duration.ofDays(1))          // or leave out: steps wait for a person
        .deadLetters(store::deadLetters)
        .listener(pager)                                // onRegression, onAdvanced, onChecked
        .build();
    JourneyRuntime runtime = JourneyRuntime.builder(engine, (action, attempt) -> ExecutionResult.done())
        .scheduler(VirtualScheduler.on(clock))
        .task("guard", Duration.ofMinutes(5), guard::check) // in the runtime's loop, on the clock
        .build();
    runtime.start();
    GuardCheck now = guard.check();                         // or by hand
    // end::guard[]

    // then nothing is known yet, so the guard waits
    assertThat(now.action()).isEqualTo(GuardCheck.Action.WAITING_FOR_SAMPLE);
    assertThat(paged).isEmpty();
    assertThat(deployments.status("lead-handoff").render()).contains("first-touch breach rate");
    runtime.close(Duration.ofSeconds(1));
  }
}
