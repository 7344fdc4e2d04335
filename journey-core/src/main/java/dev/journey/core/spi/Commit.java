package dev.journey.core.spi;

import dev.journey.core.Signal;
import dev.journey.core.state.JourneySnapshot;
import java.util.List;
import java.util.Objects;

/**
 * Everything one signal changes, committed by {@link JourneyStore#commit} in one atomic step.
 *
 * <p>The store must: insert the signal id into the inbox (an id already there →
 * {@link CommitResult#DUPLICATE}); check that the stored snapshot version equals {@code
 * expectedVersion} (0 = none stored) and every shared write's expected version matches (else
 * {@link CommitResult#CONFLICT}); then store {@code snapshot} (when its version is {@code
 * expectedVersion + 1}; a snapshot with version {@code expectedVersion} means "unchanged"),
 * apply the timer changes, append the outbox entries and the audit records ({@link #audits()}),
 * and write the shared
 * state. Either all of it happens or none.
 *
 * @param signal the signal (its id is the inbox key)
 * @param expectedVersion the snapshot version the decision was based on
 * @param snapshot the new snapshot
 * @param timerChanges changes to the due-timer index
 * @param outbox actions to execute, in order
 * @param audit the audit record
 * @param sharedWrites shared-state compare-and-set writes
 * @param moreAudits the audit records of the further journeys the signal concerned (one per
 *     journey decision, after {@code audit}); empty for a single journey
 */
public record Commit(
    Signal signal,
    long expectedVersion,
    JourneySnapshot snapshot,
    List<TimerChange> timerChanges,
    List<OutboxEntry> outbox,
    AuditRecord audit,
    List<SharedWrite> sharedWrites,
    List<AuditRecord> moreAudits) {

  /** A commit with one audit record (one journey). */
  public Commit(
      Signal signal,
      long expectedVersion,
      JourneySnapshot snapshot,
      List<TimerChange> timerChanges,
      List<OutboxEntry> outbox,
      AuditRecord audit,
      List<SharedWrite> sharedWrites) {
    this(signal, expectedVersion, snapshot, timerChanges, outbox, audit, sharedWrites, List.of());
  }

  /** Validates and copies. */
  public Commit {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(snapshot, "snapshot");
    if (!signal.subject().equals(snapshot.subject())) {
      throw new IllegalArgumentException(
          "snapshot subject " + snapshot.subject() + " differs from signal " + signal.subject());
    }
    if (snapshot.version() != expectedVersion && snapshot.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "snapshot version must be "
              + expectedVersion
              + " or "
              + (expectedVersion + 1)
              + ", but was "
              + snapshot.version());
    }
    timerChanges = List.copyOf(timerChanges);
    outbox = List.copyOf(outbox);
    Objects.requireNonNull(audit, "audit");
    sharedWrites = List.copyOf(sharedWrites);
    moreAudits = List.copyOf(moreAudits);
  }

  /** Every audit record of the commit, in order: {@code audit}, then {@code moreAudits}. */
  public List<AuditRecord> audits() {
    if (moreAudits.isEmpty()) {
      return List.of(audit);
    }
    List<AuditRecord> all = new java.util.ArrayList<>(1 + moreAudits.size());
    all.add(audit);
    all.addAll(moreAudits);
    return List.copyOf(all);
  }

  /** Returns {@code true} when the snapshot changes. */
  public boolean changesSnapshot() {
    return snapshot.version() == expectedVersion + 1;
  }
}
