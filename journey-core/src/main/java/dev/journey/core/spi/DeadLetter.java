package dev.journey.core.spi;

import dev.journey.core.internal.Redact;
import java.time.Instant;
import java.util.Objects;

/**
 * An action the relay gave up on, with the reason. It can be inspected, requeued with the same
 * action id, or discarded.
 *
 * @param entry the outbox entry as it was when it failed for the last time
 * @param reason why it was given up
 * @param deadAt when
 */
public record DeadLetter(OutboxEntry entry, String reason, Instant deadAt) {
  /** Validates. */
  public DeadLetter {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(deadAt, "deadAt");
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "DeadLetter[entry=" + entry + ", reason=" + Redact.text(reason) + ", deadAt=" + deadAt + "]";
  }
}
