package dev.journey.testkit.assertions;

import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.decision.Decision;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** A typed action's field differs, or the decision has not exactly one action of a kind. */
final class ShouldHaveActionField extends JourneyMessage {
  private ShouldHaveActionField(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldHaveField(
      Decision decision, Action action, String field, Object expected, Object actual) {
    return new ShouldHaveActionField(
        "\nExpecting " + Render.action(action) + " of " + Render.decision(decision) + " to have "
            + field + ":\n  " + quote(expected) + "\nbut had:\n  " + quote(actual));
  }

  static ErrorMessageFactory shouldHaveOne(
      Decision decision, ActionKind kind, String which, List<? extends Action> found) {
    return new ShouldHaveActionField(
        "\nExpecting " + Render.decision(decision) + " to carry exactly one " + kind + " action"
            + which + "\nbut it carries " + found.size() + ": " + Render.actions(found)
            + "\nall actions: " + Render.actions(decision.actions()));
  }

  private static String quote(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
