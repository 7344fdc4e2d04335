package dev.journey.testkit.assertions;

import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PropertyValue;
import org.assertj.core.error.ErrorMessageFactory;

/** A snapshot's property, owner, counter, suppression or version differs. */
final class ShouldHaveProperty extends JourneyMessage {
  private ShouldHaveProperty(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldHaveProperty(JourneySnapshot actual, String name, String expected) {
    return new ShouldHaveProperty(
        "\nExpecting " + actual.subject() + " to have property " + name + " = " + expected
            + "\nbut it was:\n  " + describe(actual, name));
  }

  static ErrorMessageFactory shouldHaveOwner(JourneySnapshot actual, String expected) {
    return new ShouldHaveProperty(
        "\nExpecting " + actual.subject() + " to be owned by:\n  " + expected
            + "\nbut the owner was:\n  " + describe(actual, JourneySnapshot.OWNER));
  }

  static ErrorMessageFactory shouldHaveCounter(JourneySnapshot actual, String name, long expected) {
    return new ShouldHaveProperty(
        "\nExpecting " + actual.subject() + " to have counter " + name + " = " + expected
            + "\nbut it was:\n  " + actual.counter(name) + "\ncounters:\n  " + actual.counters());
  }

  static ErrorMessageFactory shouldHaveVersion(JourneySnapshot actual, long expected) {
    return new ShouldHaveProperty(
        "\nExpecting " + actual.subject() + " to be at version " + expected
            + "\nbut was:\n  " + Render.snapshot(actual));
  }

  static ErrorMessageFactory shouldHaveSuppression(JourneySnapshot actual, String channel) {
    return new ShouldHaveProperty(
        "\nExpecting " + actual.subject() + " to have channel " + channel + " suppressed"
            + "\nbut its suppressions were:\n  "
            + (actual.suppressions().isEmpty() ? "none" : actual.suppressions().keySet()));
  }

  private static String describe(JourneySnapshot actual, String name) {
    PropertyValue value = actual.properties().get(name);
    return value == null
        ? "not set"
        : value.value() + " (written by " + value.writer() + " at " + value.writtenAt() + ")";
  }
}
