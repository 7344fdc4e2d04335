package dev.journey.core.spi;

import dev.journey.core.SubjectRef;
import dev.journey.core.state.JourneySnapshot;
import java.util.List;
import java.util.Optional;

/**
 * The part of a store that decides: snapshots, the inbox of processed signal ids, shared routing
 * state and the audit, written together by one atomic {@link #commit(Commit)} per signal.
 *
 * <p>Implementations must be thread-safe.
 */
public interface SnapshotStore {

  /**
   * Everything the engine reads before it decides on a signal, in one call: the subject's stored
   * snapshot and the inbox record of {@code signalId}, if that id was processed (for any subject).
   *
   * @throws NullPointerException when an argument is null
   */
  SubjectLookup lookup(SubjectRef subject, String signalId);

  /**
   * A hint that the engine is about to {@linkplain #lookup look up} and commit these signals, in
   * this order ({@link dev.journey.core.engine.JourneyEngine#acceptAll}): a store may start
   * fetching what it will need, so that the batch's reads overlap instead of waiting one after
   * the other (the in-memory store touches the subjects' snapshot slots and the ids' inbox slots;
   * a durable store could read them in one round trip). It must change nothing that any call can
   * observe, and it may ignore a null element. The default does nothing.
   */
  default void prefetch(List<dev.journey.core.Signal> signals) {}

  /** The stored snapshot of a subject, if any. */
  Optional<JourneySnapshot> load(SubjectRef subject);

  /**
   * Commits everything one signal changes, atomically (see {@link Commit}). The inbox record
   * keeps the signal's {@linkplain dev.journey.core.Signal#fingerprint() fingerprint}.
   *
   * @return committed, duplicate (signal id seen) or conflict (a version moved)
   */
  CommitResult commit(Commit commit);

  /**
   * Commits several signals' commits, each as {@link #commit(Commit)} would — each atomic on its
   * own, a duplicate or conflict failing only its own commit — and returns one result per commit,
   * in order. A store may write them together (one transaction, one fsync); the default commits
   * them one after the other. The engine fires a claimed batch of timers through this call.
   *
   * @throws NullPointerException when {@code commits} or one of them is null
   * @throws RuntimeException when the store fails; commits before the failing one may have been
   *     committed (a retry finds their signal ids in the inbox)
   */
  default List<CommitResult> commitAll(List<Commit> commits) {
    List<CommitResult> results = new java.util.ArrayList<>(commits.size());
    for (Commit commit : commits) {
      results.add(commit(java.util.Objects.requireNonNull(commit, "commit")));
    }
    return results;
  }

  /** Shared state by key ({@link SharedState#empty} when never written). */
  SharedState loadShared(String key);

  /** The audit records of a subject, oldest first. */
  List<AuditRecord> audit(SubjectRef subject);

  /**
   * Whether {@link #commit(Commit)} stores the commit's audit records. A store that keeps none
   * (an in-memory store configured so) returns {@code false}: the engine then builds no audit
   * record for it and may hand it commits made {@linkplain Commit#withoutAudit without one}. The
   * default, {@code true}, is right for every store that reads {@link Commit#audit()}.
   */
  default boolean keepsAudit() {
    return true;
  }
}
