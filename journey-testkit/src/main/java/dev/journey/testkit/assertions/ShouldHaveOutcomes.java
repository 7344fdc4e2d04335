package dev.journey.testkit.assertions;

import dev.journey.core.spi.AuditRecord;
import java.util.List;
import org.assertj.core.error.ErrorMessageFactory;

/** Audit outcomes differ. */
final class ShouldHaveOutcomes extends JourneyMessage {
  private ShouldHaveOutcomes(String message) {
    super(message);
  }

  static ErrorMessageFactory shouldHaveOutcomes(List<AuditRecord.Outcome> expected, List<AuditRecord> actual) {
    return new ShouldHaveOutcomes(
        "\nExpecting audit records with outcomes, in order:\n  " + expected
            + "\nbut the records were:\n" + Render.records(actual));
  }

  static ErrorMessageFactory shouldContainOutcome(AuditRecord.Outcome expected, List<AuditRecord> actual) {
    return new ShouldHaveOutcomes(
        "\nExpecting an audit record with outcome:\n  " + expected
            + "\nbut the records were:\n" + Render.records(actual));
  }

  static ErrorMessageFactory shouldHaveRejection(String text, List<AuditRecord> actual) {
    return new ShouldHaveOutcomes(
        "\nExpecting a REJECTED audit record whose reason contains:\n  " + text
            + "\nbut the records were:\n" + Render.records(actual));
  }

  static ErrorMessageFactory shouldHaveDecision() {
    return new ShouldHaveOutcomes("\nExpecting an audited decision\nbut there are no audit records");
  }

  static ErrorMessageFactory shouldHaveFired(List<String> expected, List<String> missing, List<AuditRecord> actual) {
    return new ShouldHaveOutcomes(
        "\nExpecting the audited decisions to have fired rules:\n  " + expected
            + "\nbut these did not fire:\n  " + missing
            + "\nthe records were:\n" + Render.records(actual));
  }
}
