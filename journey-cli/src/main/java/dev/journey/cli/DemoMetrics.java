package dev.journey.cli;

import dev.journey.config.JourneyConfig;
import dev.journey.core.metrics.Measurements;
import dev.journey.core.metrics.MetricsCollector;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.spi.AuditRecord;
import dev.journey.report.HtmlReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The lead-handoff example's metrics definition (milestones, business calendars per region from
 * {@code journey.json}, the CRM's reason codes) and its HTML report.
 */
final class DemoMetrics {
  /** The report's file name, next to the decision log. */
  static final String REPORT = "report.html";

  private DemoMetrics() {}

  /**
   * The metrics definition of the journey file in {@code example} (its {@code metrics} section:
   * milestones, intervals, region calendars, the CRM's reason codes).
   *
   * @throws IllegalArgumentException when the file declares no metrics
   */
  static MetricsDefinition definition(Path example) {
    Path file = example.resolve("journey.json");
    return JourneyConfig.load(file).metrics().orElseThrow(
        () -> new IllegalArgumentException(file + " declares no metrics: add a \"metrics\" section (see docs/configuration.md)"));
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
