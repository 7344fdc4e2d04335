package dev.journey.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.routing.InMemoryOwnerDirectory;
import dev.journey.core.routing.Owner;
import dev.journey.core.routing.Pool;
import dev.journey.core.routing.Router;
import dev.journey.core.routing.RoutingPolicy;
import dev.journey.core.routing.RoutingStage;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.sla.SlaPolicy;
import dev.journey.core.sla.SlaStage;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lead-handoff shape, end to end through routing and the SLA stage. */
final class MetricsCollectorTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
  private static final BusinessCalendar ALWAYS = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);
  // 09:00-17:00 Berlin = 08:00-16:00 UTC in March
  private static final BusinessCalendar BERLIN =
      BusinessCalendar.builder(ZoneId.of("Europe/Berlin")).weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();

  private final MutableClock clock = MutableClock.at(MONDAY.toString());
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private final MetricsDefinition definition =
      MetricsDefinition.leadHandoff().calendar(BERLIN).build();
  private final MetricsCollector live = MetricsCollector.create(definition);
  private final JourneyEngine engine = engine();

  private JourneyEngine engine() {
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("o-1", ALWAYS).manager("m-1").build())
            .owner(Owner.builder("o-2", ALWAYS).manager("m-1").build())
            .pool(Pool.of("emea", "o-1", "o-2"))
            .build();
    Router router =
        Router.builder()
            .directory(directory)
            .policy(RoutingPolicy.builder("inbound").roundRobin("emea").fallbackQueue("queue-emea").build())
            .build();
    SlaPolicy firstTouch =
        SlaPolicy.builder("first-touch")
            .target(Duration.ofHours(2))
            .calendar(ALWAYS)
            .satisfiedBy(SignalTypes.SALES_ACTIVITY, SignalTypes.MEETING_BOOKED)
            .escalationWindow(Duration.ofHours(1))
            .reassignWith("inbound")
            .build();
    JavaRuleSet rules =
        JavaRuleSet.builder("lead-handoff", "7")
            .rule("demo request goes to sales",
                f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).route("inbound").startSla("first-touch"))
            .rule("meeting opens an opportunity",
                f -> f.signal().type().equals(SignalTypes.MEETING_BOOKED),
                (f, d) -> d.transitionTo(JourneyModel.OPPORTUNITY_ACTIVE))
            .rule("low intent is recycled",
                f -> f.signal().type().equals(SignalTypes.CONTENT_ENGAGED),
                (f, d) -> d.transitionTo(JourneyModel.RECYCLED).recycle("LOW_INTENT"))
            .build();
    return JourneyEngine.builder()
        .definition(JourneyDefinition.builder("lead-handoff")
            .model(JourneyModel.leadHandoff())
            .evaluator(rules)
            .stage(RoutingStage.of(router))
            .stage(SlaStage.builder().router(router).directory(directory).sla(firstTouch).build())
            .build())
        .store(store)
        .clock(clock)
        .listener(live)
        .build();
  }

  private void at(Duration offset, String id, String subject, String type, String segment, String region) {
    clock.set(MONDAY.plus(offset));
    engine.fireDueTimers();
    Signal.Builder b = Signal.builder().id(id).subject(SubjectRef.contact(subject)).type(type)
        .occurredAt(clock.instant()).source("test");
    if (segment != null) {
      b.attribute("segment", segment).attribute("region", region).attribute("leadSource", "webinar");
    }
    engine.accept(b.build());
  }

  /** c1 touched after 30 min and meets on Tuesday; c2 touched after 3 h (breached); c3 never; c4 recycled. */
  private void scenario() {
    at(Duration.ZERO, "d1", "1", SignalTypes.DEMO_REQUESTED, "SMB", "EMEA");
    at(Duration.ZERO, "d2", "2", SignalTypes.DEMO_REQUESTED, "SMB", "EMEA");
    at(Duration.ZERO, "d3", "3", SignalTypes.DEMO_REQUESTED, "ENTERPRISE", "NA");
    at(Duration.ofMinutes(30), "t1", "1", SignalTypes.SALES_ACTIVITY, null, null);
    at(Duration.ofHours(3), "t2", "2", SignalTypes.SALES_ACTIVITY, null, null);
    at(Duration.ofHours(5), "c4", "4", SignalTypes.CONTENT_ENGAGED, "MID_MARKET", "EMEA");
    at(Duration.ofHours(24), "m1", "1", SignalTypes.MEETING_BOOKED, null, null);
  }

  @Test
  void should_count_milestones_rates_and_both_kinds_of_duration_when_leads_are_handed_off() {
    // given
    scenario();

    // when
    Measurements m = live.measurements();
    Slice all = m.overall();

    // then
    assertThat(all.entered()).isEqualTo(3);
    assertThat(all.reached()).containsExactly(
        org.assertj.core.api.Assertions.entry("handoff", 3L),
        org.assertj.core.api.Assertions.entry("first touch", 2L),
        org.assertj.core.api.Assertions.entry("meeting", 1L),
        org.assertj.core.api.Assertions.entry("opportunity", 1L),
        org.assertj.core.api.Assertions.entry("won", 0L));
    assertThat(all.rate("first touch")).isEqualTo(2 / 3.0);
    assertThat(all.conversion("first touch", "meeting")).isEqualTo(0.5);
    assertThat(all.wallClock().get("time to first touch").values())
        .containsExactly(Duration.ofMinutes(30), Duration.ofHours(3));
    // Monday 09:00Z to Tuesday 09:00Z: 24 h on the wall, 7 h Monday + 1 h Tuesday of Berlin business time
    assertThat(all.wallClock().get("time to meeting").values()).containsExactly(Duration.ofHours(24));
    assertThat(all.businessHours().get("time to meeting").values()).containsExactly(Duration.ofHours(8));
    assertThat(m.subjects()).filteredOn(s -> s.subject().id().equals("4"))
        .singleElement().satisfies(s -> assertThat(s.reached()).isEmpty());
  }

  @Test
  void should_count_an_sla_once_by_its_first_outcome_and_charge_breaches_to_the_owner() {
    // given
    scenario();

    // when
    Measurements m = live.measurements();

    // then: c1 met; c2 breached at 2 h (its touch at 3 h is late); c3 breached, escalated, reassigned
    assertThat(m.overall().slas()).containsEntry("first-touch", new SlaStats(3, 1, 2, 0));
    assertThat(m.overall().slas().get("first-touch").adherence()).isEqualTo(1 / 3.0);
    assertThat(m.slaByWeek()).containsOnlyKeys("2026-W10");
    String ownerOf3 = store.audit(SubjectRef.contact("3")).get(0).decision().actions().stream()
        .filter(a -> a instanceof dev.journey.core.action.AssignOwner)
        .map(a -> ((dev.journey.core.action.AssignOwner) a).ownerId()).findFirst().orElseThrow();
    assertThat(m.owners().get(ownerOf3).escalations()).isEqualTo(1);
    assertThat(m.owners().values().stream().mapToLong(OwnerStats::breaches).sum()).isEqualTo(2);
    assertThat(m.owners().values().stream().mapToLong(OwnerStats::assigned).sum())
        .as("three handoffs; c2 and c3 reassigned at their second breach (3 h)").isEqualTo(5);
    assertThat(m.subjects()).filteredOn(s -> s.subject().id().equals("3")).singleElement()
        .satisfies(s -> assertThat(s.value(Dimension.OWNER)).as("reassigned").isNotEqualTo(ownerOf3));
    assertThat(m.by(Dimension.OWNER).values().stream().mapToLong(Slice::entered).sum()).isEqualTo(3);
  }

  @Test
  void should_slice_every_figure_by_segment_region_source_version_and_cohort() {
    // given
    scenario();

    // when
    Measurements m = live.measurements();

    // then
    assertThat(m.by(Dimension.SEGMENT)).containsOnlyKeys("SMB", "ENTERPRISE", "MID_MARKET");
    assertThat(m.by(Dimension.SEGMENT).get("SMB").entered()).isEqualTo(2);
    assertThat(m.by(Dimension.SEGMENT).get("SMB").slas().get("first-touch")).isEqualTo(new SlaStats(2, 1, 1, 0));
    assertThat(m.by(Dimension.SEGMENT).get("MID_MARKET").entered()).isZero();
    assertThat(m.by(Dimension.SEGMENT).get("MID_MARKET").count(Dispositions.Exit.RECYCLE, "LOW_INTENT")).isEqualTo(1);
    assertThat(m.by(Dimension.REGION).get("NA").count("first touch")).isZero();
    assertThat(m.by(Dimension.SOURCE)).containsOnlyKeys("webinar");
    assertThat(m.by(Dimension.RULE_SET_VERSION)).containsOnlyKeys("7");
    assertThat(m.by(Dimension.COHORT_WEEK).get("2026-W10").entered()).isEqualTo(3);
    assertThat(m.by(Dimension.COHORT_WEEK)).containsKey(Measurements.UNKNOWN); // c4 never entered
    assertThat(m.by(Dimension.ROLLOUT_BUCKET)).containsOnlyKeys(Measurements.UNKNOWN);
    assertThat(m.reasonsByExit()).containsEntry(Dispositions.Exit.RECYCLE, java.util.Map.of("LOW_INTENT", 1L));
  }

  @Test
  void should_count_dispositions_by_week_rule_version_and_segment() {
    // given
    scenario();

    // when
    Measurements m = live.measurements();

    // then: the one recycle, in the week and by the version that made it, for its subject's segment
    assertThat(m.reasonsOverTime()).containsExactly(
        new Measurements.ReasonRow("2026-W10", new Disposition(Dispositions.Exit.RECYCLE, "LOW_INTENT"), "7", "MID_MARKET", 1));
    assertThat(m.subjects()).flatExtracting(SubjectMeasure::exits).singleElement()
        .satisfies(e -> assertThat(e.disposition()).isEqualTo(new Disposition(Dispositions.Exit.RECYCLE, "LOW_INTENT")));
  }

  @Test
  void should_give_equal_measurements_when_recomputed_from_the_decision_log() {
    // given
    scenario();
    List<AuditRecord> log = new ArrayList<>();
    for (String subject : List.of("4", "3", "2", "1")) { // another interleaving of the subjects
      log.addAll(store.audit(SubjectRef.contact(subject)));
    }

    // when
    Measurements replayed = MetricsCollector.of(definition, log);

    // then
    assertThat(replayed).isEqualTo(live.measurements());
  }

  @Test
  void should_reject_a_definition_that_names_an_unknown_milestone() {
    assertThatThrownBy(() -> MetricsDefinition.builder("j").milestone(Milestone.state("a", "A")).interval("x", "a", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval 'x' must run between milestones [a], but named 'b'");
    assertThatThrownBy(() -> MetricsDefinition.builder("j").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one milestone");
    assertThatThrownBy(() -> Milestone.signal("touch"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("milestone 'touch' must name at least one signal, but named none");
    assertThatThrownBy(() -> MetricsDefinition.builder("j").attribute(Dimension.OWNER, "owner"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("only SEGMENT, SOURCE and REGION come from signal attributes, but was OWNER");
  }
}
