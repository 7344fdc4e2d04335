package dev.journey.core.guard;

import java.util.Locale;
import java.util.Objects;

/**
 * One look of a {@link SequentialTest} at a candidate cohort against the live cohort.
 *
 * @param candidate the candidate cohort's sample
 * @param live the live cohort's sample
 * @param difference {@code candidate.mean - live.mean}
 * @param variance the variance of the difference, {@code candidate.variance/n + live.variance/n}
 *     ({@link Double#POSITIVE_INFINITY} while the sample is insufficient)
 * @param logLikelihoodRatio the natural log of the mixture likelihood ratio against "no
 *     difference" (0 while the sample is insufficient)
 * @param pValue the always-valid p-value at this look, {@code min(1, 1/Λ)}
 * @param low the lower end of the confidence sequence for the difference at level {@code 1-alpha}
 *     ({@link Double#NEGATIVE_INFINITY} while the sample is insufficient)
 * @param high the upper end ({@link Double#POSITIVE_INFINITY} while the sample is insufficient)
 * @param verdict what the look concludes
 */
public record Comparison(
    Sample candidate,
    Sample live,
    double difference,
    double variance,
    double logLikelihoodRatio,
    double pValue,
    double low,
    double high,
    Verdict verdict) {

  /** What one look concludes. */
  public enum Verdict {
    /** Too few subjects in a cohort (or no variance at all) to test yet. */
    INSUFFICIENT_SAMPLE,
    /** Zero is inside the confidence sequence: no difference shown yet. */
    NO_DIFFERENCE_YET,
    /** The candidate's mean is significantly higher than the live one's. */
    CANDIDATE_HIGHER,
    /** The candidate's mean is significantly lower than the live one's. */
    CANDIDATE_LOWER
  }

  /** Validates. */
  public Comparison {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(verdict, "verdict");
  }

  /** Whether the look rejected "no difference". */
  public boolean significant() {
    return verdict == Verdict.CANDIDATE_HIGHER || verdict == Verdict.CANDIDATE_LOWER;
  }

  /**
   * E.g. {@code diff=+0.412 [+0.210, +0.614] log(LR)=6.21 p=0.0020 CANDIDATE_HIGHER}: what the
   * audit records as the reason of an automatic step.
   */
  public String describe() {
    if (verdict == Verdict.INSUFFICIENT_SAMPLE) {
      return String.format(
          Locale.ROOT, "insufficient sample (candidate n=%d, live n=%d)", candidate.n(), live.n());
    }
    return String.format(
        Locale.ROOT, "diff=%+.4g [%+.4g, %+.4g] log(LR)=%.3f p=%.4g n=%d/%d %s",
        difference, low, high, logLikelihoodRatio, pValue, candidate.n(), live.n(), verdict);
  }
}
