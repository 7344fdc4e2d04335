package dev.journey.testkit.assertions;

import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Rules that should (not) have fired. */
final class ShouldHaveFired extends JourneyMessage {
  private ShouldHaveFired(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldHaveFired(String what, List<String> expected, List<String> actual, List<String> missing) {
    return new ShouldHaveFired(
        "\nExpecting " + what + " to have fired rules:\n  " + expected
            + "\nbut these did not fire:\n  " + missing + "\nrules fired:\n  " + actual);
  }

  static ErrorMessageFactory shouldHaveFiredExactly(String what, List<String> expected, List<String> actual) {
    return new ShouldHaveFired(
        "\nExpecting " + what + " to have fired exactly, in order:\n  " + expected
            + "\nbut fired:\n  " + actual);
  }

  static ErrorMessageFactory shouldNotHaveFired(String what, String label, List<String> actual) {
    return new ShouldHaveFired(
        "\nExpecting " + what + " not to have fired rule:\n  " + label
            + "\nbut it did; rules fired:\n  " + actual);
  }
}
