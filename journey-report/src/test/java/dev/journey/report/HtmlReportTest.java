package dev.journey.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    return measurements(2);
  }

  /** The same, with a meeting for every {@code meetingEvery}-th handoff. */
  static Measurements measurements(int meetingEvery) {
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
      if (i % meetingEvery == 0) {
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
    assertThat(report.metrics().entrySet())
        .filteredOn(e -> e.getKey().startsWith("disposition-week|"))
        .singleElement()
        .satisfies(e -> {
          assertThat(e.getKey()).matches("disposition-week\\|2026-W1[01]\\|RECYCLE\\|LOW_FIT\\|[^|]+\\|[^|]+");
          assertThat(e.getValue()).isEqualTo(1L);
        });
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

  @Test
  void should_list_the_first_differing_subjects_with_their_first_divergence() {
    // given: 3 subjects differ, 2 shown
    HtmlReport report =
        HtmlReport.builder(measurements(2))
            .generatedAt(START)
            .candidate("lead-handoff@v1", "lead-handoff@v2", measurements(3))
            .decisionDifferences(Map.of("state", 3L))
            .subjectDifferences(java.util.List.of(
                new HtmlReport.SubjectDifference("contact:c<1>", 2, "DEMO_REQUESTED d-1", "state, timers", "rule \"demo\"",
                    "state: lead-handoff@v1 NURTURE -> SALES_ENGAGED but lead-handoff@v2 NURTURE -> NURTURE"),
                new HtmlReport.SubjectDifference("contact:c2", 1, "FORM_SUBMITTED f-2", "timers", "rule \"form\"", "timers: ...")),
                3)
            .build();

    // when
    String html = report.render();

    // then
    assertThat(shown(html)).isEqualTo(report.metrics());
    assertThat(report.metrics())
        .containsEntry("subjects|differing", 3L)
        .containsEntry("subject|contact:c<1>|decisions", 2L)
        .containsEntry("subject|contact:c2|decisions", 1L);
    assertThat(html).contains("<section class=\"table\" id=\"subject-differences\">")
        .contains("The first 2 of <span data-metric=\"subjects|differing\">3</span> subjects")
        .contains("<th scope=\"row\">contact:c&lt;1&gt;</th>")
        .contains("<td>state: lead-handoff@v1 NURTURE -&gt; SALES_ENGAGED but lead-handoff@v2 NURTURE -&gt; NURTURE</td>");
    assertThatThrownBy(() -> HtmlReport.builder(measurements(2)).subjectDifferences(
            java.util.List.of(new HtmlReport.SubjectDifference("contact:c2", 1, "s", "timers", "r", "x")), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("subjects must count at least the 1 shown, but was 0");
  }

  @Test
  void should_compare_candidate_and_live_rates_side_by_side_with_intervals() {
    // given: live books 3 meetings of 6 handoffs, the candidate 2
    HtmlReport report =
        HtmlReport.builder(measurements(2))
            .generatedAt(START)
            .candidate("lead-handoff@v1", "lead-handoff@v2", measurements(3))
            .decisionDifferences(Map.of("state", 3L))
            .build();

    // when
    String html = report.render();

    // then
    assertThat(report.sectionIds())
        .endsWith("dispositions", "dispositions-over-time", "candidate-vs-live", "decision-differences");
    assertThat(shown(html)).isEqualTo(report.metrics());
    assertThat(report.metrics())
        .containsEntry("compare|live|entered", 6L)
        .containsEntry("compare|candidate|entered", 6L)
        .containsEntry("compare|live|meeting", 3L)
        .containsEntry("compare|candidate|meeting", 2L)
        .containsEntry("decisions|state", 3L);
    // 3/6 = 50.0% [18.8, 81.2]; 2/6 = 33.3% [9.7, 70.0]; delta -16.7 pp with Newcombe's interval
    assertThat(html)
        .contains("<h2>Candidate vs live: lead-handoff@v2 against lead-handoff@v1</h2>")
        .contains("<td>50.0% [18.8, 81.2]</td>")
        .contains("<td>33.3% [9.7, 70.0]</td>")
        .containsPattern("<td>-16\\.7 pp \\[-[0-9.]+, \\+[0-9.]+\\]</td>")
        .contains("class=\"whisker\"")
        .doesNotContain(" href=").doesNotContain(" src=").doesNotContain("<script");
  }

  @Test
  void should_refuse_a_candidate_of_another_shape_and_differences_without_a_candidate() {
    // given
    Measurements live = measurements();
    Measurements other = new Measurements("x", java.util.List.of("entry"), java.util.List.of(), java.util.List.of(), Map.of());

    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HtmlReport.builder(live).candidate("a", "b", other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the candidate must be measured with the same milestones [handoff, first touch, meeting");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> HtmlReport.builder(live).decisionDifferences(Map.of("state", 1L)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("decision differences need a candidate: call candidate(...) first");
  }
}
