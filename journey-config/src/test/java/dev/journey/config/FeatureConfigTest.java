package dev.journey.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.feature.Condition;
import dev.journey.core.feature.FeatureDefinition;
import dev.journey.core.feature.LogisticModel;
import dev.journey.core.feature.PointsModel;
import dev.journey.core.feature.Segment;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.SignalMatch;
import dev.journey.core.rules.JavaRuleSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class FeatureConfigTest {
  private static final Path FILE = Path.of("src", "test", "resources", "features", "journey.json");

  @Test
  void should_load_the_features_a_file_declares_as_the_same_set_as_java_declares() {
    // given the same features declared in Java
    FeatureSet java =
        FeatureSet.builder()
            .feature(new FeatureDefinition.WindowCount("pricing_views_7d",
                SignalMatch.of("PRICING_PAGE_VIEWED"), Duration.ofDays(7), Duration.ofHours(6)))
            .feature(new FeatureDefinition.DecayedSum("intent",
                SignalMatch.of("PRICING_PAGE_VIEWED", "CONTENT_ENGAGED"), Duration.ofDays(7), 2.0,
                Optional.of("score")))
            .feature(new FeatureDefinition.DistinctCount("pages", SignalMatch.of("CONTENT_ENGAGED"),
                "pageUrl", 16))
            .lastSeen("last_webinar",
                SignalMatch.of("FORM_SUBMITTED").where("formId", "webinar-registration"))
            .latestValue("fit", SignalMatch.of("FORM_SUBMITTED", "PRICING_PAGE_VIEWED"), "fitScore")
            .ratio("pricing_share", "pricing_views_7d", "pages")
            .score(new PointsModel("lead_points", "3", List.of(
                new PointsModel.Rule(new Condition("pricing_views_7d", Condition.Op.AT_LEAST, 3), 30),
                new PointsModel.Rule(new Condition("last_webinar", Condition.Op.BELOW, 604800), 20)),
                0, 100))
            .score(new LogisticModel("lead_odds", "1", -3.5, weights(), 50, 100))
            .segment(new Segment("hot", "2", List.of(
                new Condition("lead_points", Condition.Op.AT_LEAST, 50),
                new Condition("lead_odds", Condition.Op.AT_LEAST, 60))))
            .lateness(Duration.ofHours(6))
            .build();
    // when
    JourneyConfig config = JourneyConfig.load(FILE);
    // then
    assertThat(config.features().definitions()).isEqualTo(java.definitions());
    assertThat(config.features().models()).isEqualTo(java.models());
    assertThat(config.features().segments()).isEqualTo(java.segments());
    assertThat(config.features().hash()).isEqualTo(java.hash());
    assertThat(config.definition(JavaRuleSet.builder("r", "1").build()).features()).isEqualTo(java);
  }

  private static Map<String, Double> weights() {
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put("intent", 0.4);
    weights.put("pages", 0.2);
    return weights;
  }

  @Test
  void should_declare_no_features_when_the_file_has_none() {
    // when
    JourneyConfig config = JourneyConfig.load(JourneyConfigTest.TRIAL);
    // then
    assertThat(config.features().isEmpty()).isTrue();
  }
}
