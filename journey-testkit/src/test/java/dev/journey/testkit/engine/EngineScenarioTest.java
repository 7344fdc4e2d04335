package dev.journey.testkit.engine;

import static dev.journey.core.SubjectRef.contact;
import static dev.journey.core.action.ActionKind.ASSIGN_OWNER;
import static dev.journey.core.action.ActionKind.CREATE_TASK;
import static dev.journey.core.action.ActionKind.ESCALATE;
import static dev.journey.core.action.ActionKind.SUPPRESS_OUTREACH;
import static dev.journey.core.spi.AuditRecord.Outcome.DECIDED;
import static dev.journey.core.spi.AuditRecord.Outcome.REJECTED;
import static dev.journey.core.spi.AuditRecord.Outcome.STALE_TIMER;
import static dev.journey.core.state.JourneyModel.NURTURE;
import static dev.journey.core.state.JourneyModel.SALES_ENGAGED;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThatAudit;
import static dev.journey.testkit.scenario.Scenario.at;
import static dev.journey.testkit.scenario.Scenario.demoRequested;
import static dev.journey.testkit.scenario.Scenario.lifecycleChanged;
import static dev.journey.testkit.scenario.Scenario.pricingPageViewed;
import static dev.journey.testkit.scenario.Scenario.salesActivity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.testkit.junit.JourneyExtension;
import dev.journey.testkit.playbook.Playbook;
import dev.journey.testkit.scenario.Scenario;
import dev.journey.testkit.scenario.Then;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** journey-core's engine, specified with the testkit (core cannot depend on it). */
final class EngineScenarioTest {
  @RegisterExtension
  final JourneyExtension journey = JourneyExtension.builder().definition(Playbook.journey()).build();

  @Test
  void should_fire_timers_in_due_order_as_the_clock_advances() {
    // given
    Scenario scenario = journey.scenario();
    scenario.given(contact("1")).when(at("09:00"), demoRequested());
    scenario.given(contact("3")).when(at("09:30"), demoRequested());
    scenario.given(contact("2")).when(at("10:00"), demoRequested());

    // when
    List<AuditRecord> fired = journey.driver().advanceTo(Instant.parse("2026-03-02T18:00:00Z"));

    // then
    assertThat(fired)
        .extracting(r -> r.signal().subject() + " at " + r.decision().evaluatedAt())
        .containsExactly(
            "contact:1 at 2026-03-02T13:00:00Z",
            "contact:3 at 2026-03-02T13:30:00Z",
            "contact:2 at 2026-03-02T14:00:00Z");
    assertThatAudit(fired).hasFired("first touch missed").hasOutcomes(DECIDED, DECIDED, DECIDED);
    assertThat(journey.clock().instant()).isEqualTo(Instant.parse("2026-03-02T18:00:00Z"));
  }

  @Test
  void should_fire_a_timer_only_once_it_is_due() {
    journey.scenario()
        .given(contact("1")).inState(NURTURE)
        .when(at("09:00"), demoRequested())
        .then().state(SALES_ENGAGED).actions(ASSIGN_OWNER, CREATE_TASK, SUPPRESS_OUTREACH)
        .timer(Playbook.SLA, at("13:00"))
        .and().advanceTo(at("12:59:59"))
        .then().noActions().timer(Playbook.SLA, at("13:00"))
        .and().advanceTo(at("13:00"))
        .then().fired("first touch missed").actions(ESCALATE).noTimer(Playbook.SLA);
  }

  @Test
  void should_ignore_a_stale_timer_generation() {
    // given: the SLA was scheduled at 09:00 and rescheduled at 10:00 by pricing interest
    SubjectRef one = contact("1");
    Then rescheduled =
        journey.scenario()
            .given(one)
            .when(at("09:00"), demoRequested())
            .when(at("10:00"), pricingPageViewed())
            .then().timer(Playbook.SLA, at("14:00"));
    PendingTimer current = rescheduled.current().timer(Playbook.SLA).orElseThrow();
    JourneySnapshot before = rescheduled.current();

    // when: the firing of the first generation arrives late
    SignalResult stale =
        journey.driver()
            .receive(
                Signal.builder()
                    .id("timer:" + one + ":" + Playbook.SLA + ":1")
                    .subject(one)
                    .type(SignalTypes.TIMER_FIRED)
                    .occurredAt(Instant.parse("2026-03-02T13:00:00Z"))
                    .source("journey")
                    .attribute("timer", Playbook.SLA)
                    .attribute("generation", 1L)
                    .build());

    // then
    assertThat(current.generation()).isEqualTo(2);
    assertThat(stale).isStaleTimer().snapshot().hasVersion(before.version());
    assertThat(stale).decision().hasNoActions().keepsState().isDecidedBy("journey-engine");
    assertThat(journey.driver().snapshot(one).orElseThrow()).isEqualTo(before);
    assertThatAudit(journey.store().audit(one)).hasOutcomes(DECIDED, DECIDED, STALE_TIMER);
  }

  @Test
  void should_stop_the_clock_when_sales_touches_in_time() {
    journey.scenario()
        .given(contact("1"))
        .when(at("09:00"), demoRequested())
        .when(at("11:00"), salesActivity())
        .then().fired("sales touch stops the clock").noTimer(Playbook.SLA)
        .and().advanceTo(at("09:00").plusDays(1))
        .then().noActions().outcomes();
  }

  @Test
  void should_reject_and_audit_an_illegal_transition() {
    Then rejected =
        journey.scenario()
            .given(contact("1")).inState(NURTURE)
            .when(at("09:00"), lifecycleChanged("customer"))
            .then()
            .state(NURTURE)
            .outcomes(REJECTED)
            .rejected("journey 'lead-handoff' cannot go from NURTURE to CUSTOMER")
            .noActions();

    assertThat(rejected.results().get(0)).isRejected().decision().hasFired("lifecycle says customer");
    assertThat(journey.store().pendingActions()).isEmpty();
    assertThatAudit(journey.store().audit(contact("1")))
        .hasOutcomes(DECIDED, REJECTED) // the seed, then the rejection
        .hasRejectionContaining("cannot go from NURTURE to CUSTOMER");
  }
}
