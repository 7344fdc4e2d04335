package dev.journey.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ScoreDriftTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z"); // epoch day 20514
  private static int ids;

  /** A score of 80 from fit 50 up, else 0. */
  private static FeatureSet set(String version) {
    return FeatureSet.builder()
        .latestValue("fit", SignalMatch.of(SignalTypes.FORM_SUBMITTED), "fitScore")
        .score(new PointsModel("lead_score", version,
            List.of(new PointsModel.Rule(new Condition("fit", Condition.Op.AT_LEAST, 50), 80)), 0, 100))
        .build();
  }

  private static FeatureSnapshot scored(FeatureSet set, long fit) {
    Signal s = Signal.builder().id("s" + ids++).subject(SubjectRef.contact("1")).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(MONDAY).source("web").attribute("fitScore", fit).build();
    return set.fold(FeatureSnapshot.EMPTY, s);
  }

  @Test
  void should_compute_the_psi_of_two_histograms_as_by_hand() {
    // when / then: 0.25 ln 2 + 0.25 ln 1.5
    assertThat(ScoreDrift.psi(new long[] {50, 50}, new long[] {25, 75})).isCloseTo(0.2746530721670274, within(1e-12));
    // an empty bin counts with the smallest share: -0.5 ln 0.5 + 0.4999 ln 5000
    assertThat(ScoreDrift.psi(new long[] {100, 0}, new long[] {50, 50})).isCloseTo(4.60431846666895, within(1e-12));
    assertThat(ScoreDrift.psi(new long[] {3, 1}, new long[] {30, 10})).isZero();
    assertThat(ScoreDrift.psi(new long[] {0, 0}, new long[] {1, 1})).isZero();
  }

  @Test
  void should_compare_the_latest_window_with_the_first_per_model_and_feature_set_version() {
    // given weekly windows: week 1 three scores of 0 and one of 80, week 2 one of 0 and three of 80
    ScoreDrift drift = ScoreDrift.builder().score("lead_score", 0, 100).window(Duration.ofDays(7)).build();
    FeatureSet v1 = set("1");
    Instant week1 = MONDAY.plus(Duration.ofDays(1));
    Instant week2 = week1.plus(Duration.ofDays(7));
    for (long fit : new long[] {10, 20, 30, 60}) {
      drift.observe(scored(v1, fit), week1);
    }
    for (long fit : new long[] {10, 60, 70, 80}) {
      drift.observe(scored(v1, fit), week2);
    }
    // when: a late observation from week 1 and one of another model version
    drift.observe(scored(v1, 90), week1);
    drift.observe(scored(set("2"), 90), week2);
    // then: (0.25 - 0.75) ln(1/3) + (0.75 - 0.25) ln 3 = ln 3
    List<ScoreDrift.Drift> all = drift.drift();
    assertThat(all).hasSize(2);
    ScoreDrift.Drift first = all.get(0);
    assertThat(first.key()).isEqualTo("lead_score@1#" + v1.hash());
    assertThat(first.reference()).containsExactly(3L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L);
    assertThat(first.current()).containsExactly(1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 3L, 0L);
    assertThat(first.psi()).isCloseTo(Math.log(3), within(1e-12));
    assertThat(first.currentStart()).isEqualTo(first.referenceStart().plus(Duration.ofDays(7)));
    assertThat(all.get(1).version()).isEqualTo("2");
    assertThat(all.get(1).psi()).isZero(); // one window: the current is the reference
  }

  @Test
  void should_refuse_a_drift_that_watches_no_score_or_an_empty_range() {
    // when / then
    assertThatThrownBy(() -> ScoreDrift.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("watches at least one score");
    assertThatThrownBy(() -> ScoreDrift.builder().score("s", 5, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("score 's': the range must be finite with low < high, but was [5.0, 5.0]");
    assertThatThrownBy(() -> ScoreDrift.psi(new long[2], new long[3])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same bins");
  }
}
