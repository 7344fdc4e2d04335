package dev.journey.testkit.assertions;

import dev.journey.core.decision.Decision;
import org.assertj.core.error.ErrorMessageFactory;

/** A decision came from another rule set. */
final class ShouldBeDecidedBy extends JourneyMessage {
  private ShouldBeDecidedBy(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldBeDecidedBy(Decision actual, String ruleSet) {
    return new ShouldBeDecidedBy(
        "\nExpecting " + Render.decision(actual) + " to be decided by rule set:\n  " + ruleSet
            + "\nbut was decided by:\n  " + actual.ruleSet());
  }
}
