package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.metrics.Dimension;
import dev.journey.core.metrics.Dispositions;
import dev.journey.core.metrics.Measurements;
import dev.journey.core.metrics.MetricsCollector;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.metrics.Milestone;
import dev.journey.core.metrics.Slice;
import dev.journey.core.metrics.UndeclaredReasonCodeException;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.report.HtmlReport;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples of docs/measuring.md, run. */
final class MeasuringGuideTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path tmp;

  @Test
  void the_measuring_guide_defines_collects_slices_and_reports() throws java.io.IOException {
    VirtualClock clock = VirtualClock.at(MONDAY);
    JourneyModel model = JourneyModel.builder("trial-to-sales")
        .states("TRIAL", "PQL", "SALES_ASSIST", "CLOSED").initialState("TRIAL")
        .allow("TRIAL", "PQL", "CLOSED").allow("PQL", "SALES_ASSIST", "CLOSED").allow("SALES_ASSIST", "CLOSED")
        .build();
    JavaRuleSet rules = JavaRuleSet.builder("trial-to-sales", "2")
        .rule("heavy usage makes a PQL", f -> f.signal().type().equals("USAGE_MILESTONE"), (f, d) -> d.transitionTo("PQL"))
        .rule("a reply starts sales assist", f -> f.signal().type().equals("SALES_EMAIL_REPLIED"),
            (f, d) -> d.transitionTo("SALES_ASSIST"))
        .rule("not a fit", f -> f.signal().type().equals(SignalTypes.LIFECYCLE_CHANGED),
            (f, d) -> d.transitionTo("CLOSED").recycle(f.signal().stringAttribute("reasonCode").orElse("")))
        .build();

    // tag::definition[]
    BusinessCalendar berlin = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
        .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
    Dispositions dispositions = Dispositions.builder()
        .recycle("TRIAL_EXPIRED")
        .declare(Dispositions.Exit.DISQUALIFY, Set.of("PQL", "SALES_ASSIST"), "NOT_A_FIT", "STUDENT")
        .build();
    MetricsDefinition definition = MetricsDefinition.builder("trial-to-sales")
        .milestone(Milestone.signal("trial", "TRIAL_STARTED"))        // the entry: puts a subject in a cohort
        .milestone(Milestone.state("pql", "PQL"))
        .milestone(Milestone.signal("first touch", "SALES_EMAIL_REPLIED", SignalTypes.SALES_ACTIVITY))
        .interval("time to PQL", "trial", "pql")
        .interval("time to first touch", "pql", "first touch")
        .attribute(Dimension.SEGMENT, "plan")                          // where this journey keeps its segment
        .calendar("EMEA", berlin)                                      // business hours by region
        .dispositions(dispositions)
        .build();
    // end::definition[]

    // tag::collect[]
    MetricsCollector live = MetricsCollector.create(definition);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = JourneyEngine.builder()
        .definition(JourneyDefinition.builder("trial-to-sales").model(model).evaluator(rules)
            .stage(dispositions.stage())                               // undeclared reason codes are rejected
            .build())
        .store(store).clock(clock)
        .listener(live)                                                // measured as decisions commit
        .build();
    // end::collect[]

    String[][] users = {{"u1", "TEAM"}, {"u2", "TEAM"}, {"u3", "ENTERPRISE"}};
    for (String[] u : users) {
      clock.set(MONDAY);
      engine.accept(signal(u[0] + "-trial", u[0], "TRIAL_STARTED", clock, Map.of("plan", u[1], "region", "EMEA")));
    }
    clock.set(MONDAY.plus(Duration.ofHours(2)));
    engine.accept(signal("u1-usage", "u1", "USAGE_MILESTONE", clock, Map.of()));
    engine.accept(signal("u3-usage", "u3", "USAGE_MILESTONE", clock, Map.of()));
    clock.set(MONDAY.plus(Duration.ofHours(26))); // Tuesday 11:00 UTC
    engine.accept(signal("u1-reply", "u1", "SALES_EMAIL_REPLIED", clock, Map.of()));

    // tag::slice[]
    Measurements measurements = live.measurements();
    Slice all = measurements.overall();
    double pqlRate = all.rate("pql");                                  // of the subjects who entered
    Duration medianWall = all.wallClock().get("time to first touch").p50();
    Duration medianBusiness = all.businessHours().get("time to first touch").p50();
    Map<String, Slice> byPlan = measurements.by(Dimension.SEGMENT);   // or SOURCE, REGION, OWNER,
                                                                       // RULE_SET_VERSION, ROLLOUT_BUCKET, COHORT_WEEK
    // end::slice[]
    assertThat(pqlRate).isEqualTo(2 / 3.0);
    assertThat(medianWall).isEqualTo(Duration.ofHours(24));
    assertThat(medianBusiness).isEqualTo(Duration.ofHours(8)); // Berlin: Monday 12:00-17:00 + Tuesday 09:00-12:00
    assertThat(byPlan.get("TEAM").count("pql")).isEqualTo(1);
    assertThat(byPlan.get("ENTERPRISE").count("pql")).isEqualTo(1);

    // tag::reject[]
    Signal lost = signal("u3-lost", "u3", SignalTypes.LIFECYCLE_CHANGED, clock, Map.of("reasonCode", "TOO_EXPENSIVE"));
    assertThatThrownBy(() -> engine.accept(lost))
        .isInstanceOf(UndeclaredReasonCodeException.class)
        .hasMessageEndingWith("reason code 'TOO_EXPENSIVE' is not declared; allowed: TRIAL_EXPIRED, NOT_A_FIT, STUDENT");
    // end::reject[]
    assertThat(store.load(SubjectRef.contact("u3")).orElseThrow().state()).isEqualTo("PQL");

    List<AuditRecord> decisionLog = new ArrayList<>();
    for (String[] u : users) {
      decisionLog.addAll(store.audit(SubjectRef.contact(u[0])));
    }
    // tag::from-log[]
    Measurements fromLog = MetricsCollector.of(definition, decisionLog);
    // end::from-log[]
    assertThat(fromLog).isEqualTo(measurements);

    // tag::report[]
    Path file = tmp.resolve("report.html");
    HtmlReport.builder(measurements)
        .title("Trial to sales")
        .generatedAt(clock.instant())
        .build()
        .write(file);
    // end::report[]
    assertThat(Files.readString(file)).contains("<section class=\"chart\" id=\"funnel-by-cohort\">");
  }

  private static Signal signal(String id, String user, String type, VirtualClock clock, Map<String, Object> attrs) {
    return Signal.builder().id(id).subject(SubjectRef.contact(user)).type(type).occurredAt(clock.instant())
        .source("product").attributes(attrs).build();
  }
}
