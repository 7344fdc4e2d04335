package dev.journey.testkit.assertions;

import dev.journey.core.action.Recycle;
import dev.journey.core.decision.Decision;

/**
 * Assertions on a decision's {@link Recycle}: its reason code. Get one from {@link
 * DecisionAssert#recycle()}.
 *
 * <pre>{@code
 * assertThat(decision).recycle().withReason("no-response");
 * }</pre>
 */
public final class RecycleAssert extends ActionAssert<RecycleAssert, Recycle> {
  RecycleAssert(Recycle actual, Decision decision) {
    super(actual, decision, RecycleAssert.class);
  }

  /** Verifies the reason code. */
  public RecycleAssert withReason(String reasonCode) {
    return field("reason code", reasonCode, actual.reasonCode());
  }
}
