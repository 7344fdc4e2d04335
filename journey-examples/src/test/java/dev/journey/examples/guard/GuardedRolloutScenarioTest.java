package dev.journey.examples.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SubjectRef;
import dev.journey.core.guard.GuardCheck;
import dev.journey.core.guard.GuardrailMetric;
import dev.journey.core.guard.GuardrailReading;
import dev.journey.core.guard.Guardrails;
import dev.journey.core.guard.SampleSize;
import dev.journey.core.rollout.DeploymentChange;
import dev.journey.core.rollout.DeploymentStatus;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.drools.RuleSetRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's guarded-rollout scenarios on the example journey, on virtual time: a v2 that breaks
 * the first-touch SLA for half its subjects is rolled back at 10% within the sample the power
 * analysis predicts, and a v2 that is better is promoted through every step. (The A/A scenario,
 * 200 seeded runs, is {@code AaRolloutTest} in journey-core, on a small synthetic journey.)
 */
final class GuardedRolloutScenarioTest {
  private static final Guardrails GUARDRAILS = Guardrails.builder()
      .metric(GuardrailMetric.slaBreachRate("first-touch", 0.2))
      .metric(GuardrailMetric.rejectedDecisions(0.1))
      .metric(GuardrailMetric.meanHours("time to first touch", 1))
      .alpha(0.05)
      .minimumSample(50) // durations are skewed: the normal approximation needs more than the default 20
      .build();
  private static final GuardrailMetric BREACHES = GUARDRAILS.metrics().get(0);
  /**
   * A step's minimum sample: what detects the minimum detectable effect (20 points over a breach
   * rate of 10%) with 80% power at a 10% share.
   */
  private static final long STEP_SAMPLE =
      GUARDRAILS.test(BREACHES).sampleSize(0.2, 0.3 * 0.7, 0.1 * 0.9, 0.1, 0.8).candidate();

  /** One registry per test: the two scenarios name different rules v1 and v2. */
  private final RuleSetRegistry registry = RuleSetRegistry.ofDefaults();

  @TempDir Path dir;

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void should_pause_and_roll_back_a_v2_that_breaks_the_first_touch_sla_for_half_its_subjects() {
    // given v2 neither routes nor creates a task for webinar leads (half of them), rolled out at 10%
    Map<SubjectRef, Integer> percentAtEntry = new HashMap<>();
    ExampleRollout[] holder = new ExampleRollout[1];
    ExampleRollout rollout = new ExampleRollout(registry, ExampleRollout.rules(dir, "v1", false),
        ExampleRollout.rules(dir, "v2", true), GUARDRAILS, 14, List.of(10, 50, 100), STEP_SAMPLE, Duration.ofDays(1));
    holder[0] = rollout;

    // when it runs until the guard acts (at most 3,000 demo requests), and a day longer
    rollout.run(3000, n -> { }, () -> !holder[0].changes.isEmpty());

    // then the guard paused and rolled back at 10%, as "guard", with the statistic as the reason
    JourneyDeployment d = rollout.deployments.require(ExampleRollout.JOURNEY);
    assertThat(rollout.changes).extracting(GuardCheck::action).containsExactly(GuardCheck.Action.ROLLED_BACK);
    GuardCheck rolledBack = rollout.changes.get(0);
    assertThat(rolledBack.percent()).isEqualTo(10);
    assertThat(d.candidate()).isEmpty();
    List<DeploymentChange> byGuard = d.history().stream().filter(c -> c.who().equals("guard")).toList();
    assertThat(byGuard).extracting(DeploymentChange::kind)
        .containsExactly(DeploymentChange.Kind.PAUSE, DeploymentChange.Kind.ROLLBACK);
    assertThat(byGuard.get(1).why()).startsWith("regression of first-touch breach rate: live ").contains("log(LR)=");

    // and within the sample the power analysis predicts for the true effect (95% power at 10%)
    GuardrailReading breaches = rolledBack.readings().get(0);
    double p0 = breaches.live().mean();
    double p1 = 0.5 + 0.5 * p0;
    SampleSize predicted =
        GUARDRAILS.test(BREACHES).sampleSize(p1 - p0, p1 * (1 - p1), breaches.live().variance(), 0.1, 0.95);
    System.out.printf("rolled back after %d demo requests: %s; predicted candidate sample %d%n",
        rollout.arrived(), breaches.describe(), predicted.candidate());
    assertThat(breaches.candidate().n()).isPositive().isLessThanOrEqualTo(predicted.candidate());

    // and no subject outside the 10% cohort ever saw v2, and no pinned subject flipped
    rollout.versions.forEach((subject, seen) -> {
      assertThat(seen).as("versions of %s", subject).containsOnly(seen.get(0));
      if (seen.contains("v2")) {
        assertThat(d.bucket(subject)).as("bucket of %s", subject).isLessThan(10 * 100);
      }
    });
    assertThat(rollout.versions.values()).anySatisfy(seen -> assertThat(seen).contains("v2"));
  }

  @Test
  void should_promote_a_better_v2_through_every_step_to_100_percent() {
    // given live v1 drops webinar leads and v2 does not
    ExampleRollout[] holder = new ExampleRollout[1];
    ExampleRollout rollout = new ExampleRollout(registry, ExampleRollout.rules(dir, "v1", true),
        ExampleRollout.rules(dir, "v2", false), GUARDRAILS, 15, List.of(10, 50, 100), STEP_SAMPLE, Duration.ofHours(12));
    holder[0] = rollout;

    // when
    rollout.run(3000, n -> { }, () -> holder[0].deployments.require(ExampleRollout.JOURNEY).live().equals("v2"));

    // then
    JourneyDeployment d = rollout.deployments.require(ExampleRollout.JOURNEY);
    assertThat(d.live()).isEqualTo("v2");
    assertThat(rollout.changes).extracting(GuardCheck::action)
        .containsExactly(GuardCheck.Action.STEPPED, GuardCheck.Action.STEPPED, GuardCheck.Action.PROMOTED);
    assertThat(rollout.changes).extracting(GuardCheck::percent).containsExactly(10, 50, 100);
    assertThat(d.history()).filteredOn(c -> c.who().equals("guard")).extracting(DeploymentChange::kind)
        .containsExactly(DeploymentChange.Kind.STEP, DeploymentChange.Kind.STEP, DeploymentChange.Kind.PROMOTE);
    rollout.versions.forEach((subject, seen) -> assertThat(seen).as("versions of %s", subject).containsOnly(seen.get(0)));

    System.out.printf("promoted after %d demo requests%n%s", rollout.arrived(), rollout.deployments.status(ExampleRollout.JOURNEY).render());

    // and status shows both versions' guardrail figures with their intervals
    DeploymentStatus status = rollout.deployments.status(ExampleRollout.JOURNEY);
    assertThat(status.version("v1").orElseThrow().guardrails()).extracting(f -> f.metric())
        .containsExactly("first-touch breach rate", "rejected decisions", "time to first touch (h)");
    assertThat(status.render()).contains("first-touch breach rate");
  }
}
