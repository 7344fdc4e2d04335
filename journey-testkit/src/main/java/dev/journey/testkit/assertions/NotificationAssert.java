package dev.journey.testkit.assertions;

import dev.journey.core.action.Notify;
import dev.journey.core.decision.Decision;

/**
 * Assertions on a decision's {@link Notify}: recipient and message. Get one from {@link
 * DecisionAssert#notification()}.
 *
 * <pre>{@code
 * assertThat(decision).notification().to("owner-7").withMessageContaining("demo");
 * }</pre>
 */
public final class NotificationAssert extends ActionAssert<NotificationAssert, Notify> {
  NotificationAssert(Notify actual, Decision decision) {
    super(actual, decision, NotificationAssert.class);
  }

  /** Verifies the recipient. */
  public NotificationAssert to(String recipientId) {
    return field("recipient", recipientId, actual.recipientId());
  }

  /** Verifies that the message contains {@code part}. */
  public NotificationAssert withMessageContaining(String part) {
    return fieldContaining("message", part, actual.message());
  }
}
