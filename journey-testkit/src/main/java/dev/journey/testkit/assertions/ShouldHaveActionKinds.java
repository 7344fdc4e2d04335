package dev.journey.testkit.assertions;

import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Action kinds differ. */
final class ShouldHaveActionKinds extends JourneyMessage {
  private ShouldHaveActionKinds(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldHaveActionKinds(String what, List<ActionKind> expected, List<? extends Action> actual) {
    return new ShouldHaveActionKinds(
        "\nExpecting " + what + " to have actions of kinds, in order:\n  " + expected
            + "\nbut had:\n  " + Render.actions(actual));
  }

  static ErrorMessageFactory shouldContainActionKind(String what, ActionKind expected, List<? extends Action> actual) {
    return new ShouldHaveActionKinds(
        "\nExpecting " + what + " to contain an action of kind:\n  " + expected
            + "\nbut had:\n  " + Render.actions(actual));
  }

  static ErrorMessageFactory shouldNotContainActionKind(String what, ActionKind unexpected, List<? extends Action> actual) {
    return new ShouldHaveActionKinds(
        "\nExpecting " + what + " not to contain an action of kind:\n  " + unexpected
            + "\nbut had:\n  " + Render.actions(actual));
  }

  static ErrorMessageFactory shouldBeEmpty(String what, List<? extends Action> actual) {
    return new ShouldHaveActionKinds(
        "\nExpecting " + what + " to have no actions\nbut had:\n  " + Render.actions(actual));
  }
}
