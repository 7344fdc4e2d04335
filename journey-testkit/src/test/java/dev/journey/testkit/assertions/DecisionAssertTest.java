package dev.journey.testkit.assertions;

import static dev.journey.core.action.ActionKind.ASSIGN_OWNER;
import static dev.journey.core.action.ActionKind.CREATE_TASK;
import static dev.journey.core.action.ActionKind.ESCALATE;
import static dev.journey.core.action.ActionKind.SUPPRESS_OUTREACH;
import static dev.journey.core.state.JourneyModel.CUSTOMER;
import static dev.journey.core.state.JourneyModel.SALES_ENGAGED;
import static dev.journey.testkit.assertions.Fixtures.NOW;
import static dev.journey.testkit.assertions.Fixtures.demoDecision;
import static dev.journey.testkit.assertions.Fixtures.shortId;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SignalTypes;
import dev.journey.core.decision.Decision;
import dev.journey.testkit.playbook.Playbook;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class DecisionAssertTest {
  private static final String WHAT =
      "decision of lead-handoff@1 on DEMO_REQUESTED demo-1 for contact:1";

  private final Decision decision = demoDecision();

  @Test
  void should_pass_when_the_decision_matches() {
    // given
    Decision dropped =
        decision.dropping(decision.actions().get(1), "frequency-cap", "one task a day");

    // when / then
    // tag::assertions[]
    assertThat(decision)
        .hasStateAfter(SALES_ENGAGED)
        .hasFired("demo request qualifies")
        .hasFiredExactly("demo request qualifies")
        .hasNotFired("silence recycles")
        .hasActionKinds(ASSIGN_OWNER, CREATE_TASK, SUPPRESS_OUTREACH)
        .hasNoDroppedActions()
        .schedulesTimer(Playbook.SLA, NOW.plus(Playbook.SLA_WINDOW))
        .isDecidedBy("lead-handoff")
        .isDecidedBy("lead-handoff@1");
    assertThat(dropped).hasDropped(CREATE_TASK, "frequency-cap");
    // end::assertions[]
  }

  @Test
  void should_show_both_states_when_the_state_after_differs() {
    assertThatThrownBy(() -> assertThat(decision).hasStateAfter(CUSTOMER))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to lead to state:\n  CUSTOMER\n"
                + "but it leads NURTURE -> SALES_ENGAGED, fired [demo request qualifies]");
  }

  @Test
  void should_show_the_transition_when_the_state_should_be_kept() {
    assertThatThrownBy(() -> assertThat(decision).keepsState())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to keep state NURTURE\n"
                + "but it leads NURTURE -> SALES_ENGAGED, fired [demo request qualifies]");
  }

  @Test
  void should_name_the_missing_rules() {
    assertThatThrownBy(() -> assertThat(decision).hasFired("demo request qualifies", "vip"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to have fired rules:\n  [demo request qualifies, vip]\n"
                + "but these did not fire:\n  [vip]\n"
                + "rules fired:\n  [demo request qualifies]");
  }

  @Test
  void should_show_the_rules_fired_when_not_exactly_these() {
    assertThatThrownBy(() -> assertThat(decision).hasFiredExactly("vip", "demo request qualifies"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to have fired exactly, in order:\n"
                + "  [vip, demo request qualifies]\n"
                + "but fired:\n  [demo request qualifies]");
  }

  @Test
  void should_name_the_rule_that_should_not_have_fired() {
    assertThatThrownBy(() -> assertThat(decision).hasNotFired("demo request qualifies"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " not to have fired rule:\n  demo request qualifies\n"
                + "but it did; rules fired:\n  [demo request qualifies]");
  }

  @Test
  void should_show_action_kinds_and_ids_when_kinds_differ() {
    assertThatThrownBy(() -> assertThat(decision).hasActionKinds(ASSIGN_OWNER, ESCALATE))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to have actions of kinds, in order:\n"
                + "  [ASSIGN_OWNER, ESCALATE]\n"
                + "but had:\n  [ASSIGN_OWNER " + shortId(decision, 0) + ", CREATE_TASK "
                + shortId(decision, 1) + ", SUPPRESS_OUTREACH " + shortId(decision, 2) + "]");
  }

  @Test
  void should_show_the_actions_when_none_were_expected() {
    assertThatThrownBy(() -> assertThat(decision).hasNoActions())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to have no actions\n"
                + "but had:\n  [ASSIGN_OWNER " + shortId(decision, 0) + ", CREATE_TASK "
                + shortId(decision, 1) + ", SUPPRESS_OUTREACH " + shortId(decision, 2) + "]");
  }

  @Test
  void should_show_guardrail_and_reason_of_what_was_dropped() {
    // given
    Decision dropped =
        decision.dropping(decision.actions().get(1), "frequency-cap", "one task a day");

    // when / then
    assertThatThrownBy(() -> assertThat(dropped).hasDropped(CREATE_TASK, "single-writer"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to have dropped a CREATE_TASK action by guardrail"
                + " single-writer\nbut dropped:\n"
                + "  CREATE_TASK " + shortId(decision, 1) + " dropped by frequency-cap: one task a day");
    assertThatThrownBy(() -> assertThat(dropped).hasNoDroppedActions())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to have dropped no action\nbut dropped:\n"
                + "  CREATE_TASK " + shortId(decision, 1) + " dropped by frequency-cap: one task a day");
    assertThatThrownBy(() -> assertThat(decision).hasDropped(CREATE_TASK, "frequency-cap"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to have dropped a CREATE_TASK action by guardrail"
                + " frequency-cap\nbut dropped:\n  none");
  }

  @Test
  void should_show_timer_commands_with_due_times() {
    assertThatThrownBy(
            () -> assertThat(decision).schedulesTimer(Playbook.SLA, NOW.plus(Duration.ofHours(2))))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to schedule timer sla:first-touch due 2026-03-02T11:00:00Z\n"
                + "but its timer commands were:\n"
                + "  schedule sla:first-touch due 2026-03-02T13:00:00Z");
    assertThatThrownBy(() -> assertThat(decision).cancelsTimer(Playbook.SLA))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to cancel timer sla:first-touch\n"
                + "but its timer commands were:\n"
                + "  schedule sla:first-touch due 2026-03-02T13:00:00Z");
  }

  @Test
  void should_show_the_deciding_rule_set() {
    assertThatThrownBy(() -> assertThat(decision).isDecidedBy("lead-handoff@2"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + WHAT + " to be decided by rule set:\n  lead-handoff@2\n"
                + "but was decided by:\n  lead-handoff@1");
  }

  @Test
  void should_prefix_the_description() {
    assertThatThrownBy(() -> assertThat(decision).as("demo at nine").hasStateAfter(CUSTOMER))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("[demo at nine] \nExpecting " + WHAT);
  }

  @Test
  void should_pass_a_cancel_and_a_kept_state() {
    // given
    Decision touch =
        Playbook.rules()
            .evaluate(
                Fixtures.nurture().toBuilder().state(SALES_ENGAGED, NOW).build(),
                Fixtures.signal("call-1", SignalTypes.SALES_ACTIVITY),
                NOW);

    // when / then
    assertThat(touch).keepsState().cancelsTimer(Playbook.SLA).hasNoActions();
  }
}
