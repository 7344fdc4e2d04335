package dev.journey.testkit.assertions;

import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * The base of the typed action assertions ({@link TaskAssert}, {@link AssignmentAssert}, {@link
 * EscalationAssert}, {@link RecycleAssert}, {@link NotificationAssert}): one action of a decision,
 * checked field by field, with {@link #decision()} to go back to the decision.
 *
 * @param <S> the concrete assertion type
 * @param <A> the action type
 */
public abstract class ActionAssert<S extends ActionAssert<S, A>, A extends Action>
    extends AbstractAssert<S, A> {
  private final Decision decision;

  ActionAssert(A actual, Decision decision, Class<?> selfType) {
    super(actual, selfType);
    this.decision = decision;
  }

  /** Back to the assertions on the decision the action belongs to. */
  public DecisionAssert decision() {
    return new DecisionAssert(decision);
  }

  /** Fails unless {@code actualValue} equals {@code expected}, naming the field. */
  final S field(String field, Object expected, Object actualValue) {
    Objects.requireNonNull(expected, field);
    if (!expected.equals(actualValue)) {
      throwAssertionError(
          ShouldHaveActionField.shouldHaveField(decision, actual, field, expected, actualValue));
    }
    return myself;
  }

  /** Fails unless {@code actualValue} contains {@code part}, naming the field. */
  final S fieldContaining(String field, String part, String actualValue) {
    Objects.requireNonNull(part, field);
    if (!actualValue.contains(part)) {
      throwAssertionError(
          ShouldHaveActionField.shouldHaveField(
              decision, actual, field + " containing", part, actualValue));
    }
    return myself;
  }
}
