package dev.journey.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

final class RatesTest {
  @Test
  void should_match_the_published_wilson_interval() {
    // when: 81 of 263 (Newcombe 1998, table I example: 0.2553 .. 0.3662)
    double[] r = Rates.wilson(81, 263);

    // then
    assertThat(r[0]).isCloseTo(0.30798, within(1e-4));
    assertThat(r[1]).isCloseTo(0.2553, within(1e-4));
    assertThat(r[2]).isCloseTo(0.3662, within(1e-4));
  }

  @Test
  void should_match_the_published_newcombe_difference_interval() {
    // when: 56/70 - 48/80 (Newcombe 1998, method 10: 0.0524 .. 0.3339)
    double[] d = Rates.difference(56, 70, 48, 80);

    // then
    assertThat(d[0]).isCloseTo(0.2, within(1e-9));
    assertThat(d[1]).isCloseTo(0.0524, within(1e-4));
    assertThat(d[2]).isCloseTo(0.3339, within(1e-4));
  }

  @Test
  void should_reject_a_count_above_its_total() {
    assertThatThrownBy(() -> Rates.wilson(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rate needs 0 <= x <= n, but was x=3, n=2");
  }

  @Property
  void intervals_hold_their_estimate_and_stay_in_bounds(
      @ForAll @IntRange(min = 0, max = 500) int x1, @ForAll @IntRange(min = 0, max = 500) int extra1,
      @ForAll @IntRange(min = 0, max = 500) int x0, @ForAll @IntRange(min = 0, max = 500) int extra0) {
    // given
    long n1 = (long) x1 + extra1;
    long n0 = (long) x0 + extra0;

    // when
    double[] w = Rates.wilson(x1, n1);
    double[] d = Rates.difference(x1, n1, x0, n0);

    // then
    assertThat(w[1]).isBetween(0.0, w[0] + 1e-12);
    assertThat(w[2]).isBetween(w[0] - 1e-12, 1.0);
    assertThat(d[1]).isBetween(-1.0, d[0] + 1e-12);
    assertThat(d[2]).isBetween(d[0] - 1e-12, 1.0);
  }
}
