package dev.journey.testkit.assertions;

import dev.journey.core.decision.Decision;
import org.assertj.core.error.ErrorMessageFactory;

/** A decision does not lead to the expected state. */
final class ShouldHaveStateAfter extends JourneyMessage {
  private ShouldHaveStateAfter(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldHaveStateAfter(Decision actual, String expected) {
    return new ShouldHaveStateAfter(
        "\nExpecting " + Render.decision(actual) + " to lead to state:\n  " + expected
            + "\nbut it leads " + actual.stateBefore() + " -> " + actual.stateAfter()
            + ", fired " + actual.rulesFired());
  }

  static ErrorMessageFactory shouldKeepState(Decision actual) {
    return new ShouldHaveStateAfter(
        "\nExpecting " + Render.decision(actual) + " to keep state " + actual.stateBefore()
            + "\nbut it leads " + actual.stateBefore() + " -> " + actual.stateAfter()
            + ", fired " + actual.rulesFired());
  }
}
