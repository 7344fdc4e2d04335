package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.metrics.Measurements;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code journey report} on the demo's decision log. */
final class ReportCommandTest {
  static final Path CANDIDATE_REPORT = Path.of("target", "demo-test-run", "report-v2.html");

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  /** Writes the demo log's report against rules/v2 once; returns the command's output. */
  static synchronized String[] candidateReport() {
    if (cached == null) {
      cached = run("report", "--log", DemoRun.get().log.toString(), "--wiring", DemoRun.EXAMPLE.toString(),
          "--candidate", DemoRun.EXAMPLE.resolve("rules").resolve("v2").toString(), "--out", CANDIDATE_REPORT.toString());
    }
    return cached;
  }

  private static String[] cached;

  @Test
  void should_write_the_same_report_the_demo_writes_from_its_log() throws IOException {
    // given
    DemoRun demo = DemoRun.get();
    Path out = Path.of("target", "demo-test-run", "report-again.html");

    // when
    String[] result = run("report", "--log", demo.log.toString(), "--wiring", DemoRun.EXAMPLE.toString(),
        "--out", out.toString(), "--title", "Lead handoff: measuring the journey");

    // then
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1]).startsWith("Report: " + out + " (" + String.format(java.util.Locale.ROOT, "%,d", demo.records().size()) + " decisions;");
    assertThat(DemoReportBrowserTest.shown(Files.readString(out)))
        .isEqualTo(DemoReportBrowserTest.shown(Files.readString(demo.report)));
  }

  @Test
  void should_compare_the_log_with_a_candidate_rule_set() throws IOException {
    // when
    String[] result = candidateReport();

    // then
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1]).containsPattern("Candidate lead-handoff@v2#\\w+: replayed [0-9,]+ signals, [1-9][0-9,]* of its decisions differ from lead-handoff@v1#\\w+");
    String html = Files.readString(CANDIDATE_REPORT);
    Measurements live = DemoMetrics.measure(DemoRun.EXAMPLE, DemoRun.get().records());
    assertThat(DemoReportBrowserTest.shown(html))
        .containsEntry("compare|live|entered", live.overall().entered())
        .containsEntry("compare|live|handoff", live.overall().count("handoff"))
        .containsEntry("compare|live|sla (all) started", live.overall().slaTotal().started())
        .containsKeys("compare|candidate|entered", "compare|candidate|sla (all) met", "decisions|timers")
        // v2 uses other SLA policies than v1: no per-policy row compares a policy only one of them started
        .doesNotContainKeys("compare|live|sla first-touch-na met", "compare|candidate|sla fast-touch-na met");
    assertThat(html).contains("<section class=\"chart\" id=\"candidate-vs-live\">")
        .contains("<section class=\"chart\" id=\"decision-differences\">")
        .contains("<section class=\"table\" id=\"subject-differences\">");
    // the per-subject table: at most 50 subjects (the default), each with its differing decisions
    Map<String, Long> shown = DemoReportBrowserTest.shown(html);
    Map<String, Long> perSubject = new java.util.TreeMap<>();
    shown.forEach((k, v) -> {
      if (k.startsWith("subject|")) {
        perSubject.put(k, v);
      }
    });
    assertThat(perSubject).hasSizeBetween(1, 50);
    assertThat(perSubject.values()).allMatch(n -> n >= 1);
    assertThat(shown.get("subjects|differing")).isGreaterThanOrEqualTo(perSubject.size());
    java.util.regex.Matcher differing =
        java.util.regex.Pattern.compile("signals, ([0-9,]+) of its decisions differ").matcher(result[1]);
    assertThat(differing.find()).isTrue();
    long decisions = Long.parseLong(differing.group(1).replace(",", ""));
    assertThat(perSubject.values().stream().mapToLong(Long::longValue).sum()).isBetween((long) perSubject.size(), decisions);
    assertThat(shown.get("subjects|differing")).isLessThanOrEqualTo(decisions);
  }

  @Test
  void should_refuse_a_missing_log_and_a_candidate_that_is_not_a_directory() {
    // when
    String[] log = run("report", "--log", "no-such.jsonl");
    String[] candidate = run("report", "--log", DemoRun.get().log.toString(), "--candidate", "no-such-dir");

    // then
    assertThat(log[0]).isEqualTo("2");
    assertThat(log[2]).contains("--log must be a decision log (JSON lines), but no-such.jsonl is not a file");
    assertThat(candidate[0]).isEqualTo("2");
    assertThat(candidate[2]).contains("--candidate must be a directory of .drl files, but no-such-dir is not a directory");
  }
}
