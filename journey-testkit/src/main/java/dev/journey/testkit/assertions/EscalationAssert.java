package dev.journey.testkit.assertions;

import dev.journey.core.action.Escalate;
import dev.journey.core.decision.Decision;

/**
 * Assertions on a decision's {@link Escalate}: to whom, at which level, and why. Get one from
 * {@link DecisionAssert#escalation()}.
 *
 * <pre>{@code
 * assertThat(decision).escalation().to("manager-1").atLevel(1);
 * }</pre>
 */
public final class EscalationAssert extends ActionAssert<EscalationAssert, Escalate> {
  EscalationAssert(Escalate actual, Decision decision) {
    super(actual, decision, EscalationAssert.class);
  }

  /** Verifies who the escalation goes to. */
  public EscalationAssert to(String ownerId) {
    return field("target", ownerId, actual.toOwnerId());
  }

  /** Verifies the escalation level (1 = the first step of the chain). */
  public EscalationAssert atLevel(int level) {
    return field("level", level, actual.level());
  }

  /** Verifies the reason, exactly. */
  public EscalationAssert because(String reason) {
    return field("reason", reason, actual.reason());
  }
}
