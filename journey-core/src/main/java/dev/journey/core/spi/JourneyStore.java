package dev.journey.core.spi;

import dev.journey.core.SubjectRef;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where journeys live: snapshots, the inbox of processed signal ids, the due-timer index, the
 * outbox with its dead letters, the audit, and shared routing state.
 *
 * <p>The central promise is {@link #commit(Commit)}: one atomic step per signal. Implementations
 * must be thread-safe. The testkit ships a contract test suite every implementation should pass.
 */
public interface JourneyStore {

  /** The stored snapshot of a subject, if any. */
  Optional<JourneySnapshot> load(SubjectRef subject);

  /** Returns {@code true} when the signal id is in the inbox. */
  boolean isProcessed(String signalId);

  /**
   * Commits everything one signal changes, atomically (see {@link Commit}).
   *
   * @return committed, duplicate (signal id seen) or conflict (a version moved)
   */
  CommitResult commit(Commit commit);

  /** Shared state by key ({@link SharedState#empty} when never written). */
  SharedState loadShared(String key);

  /**
   * Claims up to {@code limit} timers due at {@code now}, earliest first. A claimed timer is not
   * returned again until {@code lease} has passed, unless a commit completes or cancels it.
   */
  List<DueTimer> claimDueTimers(Instant now, Duration lease, int limit);

  /** The earliest due time of any pending timer, if any. */
  Optional<Instant> nextTimerDue();

  /**
   * Claims up to {@code limit} outbox entries ready at {@code now}: for each subject only its
   * earliest unfinished entry, so actions of one subject run in order. A claimed entry is not
   * returned again until {@code lease} has passed or it is resolved.
   */
  List<OutboxEntry> claimActions(Instant now, Duration lease, int limit);

  /** Marks an action done and removes it from the outbox. */
  void markDone(String actionId);

  /** Records a failed attempt; the entry becomes ready again at {@code entry.nextAttemptAt()}. */
  void retryLater(OutboxEntry entry);

  /** Moves an action from the outbox to the dead letters. */
  void deadLetter(OutboxEntry entry, String reason, Instant at);

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

  /** Entries waiting in the outbox (claimed or not), in order. */
  List<OutboxEntry> pendingActions();

  /** The audit records of a subject, oldest first. */
  List<AuditRecord> audit(SubjectRef subject);
}
