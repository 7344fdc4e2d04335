package dev.journey.cli;

import dev.journey.config.JourneyConfig;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.metrics.Dispositions;
import dev.journey.core.metrics.Measurements;
import dev.journey.core.metrics.MetricsCollector;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lead-handoff example's metrics definition (milestones, business calendars per region from
 * {@code owners.json}, the CRM's reason codes) and its HTML report.
 */
final class DemoMetrics {
  /** The report's file name, next to the decision log. */
  static final String REPORT = "report.html";

  private DemoMetrics() {}

  /** The example's dispositions: the codes its rules and its CRM data use. */
  static final Dispositions DISPOSITIONS =
      Dispositions.builder()
          .recycle("LOW_FIT", "LOW_INTENT", "NO_ACTIVITY")
          .declare(Dispositions.Exit.DISQUALIFY, Set.of(JourneyModel.SALES_ENGAGED),
              "BAD_TIMING", "NOT_A_FIT", "NO_BUDGET", "NO_RESPONSE")
          .declare(Dispositions.Exit.LOSS, Set.of(JourneyModel.OPPORTUNITY_ACTIVE),
              "BAD_TIMING", "CHOSE_COMPETITOR", "NOT_A_FIT", "NO_BUDGET", "NO_DECISION", "NO_RESPONSE")
          .build();

  /** The definition, with the region calendars ({@code na}, {@code emea}, {@code apac}) of {@code journey.json}. */
  static MetricsDefinition definition(Path example) {
    MetricsDefinition.Builder b = MetricsDefinition.leadHandoff().dispositions(DISPOSITIONS);
    JourneyConfig config = JourneyConfig.load(example.resolve("journey.json"));
    for (Map.Entry<String, BusinessCalendar> e : config.calendars().entrySet()) {
      if (!e.getKey().contains("-") && !e.getKey().equals(JourneyConfig.ALWAYS_OPEN)) {
        b.calendar(e.getKey().toUpperCase(Locale.ROOT), e.getValue());
      }
    }
    return b.build();
  }

  static Measurements measure(Path example, List<AuditRecord> records) {
    return MetricsCollector.of(definition(example), records);
  }

  /** Writes the report; its "generated" time is the end of the replay's virtual time. */
  static HtmlReport report(Measurements measurements, Instant generatedAt) {
    return HtmlReport.builder(measurements)
        .title("Lead handoff: measuring the journey")
        .generatedAt(generatedAt)
        .build();
  }
}
