package dev.journey.testkit.scenario;

import static dev.journey.core.SubjectRef.contact;
import static dev.journey.core.action.ActionKind.ASSIGN_OWNER;
import static dev.journey.core.action.ActionKind.CREATE_TASK;
import static dev.journey.core.action.ActionKind.ENROLL_SEQUENCE;
import static dev.journey.core.action.ActionKind.ESCALATE;
import static dev.journey.core.action.ActionKind.SUPPRESS_OUTREACH;
import static dev.journey.core.state.JourneyModel.CUSTOMER;
import static dev.journey.core.state.JourneyModel.NURTURE;
import static dev.journey.core.state.JourneyModel.OPPORTUNITY_ACTIVE;
import static dev.journey.core.state.JourneyModel.SALES_ENGAGED;
import static dev.journey.testkit.scenario.Scenario.after;
import static dev.journey.testkit.scenario.Scenario.at;
import static dev.journey.testkit.scenario.Scenario.demoRequested;
import static dev.journey.testkit.scenario.Scenario.formSubmitted;
import static dev.journey.testkit.scenario.Scenario.meetingBooked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.UnknownStateException;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.JourneyDriver;
import dev.journey.testkit.junit.JourneyExtension;
import dev.journey.testkit.playbook.Playbook;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ScenarioTest {
  // tag::extension[]
  @RegisterExtension
  final JourneyExtension journey = JourneyExtension.builder().definition(Playbook.journey()).build();
  // end::extension[]

  @Test
  void should_read_as_the_lead_handoff_playbook() {
    // tag::scenario[]
    journey.scenario()
        .given(contact("1")).inState(NURTURE)
        .when(at("09:00"), demoRequested())
        .then()
        .state(SALES_ENGAGED)
        .owner("owner-7")
        .fired("demo request qualifies")
        .actions(ASSIGN_OWNER, CREATE_TASK, SUPPRESS_OUTREACH)
        .timer(Playbook.SLA, at("13:00"))
        .and()
        .advanceTo(at("14:00"))
        .then()
        .fired("first touch missed")
        .actions(ESCALATE)
        .noTimer(Playbook.SLA)
        .and()
        .when(at("09:00").plusDays(1), meetingBooked())
        .then()
        .state(OPPORTUNITY_ACTIVE);
    // end::scenario[]
  }

  @Test
  void should_run_the_decision_stages_the_driver_was_given() {
    // given
    // tag::stages[]
    DecisionStage noTasks =
        (decision, context) ->
            decision.actions().stream()
                .filter(a -> a.kind() == CREATE_TASK)
                .findFirst()
                .map(task -> decision.dropping(task, "task-freeze", "tasks are frozen"))
                .orElse(decision);
    Scenario frozen =
        Scenario.on(JourneyDriver.builder().definition(Playbook.journey().toBuilder().stage(noTasks).build()).build());
    // end::stages[]

    // when
    Given one = frozen.given(contact("1")).when(at("09:00"), demoRequested());

    // then
    one.then()
        .actions(ASSIGN_OWNER, SUPPRESS_OUTREACH)
        .decision()
        .hasDropped(CREATE_TASK, "task-freeze");
  }

  @Test
  void should_prefix_failures_with_subject_and_step() {
    // given
    Given subject =
        journey.scenario().given(contact("1")).when(at("09:00"), formSubmitted());

    // when / then
    assertThatThrownBy(() -> subject.then().state(CUSTOMER))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "[contact:1, step 1: when 09:00 FORM_SUBMITTED] \n"
                + "Expecting contact:1 to be in state:\n  CUSTOMER\nbut was:\n"
                + "  contact:1 in NURTURE since 2026-03-02T09:00:00Z (version 1, owner none)");
    assertThatThrownBy(() -> subject.then().actions(ESCALATE))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "[contact:1, step 1: when 09:00 FORM_SUBMITTED] \n"
                + "Expecting actions to have actions of kinds, in order:\n  [ESCALATE]\n"
                + "but had:\n  [ENROLL_SEQUENCE ");
  }

  @Test
  void should_say_when_a_step_decided_nothing() {
    // given
    Given quiet = journey.scenario().given(contact("1")).advance(Duration.ofHours(1));

    // when / then
    assertThatThrownBy(() -> quiet.then().decision())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "[contact:1, step 1: advance to after PT1H] \n"
                + "Expecting an audited decision\nbut there are no audit records");
  }

  @Test
  void should_seed_the_given_snapshot_through_the_store() {
    // given
    Given vip =
        journey.scenario()
            .given(contact("9"))
            .inState(SALES_ENGAGED)
            .withOwner("owner-3")
            .withProperty("tier", "gold")
            .withCounter("touches", 2)
            .withTimer(Playbook.SLA, at("10:00"));

    // when
    vip.advanceTo(at("10:00"));

    // then
    vip.then()
        .state(SALES_ENGAGED)
        .owner("owner-3")
        .property("tier", "gold")
        .fired("first touch missed")
        .actions(ESCALATE);
    vip.then().snapshot().hasCounter("touches", 2).hasVersion(2);
    assertThat(journey.store().audit(contact("9")).get(0).decision().ruleSet())
        .isEqualTo(JourneyDriver.SEED);
  }

  @Test
  void should_deliver_a_moment_in_the_past_late() {
    // given
    Given one = journey.scenario().given(contact("1")).when(at("10:00"), formSubmitted());

    // when
    one.when(at("09:00"), formSubmitted());

    // then
    assertThat(one.then().results().get(0).signal().occurredAt())
        .isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(journey.clock().instant()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    one.then().actions(ENROLL_SEQUENCE).snapshot().hasCounter("forms", 2);
  }

  @Test
  void should_resolve_moments_in_the_clock_zone() {
    // given
    JourneyDriver paris =
        JourneyDriver.builder()
            .definition(Playbook.journey())
            .zone(ZoneId.of("Europe/Paris"))
            .start(Instant.parse("2026-03-02T06:00:00Z"))
            .build();

    // when
    Scenario.on(paris).given(contact("1")).when(at("09:00"), formSubmitted());

    // then
    assertThat(paris.now()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    assertThat(after(Duration.ofMinutes(5)).toString()).isEqualTo("after PT5M");
    assertThat(at("09:00").plusDays(2).toString()).isEqualTo("day 3 09:00");
  }

  @Test
  void should_reject_malformed_moments_and_unknown_states() {
    assertThatThrownBy(() -> at("nine"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "moment must be a time of day like '09:00' or an instant like"
                + " '2026-03-02T09:00:00Z', but was 'nine'");
    assertThatThrownBy(() -> after(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration must be >= 0, but was PT-1M");
    assertThatThrownBy(() -> at(Instant.EPOCH).plusDays(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("plusDays applies to a time of day like at(\"09:00\") only");
    assertThatThrownBy(() -> journey.scenario().given(contact("1")).inState("LOST"))
        .isInstanceOf(UnknownStateException.class);
    assertThatThrownBy(() -> journey.scenario().given(contact("1")).when(at("09:00")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("when(...) needs at least one signal");
  }
}
