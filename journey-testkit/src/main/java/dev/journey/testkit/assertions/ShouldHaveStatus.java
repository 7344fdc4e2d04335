package dev.journey.testkit.assertions;

import dev.journey.core.engine.SignalResult;
import org.assertj.core.error.ErrorMessageFactory;

/** A signal result has another status, error, decision or snapshot. */
final class ShouldHaveStatus extends JourneyMessage {
  private ShouldHaveStatus(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldHaveStatus(SignalResult actual, SignalResult.Status expected) {
    return new ShouldHaveStatus(
        "\nExpecting signal " + actual.signal().id() + " (" + actual.signal().type() + " for "
            + actual.signal().subject() + ") to be:\n  " + expected + "\nbut was:\n  "
            + actual.status() + Results.reason(actual).map(r -> " (" + r + ")").orElse(""));
  }

  static ErrorMessageFactory shouldHaveErrorContaining(SignalResult actual, String text) {
    return new ShouldHaveStatus(
        "\nExpecting signal " + actual.signal().id() + " to fail with a reason containing:\n  "
            + text + "\nbut was " + actual.status() + " with reason:\n  "
            + Results.reason(actual).orElse("none"));
  }

  static ErrorMessageFactory shouldHave(SignalResult actual, String what) {
    return new ShouldHaveStatus(
        "\nExpecting signal " + actual.signal().id() + " to have a " + what
            + "\nbut it was " + actual.status() + " and has none");
  }
}
