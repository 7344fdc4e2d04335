package dev.journey.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class SequentialTestTest {

  /** Two cohorts whose difference of means is {@code d} with variance exactly {@code v}. */
  private static Comparison look(SequentialTest test, double d, double v) {
    long n = 100;
    double perSubject = v / 2 * n;
    return test.compare(new Sample(n, d, perSubject), new Sample(n, 0, perSubject));
  }

  @Test
  void should_compute_the_closed_form_mixture_likelihood_ratio_for_normal_data_of_known_variance() {
    // given tau² = 1, a difference of 2 of variance 1
    SequentialTest test = SequentialTest.builder().minimumDetectableEffect(1).alpha(0.05).build();

    // when
    Comparison c = look(test, 2, 1);

    // then ln Λ = ½ ln(V/(V+τ²)) + τ²D²/(2V(V+τ²)) = ½ ln ½ + 4/4
    assertThat(c.logLikelihoodRatio()).isCloseTo(0.5 * Math.log(0.5) + 1, within(1e-12));
    assertThat(c.logLikelihoodRatio()).isCloseTo(0.6534264097200273, within(1e-12));
    assertThat(c.pValue()).isCloseTo(Math.exp(-0.6534264097200273), within(1e-12));
    assertThat(c.verdict()).isEqualTo(Comparison.Verdict.NO_DIFFERENCE_YET);
  }

  @Test
  void should_reject_exactly_when_the_difference_leaves_the_confidence_sequence() {
    // given alpha 0.05, tau² = 0.25, variance 0.04: half width h = sqrt(V(V+τ²)/τ² (2 ln 20 + ln((V+τ²)/V)))
    SequentialTest test = SequentialTest.builder().minimumDetectableEffect(0.5).alpha(0.05).build();
    double v = 0.04;
    double h = Math.sqrt(v * (v + 0.25) / 0.25 * (2 * Math.log(20) + Math.log((v + 0.25) / v)));

    // when just inside and just outside
    Comparison inside = look(test, h * 0.999, v);
    Comparison outside = look(test, -h * 1.001, v);

    // then Λ = 1/alpha at the boundary, and the verdict and the interval agree
    assertThat(look(test, h, v).logLikelihoodRatio()).isCloseTo(Math.log(20), within(1e-9));
    assertThat(inside.verdict()).isEqualTo(Comparison.Verdict.NO_DIFFERENCE_YET);
    assertThat(inside.low()).isNegative();
    assertThat(outside.verdict()).isEqualTo(Comparison.Verdict.CANDIDATE_LOWER);
    assertThat(outside.high()).isNegative();
    assertThat(outside.pValue()).isLessThan(0.05);
    assertThat(outside.high() - outside.low()).isCloseTo(2 * h, within(1e-9));
  }

  @Test
  void should_not_look_before_the_minimum_sample_per_cohort() {
    // given
    SequentialTest test = SequentialTest.builder().minimumDetectableEffect(0.1).minimumSample(30).build();

    // when a huge difference with 29 candidate subjects
    Comparison c = test.compare(Sample.proportion(29, 29), Sample.proportion(0, 1000));

    // then
    assertThat(c.verdict()).isEqualTo(Comparison.Verdict.INSUFFICIENT_SAMPLE);
    assertThat(c.significant()).isFalse();
    assertThat(c.pValue()).isEqualTo(1);
    assertThat(c.describe()).isEqualTo("insufficient sample (candidate n=29, live n=1000)");
  }

  @Test
  void should_keep_a_proportion_without_events_uncertain() {
    // given 0 breaches of 30 against 0 of 300
    SequentialTest test = SequentialTest.builder().minimumDetectableEffect(0.1).build();

    // when
    Comparison c = test.compare(Sample.proportion(0, 30), Sample.proportion(0, 300));

    // then the adjusted variance is positive and nothing is significant
    assertThat(Sample.proportion(0, 30).variance()).isCloseTo(1 / 32.0 * 31 / 32.0, within(1e-12));
    assertThat(c.verdict()).isEqualTo(Comparison.Verdict.NO_DIFFERENCE_YET);
    assertThat(c.low()).isNegative();
    assertThat(c.high()).isPositive();
  }

  @Test
  void should_summarize_values_with_the_unbiased_variance() {
    // when
    Sample s = Sample.of(1, 2, 3, 4);

    // then
    assertThat(s.n()).isEqualTo(4);
    assertThat(s.mean()).isEqualTo(2.5);
    assertThat(s.variance()).isCloseTo(5 / 3.0, within(1e-12));
    assertThat(Sample.of()).isEqualTo(Sample.EMPTY);
  }

  @Test
  void should_predict_a_sample_size_that_shrinks_with_the_effect_and_grows_with_the_power() {
    // given
    SequentialTest test = SequentialTest.builder().minimumDetectableEffect(0.2).alpha(0.05).build();

    // when
    SampleSize big = test.sampleSize(0.4, 0.25, 0.25, 0.1, 0.8);
    SampleSize small = test.sampleSize(0.2, 0.25, 0.25, 0.1, 0.8);
    SampleSize sure = test.sampleSize(0.4, 0.25, 0.25, 0.1, 0.99);

    // then
    assertThat(big.candidate()).isLessThan(small.candidate());
    assertThat(sure.candidate()).isGreaterThan(big.candidate());
    assertThat(big.live()).isGreaterThanOrEqualTo(big.candidate() * 8);
  }

  @Test
  void should_predict_the_smallest_sample_at_which_one_look_rejects_with_the_power() {
    // given
    SequentialTest test = SequentialTest.builder().minimumDetectableEffect(0.5).alpha(0.05).minimumSample(2).build();
    double c = 1.0 / 0.5 + 1.0 / 0.5; // unit variances, half on each side

    // when
    SampleSize size = test.sampleSize(0.5, 1, 1, 0.5, 0.9);

    // then at n the criterion (|δ| - h(V))/sqrt(V) >= z(0.9) holds, at n - 1 it does not
    long n = size.total();
    double z = 1.2815515655446004;
    double vAt = c / n;
    double vBefore = c / (n - 1);
    assertThat((0.5 - test.halfWidth(vAt)) / Math.sqrt(vAt)).isGreaterThanOrEqualTo(z - 1e-6);
    assertThat((0.5 - test.halfWidth(vBefore)) / Math.sqrt(vBefore)).isLessThan(z + 1e-6);
  }

  @Test
  void should_invert_the_normal_distribution() {
    assertThat(Normal.quantile(0.975)).isCloseTo(1.959963984540054, within(1e-6));
    assertThat(Normal.quantile(0.5)).isCloseTo(0, within(1e-7));
    assertThat(Normal.cdf(-1.6448536269514722)).isCloseTo(0.05, within(1e-7));
  }

  @Test
  void should_refuse_parameters_out_of_range() {
    assertThatThrownBy(() -> SequentialTest.builder().alpha(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("alpha must be in (0, 1), but was 1.0");
    assertThatThrownBy(() -> SequentialTest.builder().minimumDetectableEffect(-0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minimumDetectableEffect must be finite and > 0, but was -0.1");
    assertThatThrownBy(() -> SequentialTest.builder().minimumSample(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minimumSample must be >= 2, but was 1");
    assertThatThrownBy(() -> SequentialTest.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a sequential test needs a minimumDetectableEffect, but none was set");
    SequentialTest test = SequentialTest.builder().minimumDetectableEffect(0.1).build();
    assertThatThrownBy(() -> test.sampleSize(0, 1, 1, 0.1, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("effect must be finite and not 0, but was 0.0");
    assertThatThrownBy(() -> test.sampleSize(0.1, 1, 1, 1, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("candidateShare must be in (0, 1), but was 1.0");
    assertThatThrownBy(() -> Sample.proportion(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a proportion needs 0 <= successes <= n, but was successes=3, n=2");
  }
}
