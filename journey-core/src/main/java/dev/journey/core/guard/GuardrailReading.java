package dev.journey.core.guard;

import java.util.Locale;
import java.util.Objects;

/**
 * One guardrail metric of a candidate against the live version at one look.
 *
 * @param metric the metric's name
 * @param kind proportion or mean
 * @param better which way is better
 * @param live the live cohort's sample
 * @param candidate the candidate cohort's sample
 * @param comparison the sequential test's look (its interval is the difference, candidate minus live)
 */
public record GuardrailReading(
    String metric,
    GuardrailMetric.Kind kind,
    GuardrailMetric.Better better,
    Sample live,
    Sample candidate,
    Comparison comparison) {
  /** Validates. */
  public GuardrailReading {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(better, "better");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(comparison, "comparison");
  }

  /** Whether the candidate is significantly worse: the whole confidence sequence is on the worse side. */
  public boolean regression() {
    return comparison.significant()
        && (better == GuardrailMetric.Better.LOWER ? comparison.low() > 0 : comparison.high() < 0);
  }

  /** Whether the candidate is significantly better. */
  public boolean improvement() {
    return comparison.significant() && !regression();
  }

  /**
   * E.g. {@code sla breach rate: live 0.080 (n=900), candidate 0.520 (n=100), diff +0.44 [+0.30,
   * +0.58], p=0.0001, REGRESSION}.
   */
  public String describe() {
    String state = regression() ? "REGRESSION" : improvement() ? "IMPROVEMENT"
        : comparison.verdict() == Comparison.Verdict.INSUFFICIENT_SAMPLE ? "INSUFFICIENT SAMPLE" : "NO DIFFERENCE YET";
    return String.format(
        Locale.ROOT, "%s: live %.3f (n=%d), candidate %.3f (n=%d), diff %+.3f [%+.3f, %+.3f], log(LR)=%.2f, p=%.4f, %s",
        metric, live.mean(), live.n(), candidate.mean(), candidate.n(), comparison.difference(),
        comparison.low(), comparison.high(), comparison.logLikelihoodRatio(), comparison.pValue(), state);
  }
}
