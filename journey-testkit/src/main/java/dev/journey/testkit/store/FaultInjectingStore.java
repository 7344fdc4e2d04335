package dev.journey.testkit.store;

import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link JourneyStore} wrapper that counts how often each {@link CrashPoint} is reached and
 * "crashes" (throws {@link SimulatedCrash}) at a chosen occurrence of one of them. After the crash
 * every call throws, as a dead process would; the test drops everything in memory and restarts on
 * the same database.
 *
 * <p>Claims count as an occurrence only when they return at least one timer or action (a crash
 * after an empty claim changes nothing). {@link CrashPoint#AFTER_EXECUTE_BEFORE_MARK_DONE} is
 * reached in {@link #markDone}, which the relay calls after the executor succeeded.
 *
 * <pre>{@code
 * FaultInjectingStore counting = FaultInjectingStore.counting(store);   // learn the occurrences
 * FaultInjectingStore crashing = FaultInjectingStore.crashingAt(store, CrashPoint.AFTER_OUTBOX_CLAIM, 3);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FaultInjectingStore implements JourneyStore {
  private final JourneyStore delegate;
  private final Optional<CrashPoint> target;
  private final int occurrence;
  private final Runnable duringCommit;
  private final Map<CrashPoint, AtomicInteger> hits = new EnumMap<>(CrashPoint.class);
  private volatile boolean crashed;

  private FaultInjectingStore(
      JourneyStore delegate, Optional<CrashPoint> target, int occurrence, Runnable duringCommit) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.target = target;
    this.occurrence = occurrence;
    this.duringCommit = Objects.requireNonNull(duringCommit, "duringCommit");
    for (CrashPoint point : CrashPoint.values()) {
      hits.put(point, new AtomicInteger());
    }
  }

  /** A wrapper that never crashes, only counts. */
  public static FaultInjectingStore counting(JourneyStore delegate) {
    return new FaultInjectingStore(delegate, Optional.empty(), 0, () -> {});
  }

  /**
   * A wrapper that crashes at the {@code occurrence}-th time {@code point} is reached. {@link
   * CrashPoint#DURING_COMMIT} does not call the store (which is the same outcome as a rolled back
   * transaction); use {@link #crashingAt(JourneyStore, CrashPoint, int, Runnable)} to make the
   * store's own transaction fail.
   *
   * @throws IllegalArgumentException when {@code occurrence} is below 1
   */
  public static FaultInjectingStore crashingAt(JourneyStore delegate, CrashPoint point, int occurrence) {
    return crashingAt(delegate, point, occurrence, () -> {});
  }

  /**
   * Like {@link #crashingAt(JourneyStore, CrashPoint, int)}, with a hook for {@link
   * CrashPoint#DURING_COMMIT}: it is run just before the store's commit is called and must make
   * that commit fail inside the store's transaction (e.g. arm a connection whose {@code commit()}
   * throws). The wrapper then checks that the store did fail, and crashes.
   *
   * @throws IllegalArgumentException when {@code occurrence} is below 1
   */
  public static FaultInjectingStore crashingAt(
      JourneyStore delegate, CrashPoint point, int occurrence, Runnable duringCommitHook) {
    Objects.requireNonNull(point, "point");
    if (occurrence < 1) {
      throw new IllegalArgumentException("occurrence must be >= 1, but was " + occurrence);
    }
    return new FaultInjectingStore(delegate, Optional.of(point), occurrence, duringCommitHook);
  }

  /** How often {@code point} was reached so far. */
  public int hits(CrashPoint point) {
    return hits.get(point).get();
  }

  /** Returns {@code true} once the wrapper has crashed. */
  public boolean crashed() {
    return crashed;
  }

  /** The wrapped store. */
  public JourneyStore delegate() {
    return delegate;
  }

  private void alive() {
    if (crashed) {
      throw new SimulatedCrash(target.orElseThrow(), occurrence, null);
    }
  }

  /** Counts a hit; returns {@code true} when this hit is the one to crash at. */
  private boolean reached(CrashPoint point) {
    int n = hits.get(point).incrementAndGet();
    return target.isPresent() && target.get() == point && n == occurrence;
  }

  private SimulatedCrash crash(CrashPoint point, Throwable cause) {
    crashed = true;
    return new SimulatedCrash(point, occurrence, cause);
  }

  @Override
  public CommitResult commit(Commit commit) {
    alive();
    if (reached(CrashPoint.BEFORE_COMMIT)) {
      throw crash(CrashPoint.BEFORE_COMMIT, null);
    }
    if (reached(CrashPoint.DURING_COMMIT)) {
      crashed = true;
      duringCommit.run();
      CommitResult result;
      try {
        result = delegate.commit(commit);
      } catch (RuntimeException e) {
        throw crash(CrashPoint.DURING_COMMIT, e);
      }
      // The hook did not make the commit fail: the crash point would be a lie.
      throw new IllegalStateException(
          "the during-commit hook did not make the store's commit fail (it returned " + result + ")");
    }
    CommitResult result = delegate.commit(commit);
    if (reached(CrashPoint.AFTER_COMMIT_BEFORE_ACK)) {
      throw crash(CrashPoint.AFTER_COMMIT_BEFORE_ACK, null);
    }
    return result;
  }

  @Override
  public List<DueTimer> claimDueTimers(Instant now, Duration lease, int limit) {
    alive();
    List<DueTimer> claimed = delegate.claimDueTimers(now, lease, limit);
    if (!claimed.isEmpty() && reached(CrashPoint.AFTER_TIMER_CLAIM)) {
      throw crash(CrashPoint.AFTER_TIMER_CLAIM, null);
    }
    return claimed;
  }

  @Override
  public List<OutboxEntry> claimActions(Instant now, Duration lease, int limit) {
    alive();
    List<OutboxEntry> claimed = delegate.claimActions(now, lease, limit);
    if (!claimed.isEmpty() && reached(CrashPoint.AFTER_OUTBOX_CLAIM)) {
      throw crash(CrashPoint.AFTER_OUTBOX_CLAIM, null);
    }
    return claimed;
  }

  @Override
  public void markDone(String actionId) {
    alive();
    if (reached(CrashPoint.AFTER_EXECUTE_BEFORE_MARK_DONE)) {
      throw crash(CrashPoint.AFTER_EXECUTE_BEFORE_MARK_DONE, null);
    }
    delegate.markDone(actionId);
  }

  @Override
  public Optional<JourneySnapshot> load(SubjectRef subject) {
    alive();
    return delegate.load(subject);
  }

  @Override
  public SubjectLookup lookup(SubjectRef subject, String signalId) {
    alive();
    return delegate.lookup(subject, signalId);
  }

  @Override
  public SharedState loadShared(String key) {
    alive();
    return delegate.loadShared(key);
  }

  @Override
  public Optional<Instant> nextTimerDue() {
    alive();
    return delegate.nextTimerDue();
  }

  @Override
  public void retryLater(OutboxEntry entry) {
    alive();
    delegate.retryLater(entry);
  }

  @Override
  public void deadLetter(OutboxEntry entry, String reason, Instant at) {
    alive();
    delegate.deadLetter(entry, reason, at);
  }

  @Override
  public List<DeadLetter> deadLetters() {
    alive();
    return delegate.deadLetters();
  }

  @Override
  public boolean requeue(String actionId, Instant now) {
    alive();
    return delegate.requeue(actionId, now);
  }

  @Override
  public boolean discard(String actionId) {
    alive();
    return delegate.discard(actionId);
  }

  @Override
  public List<OutboxEntry> pendingActions() {
    alive();
    return delegate.pendingActions();
  }

  @Override
  public List<AuditRecord> audit(SubjectRef subject) {
    alive();
    return delegate.audit(subject);
  }

  @Override
  public void quarantine(QuarantinedInput input) {
    alive();
    delegate.quarantine(input);
  }

  @Override
  public List<QuarantinedInput> quarantined() {
    alive();
    return delegate.quarantined();
  }

  @Override
  public Optional<QuarantinedInput> inspect(QuarantinedInput.Kind kind, String id) {
    alive();
    return delegate.inspect(kind, id);
  }

  @Override
  public Optional<QuarantinedInput> requeue(QuarantinedInput.Kind kind, String id, Instant now) {
    alive();
    return delegate.requeue(kind, id, now);
  }

  @Override
  public boolean discard(QuarantinedInput.Kind kind, String id) {
    alive();
    return delegate.discard(kind, id);
  }

  @Override
  public boolean archive(dev.journey.core.spi.RuleSetSources sources) {
    return delegate.archive(sources);
  }

  @Override
  public Optional<dev.journey.core.spi.RuleSetSources> archived(String hash) {
    return delegate.archived(hash);
  }
}
