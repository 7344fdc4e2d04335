package dev.journey.testkit.replay;

import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Replay} produced: every audited decision in commit order (timer firings
 * included), the final snapshot of every subject, and counts. Immutable.
 */
public final class ReplayResult {
  private final List<LoggedDecision> decisions;
  private final Map<SubjectRef, JourneySnapshot> snapshots;
  private final int signals;
  private final int duplicates;
  private final int pendingActions;
  private final int pendingTimers;
  private final Instant startedAt;
  private final Instant endedAt;

  ReplayResult(
      List<LoggedDecision> decisions,
      Map<SubjectRef, JourneySnapshot> snapshots,
      int signals,
      int duplicates,
      int pendingActions,
      int pendingTimers,
      Instant startedAt,
      Instant endedAt) {
    this.decisions = List.copyOf(decisions);
    this.snapshots = Collections.unmodifiableMap(new TreeMap<>(snapshots));
    this.signals = signals;
    this.duplicates = duplicates;
    this.pendingActions = pendingActions;
    this.pendingTimers = pendingTimers;
    this.startedAt = startedAt;
    this.endedAt = endedAt;
  }

  /** Every audited decision in commit order, timer firings included. */
  public List<LoggedDecision> decisions() {
    return decisions;
  }

  /** The final snapshot of every subject, by subject. */
  public Map<SubjectRef, JourneySnapshot> snapshots() {
    return snapshots;
  }

  /** How many signals the log held (duplicates included). */
  public int signals() {
    return signals;
  }

  /** How many signals were duplicates of earlier ones. */
  public int duplicates() {
    return duplicates;
  }

  /** How many decisions had {@code outcome}. */
  public int count(AuditRecord.Outcome outcome) {
    java.util.Objects.requireNonNull(outcome, "outcome");
    return (int) decisions.stream().filter(d -> d.outcome() == outcome).count();
  }

  /** How many timer firings were audited (stale ones included). */
  public int timersFired() {
    return (int) decisions.stream().filter(d -> d.decision().signalType().equals(SignalTypes.TIMER_FIRED)).count();
  }

  /** How many actions the outbox held at the end (a replay executes none). */
  public int pendingActions() {
    return pendingActions;
  }

  /** How many timers were still pending at the end (beyond the end instant or horizon). */
  public int pendingTimers() {
    return pendingTimers;
  }

  /** The virtual clock's start. */
  public Instant startedAt() {
    return startedAt;
  }

  /** The virtual clock at the end. */
  public Instant endedAt() {
    return endedAt;
  }

  /** Writes the decision log as JSON lines (see {@link JsonLines#writeDecisions}). */
  public void writeDecisions(Path file) {
    JsonLines.writeDecisions(file, decisions);
  }

  /** One line of counts, e.g. for a command-line summary. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d signals (%d duplicates), %d subjects, %d decided, %d rejected, %d stale timers,"
            + " %d parked, %d timers fired, %d actions, %d timers pending; %s .. %s",
        signals,
        duplicates,
        snapshots.size(),
        count(AuditRecord.Outcome.DECIDED),
        count(AuditRecord.Outcome.REJECTED),
        count(AuditRecord.Outcome.STALE_TIMER),
        count(AuditRecord.Outcome.PARKED),
        timersFired(),
        pendingActions,
        pendingTimers,
        startedAt,
        endedAt);
  }
}
