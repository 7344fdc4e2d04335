package dev.journey.core.guard;

/** The standard normal distribution: its CDF and quantile function, pure Java. */
final class Normal {
  private Normal() {}

  /**
   * The CDF, from the complementary error function of Numerical Recipes ({@code erfcc}, a
   * Chebyshev fit with fractional error below 1.2e-7 everywhere).
   */
  static double cdf(double x) {
    return 0.5 * erfc(-x / Math.sqrt(2));
  }

  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r =
        t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
            + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }

  /**
   * The quantile: the {@code x} with {@code cdf(x) == p}, by bisection on {@link #cdf} (100
   * halvings of [-40, 40], far below the CDF's own error).
   *
   * @throws IllegalArgumentException unless {@code 0 < p < 1}
   */
  static double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("a quantile needs 0 < p < 1, but was " + p);
    }
    double low = -40;
    double high = 40;
    for (int i = 0; i < 100; i++) {
      double mid = (low + high) / 2;
      if (cdf(mid) < p) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }
}
