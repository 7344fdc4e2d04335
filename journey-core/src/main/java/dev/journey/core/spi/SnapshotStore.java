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

  /** The stored snapshot of a subject, if any. */
  Optional<JourneySnapshot> load(SubjectRef subject);

  /**
   * Commits everything one signal changes, atomically (see {@link Commit}). The inbox record
   * keeps the signal's {@linkplain dev.journey.core.Signal#fingerprint() fingerprint}.
   *
   * @return committed, duplicate (signal id seen) or conflict (a version moved)
   */
  CommitResult commit(Commit commit);

  /** Shared state by key ({@link SharedState#empty} when never written). */
  SharedState loadShared(String key);

  /** The audit records of a subject, oldest first. */
  List<AuditRecord> audit(SubjectRef subject);
}
