package dev.journey.testkit.assertions;

import static dev.journey.core.action.ActionKind.ASSIGN_OWNER;
import static dev.journey.core.action.ActionKind.CREATE_TASK;
import static dev.journey.core.action.ActionKind.ESCALATE;
import static dev.journey.core.action.ActionKind.NOTIFY;
import static dev.journey.core.action.ActionKind.RECYCLE;
import static dev.journey.testkit.assertions.Fixtures.NOW;
import static dev.journey.testkit.assertions.Fixtures.nurture;
import static dev.journey.testkit.assertions.Fixtures.signal;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SignalTypes;
import dev.journey.core.decision.Decision;
import dev.journey.core.rules.JavaRuleSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class TypedActionAssertTest {
  private static final String WHAT =
      "decision of handoff@1 on DEMO_REQUESTED demo-1 for contact:1";

  private static final Decision DECISION =
      JavaRuleSet.builder("handoff", "1")
          .rule(
              "everything at once",
              f -> true,
              (f, d) ->
                  d.assignOwner("owner-7", "territory EMEA: round robin")
                      .createTask(
                          "Call back: demo request",
                          "from the pricing page",
                          "owner-7",
                          f.now().plus(Duration.ofHours(2)),
                          "HIGH",
                          "CALL",
                          Map.of("source", "pricing page", "fit", "82"))
                      .escalate("manager-1", 2, "no first touch within 4h")
                      .recycle("no-response")
                      .notify("owner-7", "demo request from a high-fit lead"))
          .build()
          .evaluate(nurture(), signal("demo-1", SignalTypes.DEMO_REQUESTED), NOW);

  @Test
  void should_pass_when_every_typed_field_matches() {
    // tag::typed[]
    assertThat(DECISION)
        .task()
        .hasOwner("owner-7")
        .hasTitle("Call back: demo request")
        .hasBodyContaining("pricing")
        .isDueAt(NOW.plus(Duration.ofHours(2)))
        .hasPriority("HIGH")
        .hasContextEntry("source", "pricing page")
        .decision()
        .assignment()
        .to("owner-7")
        .becauseContaining("territory EMEA");
    assertThat(DECISION).escalation().to("manager-1").atLevel(2).because("no first touch within 4h");
    assertThat(DECISION).recycle().withReason("no-response");
    assertThat(DECISION).notification().to("owner-7").withMessageContaining("high-fit");
    // end::typed[]
    assertThat(DECISION).task("Call back: demo request").hasOwner("owner-7");
  }

  @Test
  void should_name_the_field_the_expected_and_the_actual_value_when_a_task_differs() {
    String task = Render.action(DECISION.actions().get(1));
    assertThatThrownBy(() -> assertThat(DECISION).task().hasOwner("owner-9"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting " + task + " of " + WHAT + " to have owner:\n  \"owner-9\"\n"
                + "but had:\n  \"owner-7\"");
  }

  @Test
  void should_list_the_context_keys_when_the_context_lacks_the_key() {
    assertThatThrownBy(() -> assertThat(DECISION).task().hasContextEntry("email", "x"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have context key:\n  \"email\"\nbut had:\n  [")
        .hasMessageContaining("source")
        .hasMessageContaining("fit");
  }

  @Test
  void should_show_the_context_value_when_it_differs() {
    assertThatThrownBy(() -> assertThat(DECISION).task().hasContextEntry("fit", "90"))
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith("to have context[fit]:\n  \"90\"\nbut had:\n  \"82\"");
  }

  @Test
  void should_fail_on_the_escalation_level_reason_and_target() {
    assertThatThrownBy(() -> assertThat(DECISION).escalation().atLevel(1))
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith("to have level:\n  1\nbut had:\n  2");
    assertThatThrownBy(() -> assertThat(DECISION).escalation().to("manager-2"))
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith("to have target:\n  \"manager-2\"\nbut had:\n  \"manager-1\"");
  }

  @Test
  void should_fail_on_the_recycle_reason_and_the_assignment_reason() {
    assertThatThrownBy(() -> assertThat(DECISION).recycle().withReason("bad-fit"))
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith(
            "to have reason code:\n  \"bad-fit\"\nbut had:\n  \"no-response\"");
    assertThatThrownBy(() -> assertThat(DECISION).assignment().because("sticky"))
        .isInstanceOf(AssertionError.class)
        .hasMessageEndingWith(
            "to have reason:\n  \"sticky\"\nbut had:\n  \"territory EMEA: round robin\"");
  }

  @Test
  void should_say_how_many_actions_of_the_kind_there_are_when_not_exactly_one() {
    Decision none = Fixtures.demoDecision();
    assertThatThrownBy(() -> assertThat(none).escalation())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to carry exactly one ESCALATE action\nbut it carries 0: []")
        .hasMessageContaining("all actions: [ASSIGN_OWNER ");
    assertThatThrownBy(() -> assertThat(DECISION).task("Follow up"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("exactly one CREATE_TASK action titled \"Follow up\"");
  }

  @Test
  void should_give_plain_assertj_and_journey_assertions_from_one_interface() {
    JourneyWithAssertions both = new JourneyWithAssertions() {};
    both.assertThat(DECISION).recycle().withReason("no-response");
    both.assertThat(DECISION.rulesFired()).containsExactly("everything at once");
    both.assertThatActions(DECISION.actions())
        .hasKinds(ASSIGN_OWNER, CREATE_TASK, ESCALATE, RECYCLE, NOTIFY);
  }
}
