package dev.journey.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The actions waiting to be executed (appended by {@link SnapshotStore#commit}), as the relay
 * claims and resolves them. Implementations must be thread-safe.
 */
public interface Outbox {

  /**
   * Claims up to {@code limit} outbox entries ready at {@code now}: for each subject only its
   * earliest unfinished entry, so actions of one subject run in order. A claimed entry is not
   * returned again until {@code lease} has passed or it is resolved.
   */
  List<OutboxEntry> claimActions(Instant now, Duration lease, int limit);

  /** Marks an action done and removes it from the outbox. */
  void markDone(String actionId);

  /**
   * Marks a claimed entry's action done and removes it from the outbox: the same as {@link
   * #markDone(String) markDone(entry.actionId())}, the default. A store may override it to find
   * the entry by its subject rather than by an index of action ids (the in-memory store keeps
   * none).
   */
  default void markDone(OutboxEntry entry) {
    markDone(entry.actionId());
  }

  /** Records a failed attempt; the entry becomes ready again at {@code entry.nextAttemptAt()}. */
  void retryLater(OutboxEntry entry);

  /** Moves an action from the outbox to the {@linkplain DeadLetters dead letters}. */
  void deadLetter(OutboxEntry entry, String reason, Instant at);

  /** Entries waiting in the outbox (claimed or not), in order. */
  List<OutboxEntry> pendingActions();
}
