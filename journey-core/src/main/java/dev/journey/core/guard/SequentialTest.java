package dev.journey.core.guard;

import java.util.Locale;
import java.util.Objects;

/**
 * A mixture sequential probability ratio test (mSPRT) of the difference between two means: the
 * candidate cohort's and the live cohort's. It may be looked at after every subject, for ever,
 * and the chance that it ever rejects "no difference" when there is none stays at most {@code
 * alpha}.
 *
 * <p><b>Method</b> (Johari, Pekelis, Walsh, "Always valid inference: bringing sequential analysis
 * to A/B testing", 2015/2017; Robbins 1970). With the difference of the cohort means {@code D} and
 * its variance {@code V = s1²/n1 + s0²/n0} (the per-subject variances plugged in), the likelihood
 * ratio of "difference θ" against "difference 0", mixed over a normal prior {@code θ ~ N(0, τ²)},
 * has the closed form
 *
 * <pre>
 *   Λ = sqrt(V / (V + τ²)) · exp( τ² D² / (2 V (V + τ²)) )
 * </pre>
 *
 * Under "no difference" {@code Λ} is a nonnegative martingale with mean 1, so by Ville's
 * inequality {@code P(Λ ever reaches 1/alpha) <= alpha}: rejecting when {@code Λ >= 1/alpha} at
 * any look keeps the type I error at {@code alpha}, whatever the number of looks. Inverting the
 * test gives a confidence sequence, an interval valid at all looks at once:
 *
 * <pre>
 *   D ± sqrt( V (V + τ²) / τ² · (2 ln(1/alpha) + ln((V + τ²) / V)) )
 * </pre>
 *
 * The guarantee is exact for normal observations of known variance; for proportions and for
 * means of other distributions it holds asymptotically (the central limit theorem), which is why
 * no look is taken before {@link Builder#minimumSample} subjects per cohort. The mixing standard
 * deviation {@code τ} defaults to the minimum detectable effect: the test is most sensitive to
 * effects of about that size.
 *
 * <p><b>Power.</b> {@link #sampleSize} predicts how many subjects the test needs to detect a true
 * effect with a given probability: the smallest sample at which a single look rejects with that
 * probability. A sequential test that looks continuously stops no later than that with at least
 * that probability, so the prediction is an upper bound on the sample it needs.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * SequentialTest test = SequentialTest.builder().alpha(0.05).minimumDetectableEffect(0.10).build();
 * Comparison look = test.compare(Sample.proportion(40, 100), Sample.proportion(60, 900));
 * SampleSize needed = test.sampleSize(0.30, 0.25, 0.25, 0.10, 0.95);
 * }</pre>
 */
public final class SequentialTest {
  /** Default significance level: 0.05. */
  public static final double DEFAULT_ALPHA = 0.05;
  /** Default fewest subjects per cohort before a look: 20. */
  public static final long DEFAULT_MINIMUM_SAMPLE = 20;

  private static final long MAX_SAMPLE = 1L << 40;

  private final double alpha;
  private final double minimumDetectableEffect;
  private final double mixingVariance;
  private final long minimumSample;

  private SequentialTest(Builder b) {
    this.alpha = b.alpha;
    this.minimumDetectableEffect = b.minimumDetectableEffect;
    double tau = b.mixingSd > 0 ? b.mixingSd : b.minimumDetectableEffect;
    this.mixingVariance = tau * tau;
    this.minimumSample = b.minimumSample;
  }

  /** A builder; {@link Builder#minimumDetectableEffect} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The significance level. */
  public double alpha() {
    return alpha;
  }

  /** The minimum detectable effect, in the metric's unit. */
  public double minimumDetectableEffect() {
    return minimumDetectableEffect;
  }

  /** The variance {@code τ²} of the normal mixing distribution. */
  public double mixingVariance() {
    return mixingVariance;
  }

  /** The fewest subjects per cohort before a look. */
  public long minimumSample() {
    return minimumSample;
  }

  /**
   * Looks at the cohorts.
   *
   * @param candidate the candidate cohort's sample
   * @param live the live cohort's sample
   */
  public Comparison compare(Sample candidate, Sample live) {
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(live, "live");
    double difference = candidate.mean() - live.mean();
    double v = candidate.varianceOfMean() + live.varianceOfMean();
    if (candidate.n() < minimumSample || live.n() < minimumSample || !(v > 0) || !Double.isFinite(v)) {
      return new Comparison(
          candidate, live, difference, Double.POSITIVE_INFINITY, 0, 1, Double.NEGATIVE_INFINITY,
          Double.POSITIVE_INFINITY, Comparison.Verdict.INSUFFICIENT_SAMPLE);
    }
    double logLr = logLikelihoodRatio(difference, v, mixingVariance);
    double half = halfWidth(v);
    double threshold = Math.log(1 / alpha);
    Comparison.Verdict verdict =
        logLr < threshold
            ? Comparison.Verdict.NO_DIFFERENCE_YET
            : difference > 0 ? Comparison.Verdict.CANDIDATE_HIGHER : Comparison.Verdict.CANDIDATE_LOWER;
    double p = Math.min(1, Math.exp(-logLr));
    return new Comparison(candidate, live, difference, v, logLr, p, difference - half, difference + half, verdict);
  }

  /** {@code ln Λ} for a difference {@code d} of variance {@code v} and a mixing variance {@code tau2}. */
  static double logLikelihoodRatio(double d, double v, double tau2) {
    return 0.5 * Math.log(v / (v + tau2)) + tau2 * d * d / (2 * v * (v + tau2));
  }

