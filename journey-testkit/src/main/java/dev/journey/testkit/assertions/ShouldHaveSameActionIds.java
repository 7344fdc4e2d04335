package dev.journey.testkit.assertions;

import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.error.ErrorMessageFactory;

/** Action ids differ. */
final class ShouldHaveSameActionIds extends JourneyMessage {
  private ShouldHaveSameActionIds(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldHaveSameActionIds(String what, Set<String> expected, Set<String> actual) {
    Set<String> missing = new TreeSet<>(expected);
    missing.removeAll(actual);
    Set<String> unexpected = new TreeSet<>(actual);
    unexpected.removeAll(expected);
    return new ShouldHaveSameActionIds(
        "\nExpecting " + what + " to have the same action ids as the expected "
            + expected.size() + "\nbut these were missing:\n  " + missing
            + "\nand these were not expected:\n  " + unexpected);
  }
}
