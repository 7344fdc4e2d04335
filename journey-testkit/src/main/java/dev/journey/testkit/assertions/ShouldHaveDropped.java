package dev.journey.testkit.assertions;

import dev.journey.core.action.ActionKind;
import dev.journey.core.decision.Decision;
import org.assertj.core.error.ErrorMessageFactory;

/** Guardrail drops differ. */
final class ShouldHaveDropped extends JourneyMessage {
  private ShouldHaveDropped(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldHaveDropped(Decision actual, ActionKind kind, String guardrail) {
    return new ShouldHaveDropped(
        "\nExpecting " + Render.decision(actual) + " to have dropped a " + kind
            + " action by guardrail " + guardrail + "\nbut dropped:\n"
            + Render.dropped(actual.dropped()));
  }

  static ErrorMessageFactory shouldHaveNoDroppedActions(Decision actual) {
    return new ShouldHaveDropped(
        "\nExpecting " + Render.decision(actual) + " to have dropped no action\nbut dropped:\n"
            + Render.dropped(actual.dropped()));
  }
}
