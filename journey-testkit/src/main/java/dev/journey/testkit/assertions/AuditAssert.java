package dev.journey.testkit.assertions;

import dev.journey.core.spi.AuditRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on audit records, oldest first; get one from {@link
 * JourneyAssertions#assertThatAudit(List)}.
 */
public final class AuditAssert extends AbstractAssert<AuditAssert, List<AuditRecord>> {
  AuditAssert(List<AuditRecord> actual) {
    super(actual, AuditAssert.class);
  }

  /** Verifies the outcomes of all records, exactly and in order. */
  public AuditAssert hasOutcomes(AuditRecord.Outcome... outcomes) {
    isNotNull();
    List<AuditRecord.Outcome> expected = List.of(outcomes);
    List<AuditRecord.Outcome> have =
        actual.stream().map(AuditRecord::outcome).collect(Collectors.toList());
    if (!have.equals(expected)) {
      throwAssertionError(ShouldHaveOutcomes.shouldHaveOutcomes(expected, actual));
    }
    return this;
  }

  /** Verifies that some record has {@code outcome}. */
  public AuditAssert containsOutcome(AuditRecord.Outcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    isNotNull();
    if (actual.stream().noneMatch(r -> r.outcome() == outcome)) {
      throwAssertionError(ShouldHaveOutcomes.shouldContainOutcome(outcome, actual));
    }
    return this;
  }

  /** Verifies that some record was rejected with a reason containing {@code text}. */
  public AuditAssert hasRejectionContaining(String text) {
    Objects.requireNonNull(text, "text");
    isNotNull();
    boolean found =
        actual.stream()
            .anyMatch(
                r -> r.outcome() == AuditRecord.Outcome.REJECTED && r.error().orElse("").contains(text));
    if (!found) {
      throwAssertionError(ShouldHaveOutcomes.shouldHaveRejection(text, actual));
    }
    return this;
  }

  /** Assertions on the decision of the last record; fails when there is none. */
  public DecisionAssert lastDecision() {
    isNotNull();
    if (actual.isEmpty()) {
      throwAssertionError(ShouldHaveOutcomes.shouldHaveDecision());
    }
    DecisionAssert decision = new DecisionAssert(actual.get(actual.size() - 1).decision());
    return info.description() == null ? decision : decision.as(info.description());
  }

  /** Verifies that every one of {@code labels} fired in some audited decision. */
  public AuditAssert hasFired(String... labels) {
    isNotNull();
    List<String> missing = new ArrayList<>(Arrays.asList(labels));
    for (AuditRecord record : actual) {
      missing.removeAll(record.decision().rulesFired());
    }
    if (!missing.isEmpty()) {
      throwAssertionError(ShouldHaveOutcomes.shouldHaveFired(List.of(labels), missing, actual));
    }
    return this;
  }
}
