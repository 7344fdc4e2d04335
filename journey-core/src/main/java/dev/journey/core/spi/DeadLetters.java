package dev.journey.core.spi;

import java.time.Instant;
import java.util.List;

/**
 * The actions the relay gave up on ({@link Outbox#deadLetter}), to inspect, requeue or discard.
 * Implementations must be thread-safe.
 */
public interface DeadLetters {

  /** The dead letters, oldest first. */
  List<DeadLetter> deadLetters();

  /**
   * Moves a dead letter back into the outbox with the same action id, attempts reset, ready at
   * {@code now}.
   *
   * @return {@code false} when there is no such dead letter
   */
  boolean requeue(String actionId, Instant now);

  /**
   * Deletes a dead letter.
   *
   * @return {@code false} when there is no such dead letter
   */
  boolean discard(String actionId);
}
