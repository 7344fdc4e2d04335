package dev.journey.core.guard;

/**
 * A sample size predicted by {@link SequentialTest#sampleSize}: subjects per cohort and in all.
 *
 * @param candidate subjects in the candidate cohort
 * @param live subjects in the live cohort
 */
public record SampleSize(long candidate, long live) {
  /** Validates. */
  public SampleSize {
    if (candidate < 0 || live < 0) {
      throw new IllegalArgumentException(
          "sample sizes must be >= 0, but were candidate=" + candidate + ", live=" + live);
    }
  }

  /** Both cohorts together. */
  public long total() {
    return candidate + live;
  }
}
