package dev.journey.testkit.assertions;

import dev.journey.core.state.JourneySnapshot;
import org.assertj.core.error.ErrorMessageFactory;

/** A snapshot is not in the expected state. */
final class ShouldBeInState extends JourneyMessage {
  private ShouldBeInState(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldBeInState(JourneySnapshot actual, String expected) {
    return new ShouldBeInState(
        "\nExpecting " + actual.subject() + " to be in state:\n  " + expected
            + "\nbut was:\n  " + Render.snapshot(actual));
  }
}
