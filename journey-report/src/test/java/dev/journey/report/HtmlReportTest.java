package dev.journey.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.metrics.Measurements;
import dev.journey.core.metrics.MetricsCollector;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class HtmlReportTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final Pattern METRIC = Pattern.compile("data-metric=\"([^\"]+)\">(\\d+)<");

  /** Six handoffs over two weeks, touched after 1..6 hours; the even ones book a meeting; one recycle. */
  static Measurements measurements() {
    VirtualClock clock = VirtualClock.at(START);
    MetricsCollector metrics = MetricsCollector.create(MetricsDefinition.leadHandoff().build());
    JavaRuleSet rules =
        JavaRuleSet.builder("lead-handoff", "1")
            .rule("handoff", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).assignOwner("owner-<" + f.signal().subject().id() + ">", "rr"))
            .rule("recycle", f -> f.signal().type().equals(SignalTypes.CONTENT_ENGAGED),
                (f, d) -> d.transitionTo(JourneyModel.RECYCLED).recycle("LOW_FIT"))
            .build();
    JourneyEngine engine = JourneyEngine.builder()
        .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff()).evaluator(rules).build())
        .store(InMemoryJourneyStore.create()).clock(clock).listener(metrics).build();
    for (int i = 1; i <= 6; i++) {
      Instant at = START.plus(Duration.ofDays(2L * i));
      SubjectRef s = SubjectRef.contact("c" + i);
      clock.set(at);
      engine.accept(Signal.builder().id("d" + i).subject(s).type(SignalTypes.DEMO_REQUESTED).occurredAt(at)
          .attribute("segment", i % 2 == 0 ? "SMB" : "ENTERPRISE").build());
      clock.set(at.plus(Duration.ofHours(i)));
      engine.accept(Signal.builder().id("t" + i).subject(s).type(SignalTypes.SALES_ACTIVITY).occurredAt(clock.instant()).build());
      if (i % 2 == 0) {
        clock.set(at.plus(Duration.ofDays(1)));
        engine.accept(Signal.builder().id("m" + i).subject(s).type(SignalTypes.MEETING_BOOKED).occurredAt(clock.instant()).build());
      }
    }
    engine.accept(Signal.builder().id("r").subject(SubjectRef.contact("c9")).type(SignalTypes.CONTENT_ENGAGED)
        .occurredAt(clock.instant()).build());
    return metrics.measurements();
  }

  static Map<String, Long> shown(String html) {
    Map<String, Long> out = new LinkedHashMap<>();
    Matcher m = METRIC.matcher(html);
    while (m.find()) {
      out.put(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"), Long.parseLong(m.group(2)));
    }
    return out;
  }

  @Test
  void should_show_every_figure_of_the_measurements_in_a_table() {
    // given
    Measurements m = measurements();
    HtmlReport report = HtmlReport.builder(m).title("Test report").generatedAt(START).build();

    // when
    String html = report.render();

    // then
    assertThat(shown(html)).isEqualTo(report.metrics());
    assertThat(report.metrics())
        .containsEntry("overall|handoff", 6L)
        .containsEntry("overall|meeting", 3L)
        .containsEntry("segment|SMB|meeting", 3L)
        .containsEntry("funnel|2026-W10|handoff", 3L) // 4, 6 and (Sunday) 8 March
        .containsEntry("distribution|time to first touch|wall|≤ 1h", 1L)
        .containsEntry("distribution|time to first touch|wall|≤ 4h", 2L) // 3 h and 4 h
        .containsEntry("distribution|time to first touch|wall|≤ 8h", 2L) // 5 h and 6 h
        .containsEntry("owner|owner-<c1>|assigned", 1L)
        .containsEntry("disposition|RECYCLE|LOW_FIT", 1L);
    for (String id : report.sectionIds()) {
      assertThat(html).contains("<section class=\"chart\" id=\"" + id + "\">");
    }
  }

  @Test
  void should_be_self_contained_and_escape_what_it_shows() {
    // when
    String html = HtmlReport.builder(measurements()).build().render();

    // then: the only URL is the SVG namespace; a CSP forbids loading anything
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:").doesNotContain("https:")
        .doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
    assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
    assertThat(html).contains("owner-&lt;c1&gt;").doesNotContain("owner-<c1>");
    assertThat(html.split("<svg ", -1)).hasSize(html.split("<table>", -1).length); // a table behind every chart
  }
}
