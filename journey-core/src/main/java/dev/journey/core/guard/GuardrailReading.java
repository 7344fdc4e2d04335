package dev.journey.core.guard;

import java.util.List;
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
    return String.format(
        Locale.ROOT, "%s: live %.3f (n=%d), candidate %.3f (n=%d), diff %+.3f [%+.3f, %+.3f], log(LR)=%.2f, p=%.4f, %s",
        metric, live.mean(), live.n(), candidate.mean(), candidate.n(), comparison.difference(),
        comparison.low(), comparison.high(), comparison.logLikelihoodRatio(), comparison.pValue(), state());
  }

  /**
   * A plain-text table of readings, one line per metric, for a terminal or a log (e.g. the end of
   * the demo): metric, live and candidate estimates with their counts, the difference with its
   * confidence sequence, the always-valid p-value and the state.
   */
  public static String table(List<GuardrailReading> readings) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s %16s %16s %28s %8s  %s%n",
        "guardrail", "live (n)", "candidate (n)", "difference [interval]", "p", "state"));
    for (GuardrailReading r : readings) {
      Comparison c = r.comparison();
      b.append(String.format(Locale.ROOT, "%-28s %16s %16s %28s %8.4f  %s%n", r.metric(),
          String.format(Locale.ROOT, "%.3f (%d)", r.live().mean(), r.live().n()),
          String.format(Locale.ROOT, "%.3f (%d)", r.candidate().mean(), r.candidate().n()),
          String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", c.difference(), c.low(), c.high()),
          c.pValue(), r.state()));
    }
    return b.toString();
  }

  private String state() {
    return regression() ? "REGRESSION" : improvement() ? "IMPROVEMENT"
        : comparison.verdict() == Comparison.Verdict.INSUFFICIENT_SAMPLE ? "INSUFFICIENT SAMPLE" : "NO DIFFERENCE YET";
  }
}