  /** The half width of the confidence sequence when the difference has variance {@code v}. */
  double halfWidth(double v) {
    double t = mixingVariance;
    return Math.sqrt(v * (v + t) / t * (2 * Math.log(1 / alpha) + Math.log((v + t) / v)));
  }

  /**
   * Predicts the subjects needed to detect a true difference {@code effect} with probability
   * {@code power}, when a share {@code candidateShare} of new subjects goes to the candidate: the
   * smallest total {@code n} at which one look rejects with probability {@code power}, i.e. with
   * {@code V = s1²/(f n) + s0²/((1-f) n)}, the smallest {@code n} with {@code (|effect| - h(V)) /
   * sqrt(V) >= z(power)} where {@code h} is the confidence sequence's half width. Because the test
   * looks continuously, it stops by then with at least that probability. Each cohort gets at least
   * {@link #minimumSample()}.
   *
   * @param effect the true difference, candidate minus live, not 0
   * @param candidateVariance the per-subject variance in the candidate cohort, {@code > 0}
   * @param liveVariance the per-subject variance in the live cohort, {@code > 0}
   * @param candidateShare the share of subjects on the candidate, in (0, 1)
   * @param power the wanted probability of detection, in [0.5, 1)
   * @throws IllegalArgumentException for a value out of range
   */
  public SampleSize sampleSize(
      double effect, double candidateVariance, double liveVariance, double candidateShare, double power) {
    if (effect == 0 || !Double.isFinite(effect)) {
      throw new IllegalArgumentException("effect must be finite and not 0, but was " + effect);
    }
    positive(candidateVariance, "candidateVariance");
    positive(liveVariance, "liveVariance");
    if (!(candidateShare > 0 && candidateShare < 1)) {
      throw new IllegalArgumentException("candidateShare must be in (0, 1), but was " + candidateShare);
    }
    if (!(power >= 0.5 && power < 1)) {
      throw new IllegalArgumentException("power must be in [0.5, 1), but was " + power);
    }
    double c = candidateVariance / candidateShare + liveVariance / (1 - candidateShare);
    double z = Normal.quantile(power);
    double size = Math.abs(effect);
    long low = 1;
    long high = 2;
    while (!detects(high, c, size, z)) {
      low = high;
      high *= 2;
      if (high > MAX_SAMPLE) {
        throw new IllegalArgumentException(String.format(
            Locale.ROOT, "effect %s is too small to detect with fewer than %d subjects", effect, MAX_SAMPLE));
      }
    }
    while (high - low > 1) {
      long mid = low + (high - low) / 2;
      if (detects(mid, c, size, z)) {
        high = mid;
      } else {
        low = mid;
      }
    }
    long candidate = Math.max(minimumSample, (long) Math.ceil(high * candidateShare));
    long live = Math.max(minimumSample, (long) Math.ceil(high * (1 - candidateShare)));
    return new SampleSize(candidate, live);
  }

  private boolean detects(long n, double c, double effect, double z) {
    double v = c / n;
    return (effect - halfWidth(v)) / Math.sqrt(v) >= z;
  }

  private static void positive(double value, String name) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, but was " + value);
    }
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "mSPRT[alpha=%s, mde=%s, tau²=%s, minimumSample=%d]",
        alpha, minimumDetectableEffect, mixingVariance, minimumSample);
  }

  /** Configures a {@link SequentialTest}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private double alpha = DEFAULT_ALPHA;
    private double minimumDetectableEffect = Double.NaN;
    private double mixingSd = -1;
    private long minimumSample = DEFAULT_MINIMUM_SAMPLE;

    Builder() {}

    /**
     * The significance level: the largest chance of ever rejecting when there is no difference;
     * default {@value #DEFAULT_ALPHA}.
     *
     * @throws IllegalArgumentException unless {@code 0 < alpha < 1}
     */
    public Builder alpha(double alpha) {
      if (!(alpha > 0 && alpha < 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1), but was " + alpha);
      }
      this.alpha = alpha;
      return this;
    }

    /**
     * The smallest difference worth detecting, in the metric's unit (e.g. 0.05 for five
     * percentage points of a rate, or 0.5 for half an hour of a mean in hours); also the default
     * mixing standard deviation. Required.
     *
     * @throws IllegalArgumentException unless finite and {@code > 0}
     */
    public Builder minimumDetectableEffect(double effect) {
      positive(effect, "minimumDetectableEffect");
      this.minimumDetectableEffect = effect;
      return this;
    }

    /**
     * The standard deviation {@code τ} of the normal mixing distribution; default the minimum
     * detectable effect.
     *
     * @throws IllegalArgumentException unless finite and {@code > 0}
     */
    public Builder mixingSd(double tau) {
      positive(tau, "mixingSd");
      this.mixingSd = tau;
      return this;
    }

    /**
     * The fewest subjects per cohort before a look; default {@value #DEFAULT_MINIMUM_SAMPLE}.
     *
     * @throws IllegalArgumentException when below 2
     */
    public Builder minimumSample(long subjects) {
      if (subjects < 2) {
        throw new IllegalArgumentException("minimumSample must be >= 2, but was " + subjects);
      }
      this.minimumSample = subjects;
      return this;
    }

    /**
     * Builds the test.
     *
     * @throws IllegalStateException when no minimum detectable effect was set
     */
    public SequentialTest build() {
      if (Double.isNaN(minimumDetectableEffect)) {
        throw new IllegalStateException("a sequential test needs a minimumDetectableEffect, but none was set");
      }
      return new SequentialTest(this);
    }
  }
}
