package dev.journey.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The test against reference models: the closed form against numerical integration of the
 * mixture, and the error rates against seeded simulations. Each simulation is a batch of 100
 * seeded streams, so a bound on the count of a batch is checked against the binomial tail: under
 * a rejection probability of at most 5%, 12 or more rejections of 100 happen with probability
 * below 0.2%.
 */
final class SequentialTestProperties {
  private static final int STREAMS = 100;
  private static final int MOST_FALSE_ALARMS = 11;
  /**
   * The statistical properties draw their seeds and rates from one fixed jqwik seed: their
   * assertions are bounds on random counts, so a random seed per run would make the build fail at
   * random (at a small but real rate) without any change to the code.
   */
  private static final String SEED = "20261201";
  /**
   * For rates the guarantee is asymptotic: on a 10 %/90 % split, 2,000 A/A streams per base rate
   * (seed 42) raise 5.0 % false alarms at a 5 % rate, 6.3 % at 10 %, 5.5 % at 20 % and 3.4-3.6 % at
   * 30-50 %, so this property allows 14 of 100 (a 7 % rate plus 2.7 standard deviations).
   */
  private static final int MOST_FALSE_ALARMS_FOR_RATES = 14;

  @Property(tries = 50)
  void should_equal_the_numerically_integrated_mixture_of_likelihood_ratios(
      @ForAll @DoubleRange(min = -3, max = 3) double d,
      @ForAll @DoubleRange(min = 0.05, max = 4) double v,
      @ForAll @DoubleRange(min = 0.2, max = 3) double tau) {
    // given the reference: ∫ exp(θD/V − θ²/(2V)) · N(θ; 0, τ²) dθ by Simpson's rule
    int steps = 20_000;
    double a = -12 * tau;
    double step = 24 * tau / steps;
    double sum = 0;
    for (int i = 0; i <= steps; i++) {
      double t = a + i * step;
      double f = Math.exp(t * d / v - t * t / (2 * v) - t * t / (2 * tau * tau)) / (tau * Math.sqrt(2 * Math.PI));
      sum += f * (i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2);
    }
    double reference = Math.log(sum * step / 3);

    // when
    double closedForm = SequentialTest.logLikelihoodRatio(d, v, tau * tau);

    // then
    assertThat(closedForm).isCloseTo(reference, org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, Math.abs(reference))));
  }

  @Property(tries = 8, seed = SEED)
  void should_keep_the_type_one_error_below_alpha_for_normal_data_looked_at_after_every_subject(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    // given no difference, unit variance, 400 subjects per cohort, a look after each pair
    SequentialTest test = SequentialTest.builder().alpha(0.05).minimumDetectableEffect(0.2).minimumSample(2).build();
    SplittableRandom random = new SplittableRandom(seed);
    int alarms = 0;

    // when
    for (int s = 0; s < STREAMS; s++) {
      Sample.Accumulator candidate = new Sample.Accumulator();
      Sample.Accumulator live = new Sample.Accumulator();
      for (int i = 0; i < 400; i++) {
        candidate.add(random.nextGaussian());
        live.add(random.nextGaussian());
        Sample c = candidate.sample();
        Sample l = live.sample();
        // the known variance (1), as the exact guarantee assumes
        if (test.compare(new Sample(c.n(), c.mean(), 1), new Sample(l.n(), l.mean(), 1)).significant()) {
          alarms++;
          break;
        }
      }
    }

    // then
    assertThat(alarms).isLessThanOrEqualTo(MOST_FALSE_ALARMS);
  }

  @Property(tries = 8, seed = SEED)
  void should_keep_the_type_one_error_below_alpha_for_normal_data_with_the_variance_estimated(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    // given no difference, variance 4 estimated from the data, 20 subjects per cohort before the first look
    SequentialTest test = SequentialTest.builder().alpha(0.05).minimumDetectableEffect(0.4).build();
    SplittableRandom random = new SplittableRandom(seed);
    int alarms = 0;

    // when
    for (int s = 0; s < STREAMS; s++) {
      Sample.Accumulator candidate = new Sample.Accumulator();
      Sample.Accumulator live = new Sample.Accumulator();
      for (int i = 0; i < 400; i++) {
        candidate.add(2 * random.nextGaussian());
        live.add(2 * random.nextGaussian());
        if (test.compare(candidate.sample(), live.sample()).significant()) {
          alarms++;
          break;
        }
      }
    }

    // then
    assertThat(alarms).isLessThanOrEqualTo(MOST_FALSE_ALARMS);
  }

  @Property(tries = 8, seed = SEED)
  void should_keep_the_false_alarm_rate_below_alpha_for_proportions_on_an_unbalanced_split(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @DoubleRange(min = 0.05, max = 0.5) double rate) {
    // given A/A: both cohorts at the same rate, 10% of 3000 subjects on the candidate, a look every 10 subjects
    SequentialTest test = SequentialTest.builder().alpha(0.05).minimumDetectableEffect(0.1).build();
    SplittableRandom random = new SplittableRandom(seed);
    int alarms = 0;

    // when
    for (int s = 0; s < STREAMS; s++) {
      long[] x = new long[2];
      long[] n = new long[2];
      for (int i = 1; i <= 3000; i++) {
        int arm = random.nextDouble() < 0.1 ? 1 : 0;
        n[arm]++;
        x[arm] += random.nextDouble() < rate ? 1 : 0;
        if (i % 10 == 0
            && test.compare(Sample.proportion(x[1], n[1]), Sample.proportion(x[0], n[0])).significant()) {
          alarms++;
          break;
        }
      }
    }

    // then
    assertThat(alarms).isLessThanOrEqualTo(MOST_FALSE_ALARMS_FOR_RATES);
  }

  @Property(tries = 5, seed = SEED)
  void should_detect_a_true_effect_within_the_predicted_sample_with_at_least_the_power(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @DoubleRange(min = 0.15, max = 0.4) double effect) {
    // given a breach rate of 0.1 on live and 0.1 + effect on the candidate, 10% on the candidate
    SequentialTest test = SequentialTest.builder().alpha(0.05).minimumDetectableEffect(0.1).build();
    double p0 = 0.1;
    double p1 = p0 + effect;
    SampleSize predicted = test.sampleSize(effect, p1 * (1 - p1), p0 * (1 - p0), 0.1, 0.9);
    SplittableRandom random = new SplittableRandom(seed);
    int detected = 0;

    // when each stream runs until the candidate cohort has the predicted size
    for (int s = 0; s < STREAMS; s++) {
      long[] x = new long[2];
      long[] n = new long[2];
      while (n[1] < predicted.candidate() && n[0] < 100 * predicted.live()) {
        int arm = random.nextDouble() < 0.1 ? 1 : 0;
        n[arm]++;
        x[arm] += random.nextDouble() < (arm == 1 ? p1 : p0) ? 1 : 0;
        Comparison c = test.compare(Sample.proportion(x[1], n[1]), Sample.proportion(x[0], n[0]));
        if (c.verdict() == Comparison.Verdict.CANDIDATE_HIGHER) {
          detected++;
          break;
        }
      }
    }

    // then at least 90% detect (less a binomial margin: below 82 of 100 has probability < 0.5%)
    assertThat(detected).isGreaterThanOrEqualTo(82);
  }
}
