package dev.journey.core.spi;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.state.JourneySnapshot;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A merge of subjects into a survivor, committed by {@link AliasStore#commitMerge} in one atomic
 * step.
 *
 * <p>The store must: insert the merge signal's id into the inbox (an id already there → {@link
 * CommitResult#DUPLICATE}); when {@code review} is present (a refused merge) write only the
 * inbox record, the audit records and the review into the {@link Quarantine}. Otherwise check the
 * survivor's stored version against {@code expectedVersion} and every absorbed subject's against
 * its expected version (0 = none stored; else {@link CommitResult#CONFLICT}), then: store {@code
 * snapshot} for the survivor; for every absorbed subject delete its snapshot and its pending
 * timer rows, move its pending outbox entries behind the survivor's ({@linkplain
 * OutboxEntry#rekeyed re-keyed}, ids unchanged so no effect runs twice), point its aliases, and
 * the subject rows that pointed to it, to the survivor, and add its own {@link
 * dev.journey.core.Alias#subject subject} row; apply {@code timerChanges} to the survivor; append
 * each audit record to its subject ({@code record.before().subject()}). Either all of it happens
 * or none. Audit records already stored for the absorbed subjects are kept.
 *
 * @param signal the merge as a signal: its id is the inbox key, its subject the survivor
 * @param expectedVersion the survivor's version the merge was based on
 * @param snapshot the survivor's merged snapshot (version {@code expectedVersion + 1}), or the
 *     unchanged snapshot of a refused merge
 * @param absorbed the absorbed subjects with their expected versions
 * @param timerChanges changes to the survivor's timers (the absorbed subjects' timers re-pointed)
 * @param audit one record per subject concerned, the survivor's first
 * @param review the review item of a refused merge; empty for a merge to apply
 */
public record MergeCommit(
    Signal signal,
    long expectedVersion,
    JourneySnapshot snapshot,
    Map<SubjectRef, Long> absorbed,
    List<TimerChange> timerChanges,
    List<AuditRecord> audit,
    Optional<QuarantinedInput> review) {

  /** Validates and copies. */
  public MergeCommit {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(snapshot, "snapshot");
    if (!signal.subject().equals(snapshot.subject())) {
      throw new IllegalArgumentException(
          "snapshot subject " + snapshot.subject() + " differs from the survivor " + signal.subject());
    }
    absorbed = java.util.Collections.unmodifiableMap(new TreeMap<>(absorbed));
    if (absorbed.isEmpty()) {
      throw new IllegalArgumentException("a merge absorbs at least one subject, but got none");
    }
    if (absorbed.containsKey(signal.subject())) {
      throw new IllegalArgumentException("the survivor " + signal.subject() + " cannot absorb itself");
    }
    timerChanges = List.copyOf(timerChanges);
    audit = List.copyOf(audit);
    Objects.requireNonNull(review, "review");
    if (review.isEmpty() && snapshot.version() != expectedVersion + 1) {
      throw new IllegalArgumentException(
          "merged snapshot version must be " + (expectedVersion + 1) + ", but was " + snapshot.version());
    }
  }

  /** The survivor. */
  public SubjectRef survivor() {
    return signal.subject();
  }

  /** Returns {@code true} for a refused merge: only inbox, audit and review are written. */
  public boolean refused() {
    return review.isPresent();
  }
}
