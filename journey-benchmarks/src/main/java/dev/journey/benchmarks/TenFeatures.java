package dev.journey.benchmarks;

import dev.journey.core.SignalTypes;
import dev.journey.core.feature.Condition;
import dev.journey.core.feature.FeatureDefinition;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.PointsModel;
import dev.journey.core.feature.Segment;
import dev.journey.core.feature.SignalMatch;
import java.time.Duration;
import java.util.List;

/**
 * The ten features of the example journey ({@code docs/examples/lead-handoff/features/v1.json}),
 * declared in Java, with or without its points score and two segments.
 */
final class TenFeatures {
  private TenFeatures() {}

  static FeatureSet features(boolean scored) {
    SignalMatch web = SignalMatch.of(SignalTypes.FORM_SUBMITTED, SignalTypes.CONTENT_ENGAGED,
        SignalTypes.PRICING_PAGE_VIEWED, SignalTypes.DEMO_REQUESTED);
    FeatureSet.Builder b = FeatureSet.builder()
        .feature(new FeatureDefinition.WindowCount("pricing_views_7d",
            SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(7), Duration.ofHours(6)))
        .feature(new FeatureDefinition.WindowCount("pricing_views_30d",
            SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED), Duration.ofDays(30), Duration.ofDays(1)))
        .feature(new FeatureDefinition.WindowCount("content_30d",
            SignalMatch.of(SignalTypes.CONTENT_ENGAGED), Duration.ofDays(30), Duration.ofDays(1)))
        .feature(new FeatureDefinition.WindowCount("high_value_content_30d",
            SignalMatch.of(SignalTypes.CONTENT_ENGAGED).where("highValue", "true"), Duration.ofDays(30),
            Duration.ofDays(1)))
        .decayedSum("intent", web, Duration.ofDays(7))
        .feature(new FeatureDefinition.DistinctCount("pages",
            SignalMatch.of(SignalTypes.PRICING_PAGE_VIEWED, SignalTypes.CONTENT_ENGAGED), "pageUrl", 32))
        .lastSeen("last_demo_request", SignalMatch.of(SignalTypes.DEMO_REQUESTED))
        .lastSeen("last_touch", SignalMatch.of(SignalTypes.SALES_ACTIVITY, SignalTypes.MEETING_BOOKED))
        .latestValue("fit", web, "fitScore")
        .ratio("pricing_per_content", "pricing_views_30d", "content_30d");
    if (scored) {
      b.score(new PointsModel("lead_score", "1", List.of(
              new PointsModel.Rule(new Condition("fit", Condition.Op.AT_LEAST, 70), 30),
              new PointsModel.Rule(new Condition("fit", Condition.Op.AT_LEAST, 50), 15),
              new PointsModel.Rule(new Condition("pricing_views_7d", Condition.Op.AT_LEAST, 2), 20),
              new PointsModel.Rule(new Condition("intent", Condition.Op.AT_LEAST, 3), 20),
              new PointsModel.Rule(new Condition("last_demo_request", Condition.Op.BELOW, 1_209_600), 30)),
              0, 100))
          .segment(new Segment("sales_ready", "1",
              List.of(new Condition("lead_score", Condition.Op.AT_LEAST, 60))))
          .segment(new Segment("researching", "1", List.of(
              new Condition("intent", Condition.Op.AT_LEAST, 2),
              new Condition("lead_score", Condition.Op.BELOW, 60))));
    }
    return b.build();
  }
}
