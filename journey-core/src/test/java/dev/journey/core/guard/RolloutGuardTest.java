package dev.journey.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.rollout.DeploymentChange;
import dev.journey.core.rollout.DeploymentState;
import dev.journey.core.rollout.JourneyDeployment;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RolloutGuardTest {
  private static final Guardrails BREACHES = Guardrails.builder()
      .metric(GuardrailMetric.slaBreachRate(0.2))
      .metric(GuardrailMetric.rejectedDecisions(0.1))
      .alpha(0.05)
      .build();
  /**
   * Each step's minimum sample: what detects the minimum detectable effect (20 points) over a
   * breach rate of 10% with 80% power at a 10% share.
   */
  private static final long STEP_SAMPLE =
      BREACHES.test(BREACHES.metrics().get(0)).sampleSize(0.2, 0.3 * 0.7, 0.1 * 0.9, 0.1, 0.8).candidate();

  @Test
  void should_pause_and_roll_back_a_candidate_that_breaks_the_sla_for_half_its_subjects() {
    // given v2 creates no first-touch task for even contacts, at 10%
    GuardSimulation sim = new GuardSimulation(7, GuardSimulation.Rules.GOOD, GuardSimulation.Rules.BROKEN, BREACHES,
        STEP_SAMPLE, List.of(10, 50, 100));

    // when
    sim.run(4000);

    // then the guard paused, then rolled back, as "guard", with the test statistic as the reason
    JourneyDeployment d = sim.deployments.require(GuardSimulation.JOURNEY);
    assertThat(d.candidate()).isEmpty();
    List<DeploymentChange> last = d.history().subList(d.history().size() - 2, d.history().size());
    assertThat(last).extracting(DeploymentChange::kind)
        .containsExactly(DeploymentChange.Kind.PAUSE, DeploymentChange.Kind.ROLLBACK);
    assertThat(last).allSatisfy(c -> {
      assertThat(c.who()).isEqualTo("guard");
      assertThat(c.why()).startsWith("regression of sla breach rate: live ").contains("log(LR)=").contains("p=")
          .endsWith("REGRESSION");
    });
    assertThat(sim.changes).extracting(GuardCheck::action).containsExactly(GuardCheck.Action.ROLLED_BACK);
    GuardrailReading breaches = sim.changes.get(0).readings().get(0);
    assertThat(breaches.candidate().mean()).isGreaterThan(breaches.live().mean() + 0.2);

    // and within the sample the power analysis predicts (95% power for the true effect at 10%)
    double p0 = breaches.live().mean();
    double p1 = p0 + 0.5 * (1 - p0);
    SampleSize predicted = BREACHES.test(BREACHES.metrics().get(0)).sampleSize(p1 - p0, p1 * (1 - p1), p0 * (1 - p0), 0.1, 0.95);
    assertThat(breaches.candidate().n()).isLessThanOrEqualTo(predicted.candidate());
    assertThat(sim.flipped()).isEmpty();
  }

  @Test
  void should_promote_a_better_candidate_through_every_step() {
    // given live breaks the SLA for even contacts and v2 does not
    GuardSimulation sim = new GuardSimulation(11, GuardSimulation.Rules.BROKEN, GuardSimulation.Rules.GOOD, BREACHES,
        STEP_SAMPLE, List.of(10, 50, 100));

    // when
    sim.run(4000);

    // then
    JourneyDeployment d = sim.deployments.require(GuardSimulation.JOURNEY);
    assertThat(d.live()).isEqualTo("2");
    assertThat(sim.changes).extracting(GuardCheck::action)
        .containsExactly(GuardCheck.Action.STEPPED, GuardCheck.Action.STEPPED, GuardCheck.Action.PROMOTED);
    assertThat(d.history()).filteredOn(c -> c.who().equals("guard")).extracting(DeploymentChange::kind)
        .containsExactly(DeploymentChange.Kind.STEP, DeploymentChange.Kind.STEP, DeploymentChange.Kind.PROMOTE);
    assertThat(sim.flipped()).isEmpty();
  }

  @Test
  void should_wait_for_a_person_with_manual_steps_and_only_pause_without_rollback() {
    // given manual steps, an equal candidate
    GuardSimulation sim = new GuardSimulation(3, GuardSimulation.Rules.GOOD, GuardSimulation.Rules.GOOD, BREACHES,
        0, List.of(10, 100));

    // when
    sim.run(300);
    GuardCheck check = sim.guard.check();

    // then nothing changed: steps wait for a person
    assertThat(check.action()).isEqualTo(GuardCheck.Action.WAITING_FOR_PERSON);
    assertThat(check.reason()).isEqualTo("no regression; steps are manual");
    assertThat(sim.changes).isEmpty();
    JourneyDeployment d = sim.deployments.require(GuardSimulation.JOURNEY);
    assertThat(d.state()).isEqualTo(DeploymentState.RUNNING);
    assertThat(d.candidate().orElseThrow().percent()).isEqualTo(10);
  }

  @Test
  void should_report_no_candidate_after_a_rollback_by_a_person() {
    // given
    GuardSimulation sim = new GuardSimulation(5, GuardSimulation.Rules.GOOD, GuardSimulation.Rules.GOOD, BREACHES,
        STEP_SAMPLE, List.of(10, 100));
    sim.deployments.rollback(GuardSimulation.JOURNEY, dev.journey.core.rollout.RollbackMode.NEW_ENTRIES, "ana", "not now");

    // when
    GuardCheck check = sim.guard.check();

    // then
    assertThat(check.action()).isEqualTo(GuardCheck.Action.NO_CANDIDATE);
    assertThat(check.readings()).isEmpty();
  }
}
