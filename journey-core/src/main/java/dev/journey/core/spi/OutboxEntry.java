package dev.journey.core.spi;

import dev.journey.core.internal.Redact;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import java.time.Instant;
import java.util.Objects;

/**
 * An action waiting in the outbox. Entries of one subject are executed in {@link #sequence()}
 * order.
 *
 * @param action the action (its id is the entry's id)
 * @param sequence the per-subject order
 * @param createdAt when it was committed
 * @param attempts how many attempts were made
 * @param nextAttemptAt when it may be attempted next
 * @param lastError the last failure reason, empty if none
 */
public record OutboxEntry(
    Action action,
    long sequence,
    Instant createdAt,
    int attempts,
    Instant nextAttemptAt,
    String lastError) {

  /** Validates. */
  public OutboxEntry {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(lastError, "lastError");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, but was " + attempts);
    }
  }

  /** The action id. */
  public String actionId() {
    return action.id();
  }

  /** The subject. */
  public SubjectRef subject() {
    return action.subject();
  }

  /** A copy that waits until {@code next} without counting an attempt. */
  public OutboxEntry deferredUntil(Instant next, String reason) {
    return new OutboxEntry(action, sequence, createdAt, attempts, next, reason);
  }

  /** A copy after a failed attempt. */
  public OutboxEntry failedAttempt(Instant next, String error) {
    return new OutboxEntry(action, sequence, createdAt, attempts + 1, next, error);
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "OutboxEntry[action=" + action + ", sequence=" + sequence + ", createdAt=" + createdAt + ", attempts=" + attempts + ", nextAttemptAt=" + nextAttemptAt + ", lastError=" + Redact.text(lastError) + "]";
  }
}
