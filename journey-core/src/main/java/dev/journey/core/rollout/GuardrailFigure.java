package dev.journey.core.rollout;

import dev.journey.core.internal.Checks;

/**
 * One guardrail metric of one version, as {@link DeploymentStatus} shows it: the estimate with its
 * interval over the version's pinned cohort. Produced by a {@link DeploymentMetrics}.
 *
 * @param metric the metric's name, e.g. {@code sla-breach-rate}
 * @param samples how many observations the estimate rests on
 * @param estimate the estimate
 * @param lower the interval's lower bound
 * @param upper the interval's upper bound
 */
public record GuardrailFigure(String metric, long samples, double estimate, double lower, double upper) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException when the name is blank, samples are negative or the bounds
   *     are not ordered
   */
  public GuardrailFigure {
    Checks.notBlank(metric, "metric");
    Checks.atLeast(samples, 0, "samples");
    if (!(lower <= upper)) {
      throw new IllegalArgumentException(
          "lower must be <= upper, but was " + lower + " > " + upper + " for " + metric);
    }
  }
}
