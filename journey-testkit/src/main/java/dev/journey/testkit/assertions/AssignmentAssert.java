package dev.journey.testkit.assertions;

import dev.journey.core.action.AssignOwner;
import dev.journey.core.decision.Decision;

/**
 * Assertions on a decision's {@link AssignOwner}: to whom, and why (routing says why every
 * assignment happened). Get one from {@link DecisionAssert#assignment()}.
 *
 * <pre>{@code
 * assertThat(decision).assignment().to("owner-7").becauseContaining("territory");
 * }</pre>
 */
public final class AssignmentAssert extends ActionAssert<AssignmentAssert, AssignOwner> {
  AssignmentAssert(AssignOwner actual, Decision decision) {
    super(actual, decision, AssignmentAssert.class);
  }

  /** Verifies the new owner. */
  public AssignmentAssert to(String ownerId) {
    return field("owner", ownerId, actual.ownerId());
  }

  /** Verifies the reason, exactly. */
  public AssignmentAssert because(String reason) {
    return field("reason", reason, actual.reason());
  }

  /** Verifies that the reason contains {@code part}. */
  public AssignmentAssert becauseContaining(String part) {
    return fieldContaining("reason", part, actual.reason());
  }
}
