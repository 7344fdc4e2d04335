package dev.journey.hubspot;

import java.util.Objects;

/**
 * One event of an otherwise valid webhook batch that could not become a signal.
 *
 * @param index the event's position in the batch, from 0
 * @param reason what was wrong, e.g. {@code "objectId must be a number, but was missing"}
 */
public record QuarantinedEvent(int index, String reason) {
  /** Validates. */
  public QuarantinedEvent {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0, but was " + index);
    }
    Objects.requireNonNull(reason, "reason");
  }
}
