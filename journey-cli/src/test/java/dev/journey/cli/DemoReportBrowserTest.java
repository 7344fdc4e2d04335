package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.metrics.Measurements;
import dev.journey.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code journey demo}, then opens the report it wrote in headless Chromium: every chart is
 * in the DOM and every number equals the measurements recomputed from the decision log. Saves a
 * screenshot as {@code target/journey-report-screenshot.png}. Skips without Chromium, except with
 * {@code CI=true}, where it fails.
 */
final class DemoReportBrowserTest {
  private static final Pattern METRIC = Pattern.compile("data-metric=\"([^\"]+)\">(\\d+)<");

  @TempDir static Path tmp;

  private static DemoRun run;
  private static Measurements measurements;

  @BeforeAll
  static void run_the_demo() {
    run = DemoRun.get();
    measurements = DemoMetrics.measure(DemoRun.EXAMPLE, run.records());
  }

  private static HtmlReport recomputed() {
    return DemoMetrics.report(measurements, run.records().get(run.records().size() - 1).recordedAt());
  }

  static Map<String, Long> shown(String html) {
    Map<String, Long> values = new LinkedHashMap<>();
    Matcher m = METRIC.matcher(html);
    while (m.find()) {
      values.put(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"),
          Long.parseLong(m.group(2)));
    }
    return values;
  }

  @Test
  void should_write_the_report_and_print_its_path() throws IOException {
    // then
    assertThat(run.exit).isZero();
    assertThat(run.out).contains("Report: " + run.report + " (self-contained HTML");
    assertThat(shown(Files.readString(run.report))).isEqualTo(recomputed().metrics());
  }

  @Test
  void should_count_the_same_handoffs_and_first_touches_as_the_printed_summary() {
    // given
    DemoFigures printed = DemoFigures.fromLog(run.records());

    // then: the old fixed lead-handoff figures and the configurable ones agree where they overlap
    printed.metrics().bySegment().forEach((segment, g) -> {
      assertThat(measurements.by(dev.journey.core.metrics.Dimension.SEGMENT).get(segment).count("handoff"))
          .as(segment + " handoffs").isEqualTo(g.handoffs());
      assertThat(measurements.by(dev.journey.core.metrics.Dimension.SEGMENT).get(segment).count("first touch"))
          .as(segment + " touched").isEqualTo(g.accepted());
    });
    assertThat(measurements.overall().wallClock().get("time to first touch").p50())
        .isEqualTo(printed.metrics().timeToFirstTouch().p50());
  }

  @Test
  void should_render_every_chart_with_the_numbers_of_the_metrics_in_a_real_browser() throws IOException {
    // given
    Optional<Chromium> chromium = Chromium.find();
    if (chromium.isEmpty()) {
      assertThat(System.getenv("CI")).as("CI=true needs chromium (apt-get install chromium)").isNotEqualTo("true");
      Assumptions.abort("chromium is not installed; apt-get install chromium to run the browser test");
    }
    HtmlReport expected = recomputed();

    // when
    String dom = chromium.get().dumpDom(run.report, Files.createDirectory(tmp.resolve("profile-dom")));
    Path png = Path.of("target", "journey-report-screenshot.png");
    Files.createDirectories(png.getParent());
    chromium.get().screenshot(run.report, Files.createDirectory(tmp.resolve("profile-png")), png, 1100, 2600);

    // then
    for (String id : expected.sectionIds()) {
      assertThat(dom).as(id).containsPattern("<section class=\"chart\" id=\"" + Pattern.quote(id) + "\">\\s*<h2>[^<]+</h2>\\s*<svg");
    }
    assertThat(shown(dom)).isEqualTo(expected.metrics());
    assertThat(expected.metrics()).containsKeys("overall|handoff", "sla-policy|first-touch-na|met");
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }

  @Test
  void should_render_the_candidate_comparison_with_its_numbers_in_a_real_browser() throws IOException {
    // given: journey report --candidate rules/v2 on the demo's log
    Optional<Chromium> chromium = Chromium.find();
    if (chromium.isEmpty()) {
      assertThat(System.getenv("CI")).as("CI=true needs chromium (apt-get install chromium)").isNotEqualTo("true");
      Assumptions.abort("chromium is not installed; apt-get install chromium to run the browser test");
    }
    assertThat(ReportCommandTest.candidateReport()[0]).isEqualTo("0");
    Path report = ReportCommandTest.CANDIDATE_REPORT;
    String html = Files.readString(report);

    // when
    String dom = chromium.get().dumpDom(report, Files.createDirectory(tmp.resolve("profile-compare")));
    Path png = Path.of("target", "journey-report-comparison-screenshot.png");
    chromium.get().screenshot(report, Files.createDirectory(tmp.resolve("profile-compare-png")), png, 1100, 4200);

    // then: both sections render with their chart, and the browser shows the numbers of the file
    for (String id : java.util.List.of("candidate-vs-live", "decision-differences")) {
      assertThat(dom).as(id).containsPattern("<section class=\"chart\" id=\"" + id + "\">\\s*<h2>[^<]+</h2>\\s*<svg");
    }
    assertThat(shown(dom)).isEqualTo(shown(html));
    assertThat(shown(dom)).containsKeys("compare|live|handoff", "compare|candidate|handoff", "decisions|timers");
    assertThat(dom).containsPattern("<td>[-+][0-9.]+ pp \\[[-+][0-9.]+, [-+][0-9.]+\\]</td>");
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }
}
