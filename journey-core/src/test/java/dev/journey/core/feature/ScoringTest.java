package dev.journey.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ScoringTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static Signal view(int i) {
    return Signal.builder().id("v" + i).subject(SubjectRef.contact("7"))
        .type(SignalTypes.PRICING_PAGE_VIEWED).occurredAt(T0.plusSeconds(i)).source("t").build();
  }

  private static FeatureSet scored(String pointsVersion) {
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put("pricing_views_7d", 0.8);
    return FeatureSet.builder()
        .windowCount("pricing_views_7d", SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7))
        .lastSeen("last_demo", SignalMatch.of(SignalTypes.DEMO_REQUESTED))
        .score(new PointsModel("lead_points", pointsVersion, List.of(
            new PointsModel.Rule(new Condition("pricing_views_7d", Condition.Op.AT_LEAST, 3), 30),
            new PointsModel.Rule(new Condition("last_demo", Condition.Op.BELOW, 86_400), 50)), 0, 100))
        .score(new LogisticModel("lead_odds", "1", -2.0, weights, 10, 100))
        .segment(new Segment("hot", "1", List.of(new Condition("lead_points", Condition.Op.AT_LEAST, 30))))
        .build();
  }

  @Test
  void should_score_and_segment_from_the_features_when_a_signal_is_folded() {
    // given
    FeatureSet set = scored("1");
    FeatureSnapshot f = FeatureSnapshot.EMPTY;
    // when
    for (int i = 0; i < 3; i++) {
      f = set.fold(f, view(i));
    }
    // then
    assertThat(f.value("lead_points")).isEqualTo(30);
    assertThat(f.value("lead_odds")).isCloseTo(100 / (1 + Math.exp(-(-2.0 + 0.8 * 3))), within(1e-12));
    assertThat(f.value("hot")).isEqualTo(1);
    assertThat(f.version("lead_points")).contains("1");
    assertThat(f.version("hot")).contains("1");
    assertThat(f.version("pricing_views_7d")).isEmpty();
    assertThat(FeatureSnapshot.decode(f.encode())).isEqualTo(f);
  }

  @Test
  void should_clamp_a_points_score_to_its_range() {
    // given
    PointsModel model = new PointsModel("p", "1", List.of(
        new PointsModel.Rule(new Condition("x", Condition.Op.AT_LEAST, 0), 80),
        new PointsModel.Rule(new Condition("x", Condition.Op.AT_LEAST, 1), 80)), 0, 100);
    // when / then
    assertThat(model.score(name -> 2)).isEqualTo(100);
    assertThat(model.score(name -> -1)).isZero();
  }

  @Test
  void should_keep_a_logistic_score_finite_when_a_last_seen_input_is_infinite() {
    // given
    LogisticModel model = new LogisticModel("odds", "1", 0, Map.of("last_demo", -0.5), 10, 1);
    // when / then
    assertThat(model.score(name -> Double.POSITIVE_INFINITY)).isCloseTo(1 / (1 + Math.exp(5)), within(1e-12));
  }

  @Test
  void should_change_the_set_hash_when_a_model_version_changes() {
    // when / then
    assertThat(scored("1").hash()).isEqualTo(scored("1").hash()).isNotEqualTo(scored("2").hash());
  }

  @Test
  void should_reject_a_model_reading_an_undeclared_feature() {
    // when / then
    assertThatThrownBy(() -> FeatureSet.builder()
            .lastSeen("last_demo", SignalMatch.of(SignalTypes.DEMO_REQUESTED))
            .score(new LogisticModel("odds", "1", 0, Map.of("fit", 1.0), 10, 1))
            .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("model 'odds' reads 'fit', which is neither a declared feature nor an earlier model;"
            + " declared: last_demo");
  }

  @Test
  void should_reject_a_segment_reading_a_later_segment() {
    // when / then
    assertThatThrownBy(() -> FeatureSet.builder()
            .lastSeen("last_demo", SignalMatch.of(SignalTypes.DEMO_REQUESTED))
            .segment(new Segment("a", "1", List.of(new Condition("b", Condition.Op.EQUALS, 1))))
            .segment(new Segment("b", "1", List.of(new Condition("last_demo", Condition.Op.BELOW, 1))))
            .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("segment 'a' reads 'b'");
  }

  @Test
  void should_reject_a_version_that_cannot_be_stored() {
    // when / then
    assertThatThrownBy(() -> scored("v;2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model 'lead_points': version must be 1 to 32 letters");
  }
}
