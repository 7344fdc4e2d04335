package dev.journey.core.spi;

import dev.journey.core.Signal;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
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
 * <p>A commit for a store that keeps no audit ({@link SnapshotStore#keepsAudit()} false) may
 * carry no audit record ({@link #withoutAudit}): the engine then builds none, and such a store
 * reads {@link #recordedAt()} for the inbox's receipt time.
 *
 * @param signal the signal (its id is the inbox key)
 * @param expectedVersion the snapshot version the decision was based on
 * @param snapshot the new snapshot
 * @param timerChanges changes to the due-timer index
 * @param outbox actions to execute, in order
 * @param audit the audit record; {@code null} only in a commit made by {@link #withoutAudit},
 *     whose {@link #audit()} throws
 * @param sharedWrites shared-state compare-and-set writes
 * @param moreAudits the audit records of the further journeys the signal concerned (one per
 *     journey decision, after {@code audit}); empty for a single journey
 * @param recordedAt when the decision was made (the engine's clock): the audit record's {@link
 *     AuditRecord#recordedAt()} when there is one
 */
public record Commit(
    Signal signal,
    long expectedVersion,
    JourneySnapshot snapshot,
    List<TimerChange> timerChanges,
    List<OutboxEntry> outbox,
    AuditRecord audit,
    List<SharedWrite> sharedWrites,
    List<AuditRecord> moreAudits,
    Instant recordedAt) {

  /** A commit with the audit records of several journeys, made when {@code audit} was recorded. */
  public Commit(
      Signal signal,
      long expectedVersion,
      JourneySnapshot snapshot,
      List<TimerChange> timerChanges,
      List<OutboxEntry> outbox,
      AuditRecord audit,
      List<SharedWrite> sharedWrites,
      List<AuditRecord> moreAudits) {
    this(signal, expectedVersion, snapshot, timerChanges, outbox,
        Objects.requireNonNull(audit, "audit"), sharedWrites, moreAudits, audit.recordedAt());
  }

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

  /**
   * A commit without an audit record, for a store that keeps none ({@link
   * SnapshotStore#keepsAudit()} false): the engine builds no record its store would drop. Its
   * {@link #audit()} throws; {@link #recordedAt()} is the decision's instant.
   */
  public static Commit withoutAudit(
      Signal signal,
      long expectedVersion,
      JourneySnapshot snapshot,
      List<TimerChange> timerChanges,
      List<OutboxEntry> outbox,
      List<SharedWrite> sharedWrites,
      Instant recordedAt) {
    return new Commit(signal, expectedVersion, snapshot, timerChanges, outbox, null, sharedWrites,
        List.of(), recordedAt);
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
    sharedWrites = List.copyOf(sharedWrites);
    moreAudits = List.copyOf(moreAudits);
    Objects.requireNonNull(recordedAt, "recordedAt");
    if (audit == null && !moreAudits.isEmpty()) {
      throw new IllegalArgumentException(
          "a commit without an audit record carries no further journeys' records either");
    }
    if (audit != null && !audit.recordedAt().equals(recordedAt)) {
      throw new IllegalArgumentException(
          "recordedAt " + recordedAt + " differs from the audit record's " + audit.recordedAt());
    }
  }

  /**
   * The audit record of the (primary) journey's decision.
   *
   * @throws IllegalStateException when the commit was made {@linkplain #withoutAudit without one}
   *     (for a store that keeps no audit)
   */
  @Override
  public AuditRecord audit() {
    if (audit == null) {
      throw new IllegalStateException(
          "commit of signal " + signal.id() + " carries no audit record: it was made for a store"
              + " that keeps no audit (SnapshotStore.keepsAudit() is false)");
    }
    return audit;
  }

  /** Whether the commit carries its audit records ({@link #withoutAudit} makes one that does not). */
  public boolean hasAudit() {
    return audit != null;
  }

  /**
   * Every audit record of the commit, in order: {@code audit}, then {@code moreAudits}; empty for
   * a commit {@linkplain #withoutAudit without an audit record}.
   */
  public List<AuditRecord> audits() {
    if (audit == null) {
      return List.of();
    }
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
