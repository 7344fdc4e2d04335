package dev.journey.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A/A: the candidate's rules equal the live ones. Over 200 seeded rollouts of 200 contacts at
 * 50%, looked at every hour, the guard's false alarms (rollbacks) stay within the configured
 * level: at most {@code alpha × 200 = 10}.
 */
final class AaRolloutTest {
  private static final int RUNS = 200;
  private static final double ALPHA = 0.05;

  @Test
  void should_keep_false_rollbacks_within_alpha_when_the_candidate_equals_live() {
    // given
    Guardrails guardrails = Guardrails.builder()
        .metric(GuardrailMetric.slaBreachRate(0.1))
        .metric(GuardrailMetric.meanHours("time to first touch", 0.25))
        .alpha(ALPHA)
        .build();
    int rollbacks = 0;
    long flipped = 0;

    // when
    for (long seed = 1; seed <= RUNS; seed++) {
      GuardSimulation sim = new GuardSimulation(seed, GuardSimulation.Rules.GOOD, GuardSimulation.Rules.GOOD,
          guardrails, 0, List.of(50, 100)).run(200, Duration.ofHours(1));
      rollbacks += sim.changes.stream().filter(c -> c.action() == GuardCheck.Action.ROLLED_BACK).count();
      flipped += sim.flipped().size();
    }

    // then
    System.out.printf("A/A: %d false rollbacks in %d runs (alpha %.2f)%n", rollbacks, RUNS, ALPHA);
    assertThat(rollbacks).isLessThanOrEqualTo((int) (ALPHA * RUNS));
    assertThat(flipped).isZero();
  }
}
