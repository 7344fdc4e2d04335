package dev.journey.report;

/**
 * 95% intervals for rates and their differences: Wilson's score interval for one proportion and
 * Newcombe's hybrid score interval (method 10) for the difference of two. Both stay within their
 * bounds ([0, 1] and [-1, 1]) and behave at 0 and n, where the normal approximation does not.
 */
final class Rates {
  /** The 97.5% quantile of the standard normal distribution. */
  static final double Z = 1.959963984540054;

  private Rates() {}

  /** {@code {p, low, high}} for {@code x} of {@code n}; {@code {0, 0, 1}} when {@code n == 0}. */
  static double[] wilson(long x, long n) {
    if (x < 0 || n < 0 || x > n) {
      throw new IllegalArgumentException("a rate needs 0 <= x <= n, but was x=" + x + ", n=" + n);
    }
    if (n == 0) {
      return new double[] {0, 0, 1};
    }
    double p = x / (double) n;
    double z2 = Z * Z;
    double denominator = 1 + z2 / n;
    double center = (p + z2 / (2.0 * n)) / denominator;
    double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    return new double[] {p, Math.max(0, center - half), Math.min(1, center + half)};
  }

  /**
   * {@code {d, low, high}} for the difference {@code x1/n1 - x0/n0} (candidate minus live), from
   * the two Wilson intervals.
   */
  static double[] difference(long x1, long n1, long x0, long n0) {
    double[] a = wilson(x1, n1);
    double[] b = wilson(x0, n0);
    double d = a[0] - b[0];
    double low = d - Math.sqrt(sq(a[0] - a[1]) + sq(b[2] - b[0]));
    double high = d + Math.sqrt(sq(a[2] - a[0]) + sq(b[0] - b[1]));
    return new double[] {d, Math.max(-1, low), Math.min(1, high)};
  }

  private static double sq(double v) {
    return v * v;
  }
}
