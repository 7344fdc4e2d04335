package dev.journey.core.guard;

import java.util.Locale;

/**
 * The summary of one cohort's observations of a guardrail metric: how many subjects, their mean
 * and their variance (per subject, the unbiased sample variance). For a proportion the values are
 * 0 or 1 and the mean is the rate; its variance is {@code p~(1-p~)} with the Agresti-Caffo
 * adjusted rate {@code p~ = (successes + 1) / (n + 2)}, which is never 0, so that a cohort with no
 * event yet (a breach rate of 0 of 30) does not look infinitely certain.
 *
 * @param n the number of subjects observed, {@code >= 0}
 * @param mean the mean value (0 when {@code n == 0})
 * @param variance the per-subject variance, {@code >= 0} (0 when {@code n < 2})
 */
public record Sample(long n, double mean, double variance) {
  /** No observation. */
  public static final Sample EMPTY = new Sample(0, 0, 0);

  /**
   * Validates.
   *
   * @throws IllegalArgumentException for a negative count or variance, or a non-finite value
   */
  public Sample {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, but was " + n);
    }
    if (!Double.isFinite(mean) || !Double.isFinite(variance) || variance < 0) {
      throw new IllegalArgumentException(String.format(
          Locale.ROOT, "a sample needs a finite mean and a finite variance >= 0, but had mean=%s, variance=%s",
          mean, variance));
    }
  }

  /**
   * The sample of a proportion: {@code successes} of {@code n}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= successes <= n}
   */
  public static Sample proportion(long successes, long n) {
    if (successes < 0 || n < 0 || successes > n) {
      throw new IllegalArgumentException(
          "a proportion needs 0 <= successes <= n, but was successes=" + successes + ", n=" + n);
    }
    if (n == 0) {
      return EMPTY;
    }
    double adjusted = (successes + 1) / (double) (n + 2);
    return new Sample(n, successes / (double) n, adjusted * (1 - adjusted));
  }

  /**
   * The sample of the values (Welford's algorithm: one pass, numerically stable).
   *
   * @throws IllegalArgumentException for a non-finite value
   */
  public static Sample of(double... values) {
    Accumulator a = new Accumulator();
    for (double v : values) {
      a.add(v);
    }
    return a.sample();
  }

  /** The variance of the mean, {@code variance / n}; infinite when {@code n == 0}. */
  public double varianceOfMean() {
    return n == 0 ? Double.POSITIVE_INFINITY : variance / n;
  }

  /** Adds values one at a time; not thread-safe. */
  static final class Accumulator {
    private long n;
    private double mean;
    private double m2;

    void add(double value) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("a sample value must be finite, but was " + value);
      }
      n++;
      double delta = value - mean;
      mean += delta / n;
      m2 += delta * (value - mean);
    }

    Sample sample() {
      return n == 0 ? EMPTY : new Sample(n, mean, n < 2 ? 0 : Math.max(0, m2 / (n - 1)));
    }
  }
}
