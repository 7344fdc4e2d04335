package dev.journey.testkit.assertions;

import static dev.journey.core.action.ActionKind.ASSIGN_OWNER;
import static dev.journey.core.action.ActionKind.CREATE_TASK;
import static dev.journey.core.action.ActionKind.ESCALATE;
import static dev.journey.core.action.ActionKind.SUPPRESS_OUTREACH;
import static dev.journey.testkit.assertions.Fixtures.demoDecision;
import static dev.journey.testkit.assertions.Fixtures.shortId;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ActionsAssertTest {
  private final Decision decision = demoDecision();
  private final List<Action> actions = decision.actions();
  private final String rendered =
      "[ASSIGN_OWNER " + shortId(decision, 0) + ", CREATE_TASK " + shortId(decision, 1)
          + ", SUPPRESS_OUTREACH " + shortId(decision, 2) + "]";

  @Test
  void should_pass_when_the_actions_match() {
    assertThat(actions)
        .hasKinds(ASSIGN_OWNER, CREATE_TASK, SUPPRESS_OUTREACH)
        .containsKind(CREATE_TASK)
        .doesNotContainKind(ESCALATE)
        .hasSameIdsAs(List.of(actions.get(2), actions.get(0), actions.get(1)));
    assertThat(List.<Action>of()).isEmpty();
  }

  @Test
  void should_show_kinds_and_ids_when_kinds_differ() {
    assertThatThrownBy(() -> assertThat(actions).hasKinds(CREATE_TASK))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting actions to have actions of kinds, in order:\n  [CREATE_TASK]\n"
                + "but had:\n  " + rendered);
  }

  @Test
  void should_show_the_actions_when_empty_was_expected() {
    assertThatThrownBy(() -> assertThat(actions).isEmpty())
        .isInstanceOf(AssertionError.class)
        .hasMessage("\nExpecting actions to have no actions\nbut had:\n  " + rendered);
  }

  @Test
  void should_show_the_actions_when_a_kind_is_missing() {
    assertThatThrownBy(() -> assertThat(actions).containsKind(ESCALATE))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting actions to contain an action of kind:\n  ESCALATE\nbut had:\n  " + rendered);
  }

  @Test
  void should_show_the_actions_when_a_kind_is_unexpected() {
    assertThatThrownBy(() -> assertThat(actions).doesNotContainKind(ASSIGN_OWNER))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting actions not to contain an action of kind:\n  ASSIGN_OWNER\nbut had:\n  "
                + rendered);
  }

  @Test
  void should_show_missing_and_unexpected_ids() {
    // given
    String first = actions.get(0).id();
    String last = actions.get(2).id();

    // when / then
    assertThatThrownBy(() -> assertThat(actions.subList(1, 3)).hasSameIdsAs(actions.subList(0, 2)))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting actions to have the same action ids as the expected 2\n"
                + "but these were missing:\n  [" + first + "]\n"
                + "and these were not expected:\n  [" + last + "]");
  }
}
