package dev.journey.core.engine;

import dev.journey.core.Alias;
import dev.journey.core.ConcurrencyConflictException;
import dev.journey.core.InvalidSignalException;
import dev.journey.core.InvalidValueException;
import dev.journey.core.JourneyException;
import dev.journey.core.Limits;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SignalIdConflictException;
import dev.journey.core.SubjectRef;
import dev.journey.core.TimerFiring;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.identity.Resolution;
import dev.journey.core.spi.AliasChange;
import dev.journey.core.spi.AliasStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.spi.InboxRecord;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.internal.JsonLength;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.PropertyValue;
import dev.journey.core.state.Suppression;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journey engine: accepts a signal, deduplicates it by id, loads the subject's snapshot, asks
 * the pure evaluator for a decision, runs the decision stages (capabilities, guardrails), checks
 * the transition against the journey model and commits inbox record, new snapshot, timers,
 * outbox and audit in one atomic step.
 *
 * <p>Signals for different subjects run in parallel; signals for one subject are serialized
 * within an engine, and across engines by the store's compare-and-set (a conflict re-evaluates,
 * up to {@link Builder#maxConflictRetries}). Due timers come back through {@link
 * #fireDueTimers()} as ordinary signals with deterministic ids.
 *
 * <p>Thread-safe. Build with {@link #builder()}:
 *
 * <pre>{@code
 * JourneyDefinition journey = JourneyDefinition.builder("lead-handoff")
 *     .model(JourneyModel.leadHandoff())
 *     .evaluator(rules)
 *     .build();
 * JourneyEngine engine = JourneyEngine.builder()
 *     .definition(journey)              // required
 *     .store(InMemoryJourneyStore.create())
 *     .clock(clock)
 *     .build();
 * SignalResult result = engine.accept(signal);
 * engine.fireDueTimers();
 * }</pre>
 */
public final class JourneyEngine {
  /** Default tolerance for signals stamped in the future: 5 minutes. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  /** Default number of commits tried for one signal before giving up: 16. */
  public static final int DEFAULT_MAX_CONFLICT_RETRIES = 16;
  /** Default number of failed firings after which a timer is parked in the quarantine: 3. */
  public static final int DEFAULT_MAX_TIMER_ATTEMPTS = 3;
  /** Default lease on claimed timers: 1 minute. */
  public static final Duration DEFAULT_TIMER_LEASE = Duration.ofMinutes(1);
  /** The rule set named in decisions the engine makes itself (stale timers). */
  public static final RuleSetRef ENGINE = RuleSetRef.of("journey-engine", "1");

  private static final Logger LOG = LoggerFactory.getLogger(JourneyEngine.class);
  private static final int STRIPES = 1024;
  private static final int TIMER_BATCH = 512;
  private static final int MAX_TRACKED_TIMER_FAILURES = 10_000;
  private static final int MAX_REDIRECTS = 4;
  /** Signals of an {@link #acceptAll} batch prefetched together. */
  static final int PREFETCH_BATCH = 32;

  private final JourneyStore store;
  private final JourneyDefinition definition;
  private final JourneyEvaluator evaluator;
  private final JourneyModel model;
  private final Clock clock;
  private final Duration maxClockSkew;
  private final int maxConflictRetries;
  private final Duration timerLease;
  private final int maxTimerAttempts;
  private final ConcurrentHashMap<String, Integer> timerFailures = new ConcurrentHashMap<>();
  private final List<DecisionStage> stages;
  private final List<JourneyListener> listeners;
  /** Whether a decision's commit carries its audit record: false for a store that keeps none. */
  private final boolean audited;
  /** The journeys beside the primary one and their policy; null for a single journey. */
  private final Ensemble ensemble;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final IdentityResolver identity;
  // the name every audit record of this engine carries, made once
  private final Optional<String> journeyName;
  private final Function<String, SharedState> loadShared;
  /** The account reader of an engine without an identity step: there is no account to read. */
  static final Supplier<Optional<JourneySnapshot>> NO_ACCOUNT = Optional::empty;

  private JourneyEngine(Builder b) {
    this.store = b.store != null ? b.store : InMemoryJourneyStore.create();
    this.definition = b.definition;
    this.evaluator = b.definition.evaluator();
    this.model = b.definition.model();
    this.clock = b.clock;
    this.maxClockSkew = b.maxClockSkew;
    this.maxConflictRetries = b.maxConflictRetries;
    this.timerLease = b.timerLease;
    this.maxTimerAttempts = b.maxTimerAttempts;
    this.stages = b.definition.stages();
    this.listeners = List.copyOf(b.listeners);
    // asked once: audit records are built only for a store that keeps them or a listener
    this.audited = this.store.keepsAudit() || !this.listeners.isEmpty();
    this.identity = b.identity;
    this.journeyName = Optional.of(b.definition.name());
    this.loadShared = store::loadShared;
    if (identity != null && !(store instanceof AliasStore)) {
      throw new IllegalStateException(
          "an engine with an identity resolver needs a store that implements AliasStore, but "
              + store.getClass().getName() + " does not");
    }
    if (identity != null
        && !b.definition.features().isEmpty()
        && !identity.merger().features().equals(b.definition.features())) {
      throw new IllegalStateException(
          "journey '" + b.definition.name() + "' declares features " + b.definition.features()
              + ", but the identity resolver merges with " + identity.merger().features()
              + ": configure IdentityResolver.builder().features(definition.features())");
    }
    this.ensemble =
        b.journeys.size() > 1 || b.policy != null
            ? new Ensemble(
                b.journeys, b.policy != null ? b.policy : CrossJourneyPolicy.none(), this.store)
            : null;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
    archiveSources();
  }

  /**
   * Archives the sources of every rule set the journeys' evaluators name, under their hashes, so
   * that any decision this engine audits can be recomputed from its record and the store alone.
   */
  private void archiveSources() {
    for (HostedJourney hosted : journeys()) {
      for (dev.journey.core.spi.RuleSetSources sources : hosted.definition().evaluator().sources()) {
        if (store.archive(sources)) {
          LOG.debug("archived the sources of {}", sources);
        }
      }
    }
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The store. */
  public JourneyStore store() {
    return store;
  }

  /** The journey this engine runs. */
  public JourneyDefinition definition() {
    return definition;
  }

  /**
   * The journeys this engine hosts, highest priority first; one for a single-journey engine. The
   * first journey added (or the {@linkplain Builder#definition definition}) is the primary one.
   */
  public List<HostedJourney> journeys() {
    return ensemble != null ? ensemble.journeys() : List.of(HostedJourney.of(definition));
  }

  /** The journey model (the definition's). */
  public JourneyModel model() {
    return model;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /** The subject's snapshot, if the engine has decided anything for it. */
  public Optional<JourneySnapshot> snapshot(SubjectRef subject) {
    return store.load(subject);
  }

  /**
   * Processes one signal.
   *
   * @return what happened: decided, duplicate, rejected, stale timer or parked
   * @throws InvalidSignalException when the signal is stamped further in the future than the
   *     allowed clock skew; nothing is written
   * @throws SignalIdConflictException when the signal id was processed before with other content
   *     (for this or another subject); the signal is {@linkplain dev.journey.core.spi.Quarantine
   *     quarantined} as {@link QuarantinedInput.Kind#ID_CONFLICT} and nothing else is written
   * @throws ConcurrencyConflictException when the commit conflicted too often; nothing is written
   * @throws JourneyException (or another runtime exception) when the evaluator or a stage fails;
   *     nothing is written and the signal may be redelivered
   */
  public SignalResult accept(Signal signal) {
    return accept(signal, false);
  }

  /**
   * Processes a batch of signals, each exactly as {@link #accept(Signal)} would, one after the
   * other in the list's order: the same results, the same effects in the same order (a second
   * signal of a subject sees the first one's snapshot; an id that comes twice is a duplicate the
   * second time, or a conflict when its content differs), and a signal that fails fails alone —
   * its exception is in its {@link Accepted.Failed}, nothing of it is written, and the signals after it
   * are processed. What a batch saves is waiting: before a run of up to 32
   * signals is processed, the store is asked to {@linkplain JourneyStore#prefetch prefetch} what
   * their lookups and commits will read, so that those reads overlap (the in-memory store's cache
   * misses of cold subjects and new ids) instead of waiting one per signal.
   *
   * @param signals the batch; a null element fails alone with a {@link NullPointerException}
   * @return one outcome per signal, in the batch's order
   * @throws NullPointerException when {@code signals} is null
   */
  public List<Accepted> acceptAll(List<Signal> signals) {
    Objects.requireNonNull(signals, "signals");
    int n = signals.size();
    Accepted[] outcomes = new Accepted[n];
    for (int from = 0; from < n; from += PREFETCH_BATCH) {
      int to = Math.min(n, from + PREFETCH_BATCH);
      store.prefetch(from == 0 && to == n ? signals : signals.subList(from, to));
      for (int i = from; i < to; i++) {
        Signal signal = signals.get(i);
        Accepted outcome;
        try {
          outcome = new Accepted.Processed(signal, accept(signal, false));
        } catch (RuntimeException e) {
          outcome = new Accepted.Failed(Optional.ofNullable(signal), e);
        }
        outcomes[i] = outcome;
      }
    }
    return java.util.Collections.unmodifiableList(java.util.Arrays.asList(outcomes));
  }

  /**
   * Processes one signal that carries aliases (CRM ids of other systems, a hashed email, a
   * product user id): the engine's {@link Builder#identity identity resolver} maps it to its
   * canonical subject before the per-subject lock, and the aliases no subject has yet are committed
   * with the subject's snapshot (see {@link IdentityResolver}).
   *
   * @throws IllegalStateException when the engine has no identity resolver
   * @see #accept(Signal)
   */
  public SignalResult accept(Signal signal, List<Alias> aliases) {
    Objects.requireNonNull(aliases, "aliases");
    if (identity == null && !aliases.isEmpty()) {
      throw new IllegalStateException(
          "signal " + signal.id() + " carries aliases, but the engine has no identity resolver:"
              + " configure JourneyEngine.builder().identity(...)");
    }
    return accept(signal, aliases, false);
  }

  /**
   * Processes one signal. For a timer firing ({@code timer}) a failure of the evaluator or a stage
   * is wrapped in {@link TimerEvaluationFailed}, so that {@link #fireDueTimers} can tell poison
   * apart from a failing store.
   */
  private SignalResult accept(Signal signal, boolean timer) {
    return accept(signal, List.of(), timer);
  }

  private SignalResult accept(Signal received, List<Alias> aliases, boolean timer) {
    Objects.requireNonNull(received, "signal");
    if (identity == null) {
      return acceptResolved(received, received, List.of(), timer);
    }
    // Resolution runs before the lock: the canonical subject names the lock. A merge that moves
    // the subject between resolution and commit shows as a conflict on a merged-away subject, and
    // the signal is resolved again.
    for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
      Resolution resolution = identity.resolve(received, aliases);
      try {
        return acceptResolved(received, resolution.signal(), resolution.changes(), timer);
      } catch (Redirected e) {
        LOG.debug("{} was merged meanwhile; resolving again", e.subject);
      }
    }
    throw new ConcurrencyConflictException(received.id(), received.subject(), MAX_REDIRECTS);
  }

  private SignalResult acceptResolved(
      Signal received, Signal signal, List<AliasChange> aliasChanges, boolean timer) {
    Instant now = clock.instant();
    // the bound is computed only for a signal stamped after the clock: most are not
    if (signal.occurredAt().isAfter(now) && signal.occurredAt().isAfter(now.plus(maxClockSkew))) {
      Instant latest = now.plus(maxClockSkew);
      throw new InvalidSignalException(
          "signal.occurredAt",
          String.format(
              Locale.ROOT, "at most %s after the engine's clock (%s)", maxClockSkew, latest),
          signal.occurredAt().toString());
    }
    ReentrantLock lock = locks[(signal.subject().hashCode() & 0x7fffffff) % STRIPES];
    lock.lock();
    try {
      for (int attempt = 1; attempt <= maxConflictRetries; attempt++) {
        SubjectLookup found = store.lookup(signal.subject(), signal.id());
        if (found.inbox().isPresent()) {
          return redelivered(received, signal, found.inbox().get(), now);
        }
        // no capturing lambda per signal: the shared-state reader is made once, and without an
        // identity step there is no account to read
        JourneySnapshot before =
            found.snapshot().isPresent()
                ? found.snapshot().get()
                : JourneySnapshot.initial(signal.subject(), model.initialState(), now);
        Supplier<Optional<JourneySnapshot>> account =
            identity == null ? NO_ACCOUNT : () -> account(signal, aliasChanges);
        Prepared prepared;
        try {
          prepared = prepare(before, signal, now, loadShared, account);
        } catch (RuntimeException e) {
          throw timer ? new TimerEvaluationFailed(e) : e;
        }
        CommitResult result =
            aliasChanges.isEmpty()
                ? store.commit(prepared.commit)
                : ((AliasStore) store).commit(prepared.commit, aliasChanges);
        switch (result) {
          case COMMITTED:
            if (!listeners.isEmpty()) { // a commit without audit has no listener to tell
              notifyCommitted(prepared.commit.audit());
              List<AuditRecord> more = prepared.commit.moreAudits();
              for (int i = 0; i < more.size(); i++) { // indexed: no iterator per signal
                notifyCommitted(more.get(i));
              }
            }
            return prepared.result;
          case DUPLICATE:
            Optional<InboxRecord> record = store.lookup(signal.subject(), signal.id()).inbox();
            if (record.isPresent()) {
              return redelivered(received, signal, record.get(), now);
            }
            // The record was purged meanwhile: try again.
            break;
          case CONFLICT:
            LOG.debug("commit conflict for {} (attempt {})", signal.subject(), attempt);
            notifyConflict(signal.id(), attempt);
            if (identity != null && !identity.canonical(signal.subject()).equals(signal.subject())) {
              throw new Redirected(signal.subject());
            }
            break;
          default:
            throw new IllegalStateException("unknown commit result " + result);
        }
      }
      throw new ConcurrencyConflictException(signal.id(), signal.subject(), maxConflictRetries);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Fires every timer due at the clock's current instant, earliest first, each as a {@link
   * SignalTypes#TIMER_FIRED} signal with id {@code timer:<subject>:<name>:<generation>}. A timer
   * that a decision schedules for a time already past fires in the same call.
   *
   * <p>Each timer is isolated: when its firing fails (the evaluator or a stage throws, or the
   * stored timer cannot become a valid signal) the others still fire. The failed timer stays
   * claimed until its lease expires and is then tried again; after {@link
   * Builder#maxTimerAttempts} failed attempts (counted by this engine) it is parked in the store's
   * {@link dev.journey.core.spi.Quarantine} as {@link QuarantinedInput.Kind#TIMER} with the
   * reason, and is not claimed again until it is requeued there. A timer that can never become a
   * valid signal is parked at once. A failure of the store itself is not the timer's fault: it
   * ends the call.
   *
   * @return how many timer signals were accepted (duplicates and stale generations included)
   */
  public int fireDueTimers() {
    Instant now = clock.instant();
    int fired = 0;
    for (int round = 0; round < 10_000; round++) {
      List<DueTimer> due = store.claimDueTimers(now, timerLease, TIMER_BATCH);
      if (due.isEmpty()) {
        return fired;
      }
      fired += fireAll(due, now);
    }
    LOG.warn("stopped firing timers after 10000 rounds; a rule may reschedule timers in a loop");
    return fired;
  }

  /**
   * Fires a claimed batch of timers and returns how many were accepted. Without an identity step,
   * the first timer of each subject is evaluated against its stored snapshot and all of those are
   * committed with one {@link JourneyStore#commitAll} call (a store may write them as one group);
   * every other timer — a second one of a subject, one already in the inbox, one whose evaluation
   * or commit did not succeed there — then goes through {@link #fire} alone, which re-reads,
   * re-evaluates, retries conflicts and counts or parks failures as usual.
   */
  private int fireAll(List<DueTimer> due, Instant now) {
    List<DueTimer> alone = new ArrayList<>();
    List<DueTimer> batched = new ArrayList<>(due.size());
    List<Prepared> prepared = new ArrayList<>(due.size());
    if (identity == null && due.size() > 1) {
      Instant latest = now.plus(maxClockSkew);
      java.util.Set<SubjectRef> subjects = new java.util.HashSet<>();
      for (DueTimer timer : due) {
        Prepared p = subjects.add(timer.subject()) ? prepareTimer(timer, now, latest) : null;
        if (p == null) {
          alone.add(timer);
        } else {
          batched.add(timer);
          prepared.add(p);
        }
      }
    } else {
      alone.addAll(due);
    }
    int fired = 0;
    if (!batched.isEmpty()) {
      List<CommitResult> results = null;
      List<Commit> commits = new ArrayList<>(prepared.size());
      for (Prepared p : prepared) {
        commits.add(p.commit);
      }
      try {
        results = store.commitAll(commits);
      } catch (RuntimeException e) {
        LOG.debug("batched timer commit failed; firing the batch one timer at a time", e);
      }
      for (int i = 0; i < batched.size(); i++) {
        if (results != null && results.get(i) == CommitResult.COMMITTED) {
          Commit commit = prepared.get(i).commit;
          if (!listeners.isEmpty()) {
            notifyCommitted(commit.audit());
            for (AuditRecord more : commit.moreAudits()) {
              notifyCommitted(more);
            }
          }
          timerFailures.remove(batched.get(i).signalId());
          fired++;
        } else {
          alone.add(batched.get(i));
        }
      }
    }
    for (DueTimer timer : alone) {
      if (fire(timer, now)) {
        fired++;
      }
    }
    return fired;
  }

  /**
   * The prepared commit of a claimed timer for {@link #fireAll}, or null when it must fire alone
   * (not a valid signal, already in the inbox, its evaluation failed).
   */
  private Prepared prepareTimer(DueTimer timer, Instant now, Instant latest) {
    try {
      Signal signal = timerSignal(timer);
      if (signal.occurredAt().isAfter(latest)) {
        return null;
      }
      SubjectLookup found = store.lookup(signal.subject(), signal.id());
      if (found.inbox().isPresent()) {
        return null;
      }
      JourneySnapshot before =
          found
              .snapshot()
              .orElseGet(() -> JourneySnapshot.initial(signal.subject(), model.initialState(), now));
      return prepare(before, signal, now, store::loadShared, () -> account(signal, List.of()));
    } catch (RuntimeException e) {
      return null; // fire() evaluates it again and counts, parks or reports the failure
    }
  }

  /** Fires one claimed timer; returns {@code false} when it failed (and was counted or parked). */
  private boolean fire(DueTimer timer, Instant now) {
    String id = timer.signalId();
    Signal signal;
    try {
      signal = timerSignal(timer);
    } catch (JourneyException e) {
      park(timer, "the timer cannot fire: " + e.getMessage(), 1, now);
      return false;
    }
    try {
      accept(signal, true);
      timerFailures.remove(id);
      return true;
    } catch (TimerEvaluationFailed e) {
      Throwable cause = e.getCause();
      int attempts = timerFailures.merge(id, 1, Integer::sum);
      String reason = cause.getClass().getName() + ": " + cause.getMessage();
      if (attempts >= maxTimerAttempts) {
        timerFailures.remove(id);
        park(timer, reason, attempts, now);
      } else {
        LOG.warn(
            "timer {} of {} failed (attempt {} of {}); tried again after its lease",
            timer.timer().name(),
            timer.subject(),
            attempts,
            maxTimerAttempts,
            cause);
        if (timerFailures.size() > MAX_TRACKED_TIMER_FAILURES) {
          timerFailures.clear();
        }
      }
      return false;
    } catch (SignalIdConflictException | ConcurrencyConflictException e) {
      LOG.warn("timer {} of {} not fired: {}", timer.timer().name(), timer.subject(), e.getMessage());
      return false;
    }
  }

  private void park(DueTimer timer, String reason, int attempts, Instant now) {
    PendingTimer pending = timer.timer();
    String content =
        String.format(
            Locale.ROOT,
            "timer %s generation %d of %s due at %s, attributes %s",
            pending.name(),
            pending.generation(),
            timer.subject(),
            pending.dueAt(),
            pending.attributes().keySet());
    String id = timer.signalId();
    if (id.length() > QuarantinedInput.MAX_ID_LENGTH) {
      id = id.substring(0, QuarantinedInput.MAX_ID_LENGTH);
    }
    QuarantinedInput input =
        new QuarantinedInput(
            QuarantinedInput.Kind.TIMER,
            id,
            Optional.of(timer.subject()),
            reason,
            content,
            attempts,
            now);
    store.quarantine(input);
    LOG.warn(
        "timer {} of {} parked in the quarantine after {} failed attempt(s)",
        pending.name(),
        timer.subject(),
        attempts);
    notifyQuarantined(input);
  }

  /**
   * A redelivered signal id: a duplicate when the content matches what the inbox recorded, else
   * a conflict, quarantined and thrown.
   */
  private SignalResult redelivered(Signal received, Signal signal, InboxRecord record, Instant now) {
    String fingerprint = signal.fingerprint();
    if (record.sameContentAs(fingerprint) || sameAsResolvedBefore(received, signal, record)) {
      notifyDuplicate(signal.id());
      return new SignalResult.Duplicate(signal);
    }
    SignalIdConflictException conflict =
        new SignalIdConflictException(signal.id(), signal.subject(), record.subject());
    Optional<QuarantinedInput> earlier =
        store.inspect(QuarantinedInput.Kind.ID_CONFLICT, signal.id());
    QuarantinedInput input =
        earlier
            .map(q -> q.failedAgain(conflict.getMessage(), now))
            .orElseGet(
                () ->
                    new QuarantinedInput(
                        QuarantinedInput.Kind.ID_CONFLICT,
                        signal.id(),
                        Optional.of(signal.subject()),
                        conflict.getMessage(),
                        signal + " fingerprint=" + fingerprint,
                        1,
                        now));
    store.quarantine(input);
    LOG.warn("{}; quarantined", conflict.getMessage());
    notifyQuarantined(input);
    throw conflict;
  }

  /**
   * A redelivery the identity step addresses to another subject than the first delivery (the
   * subject was merged since, or recognised by an alias): the inbox kept the fingerprint of the
   * signal as resolved then, so compare with the received signal and with it addressed to the
   * inbox record's subject.
   */
  private boolean sameAsResolvedBefore(Signal received, Signal signal, InboxRecord record) {
    if (identity == null) {
      return false;
    }
    if (received != signal && record.sameContentAs(received.fingerprint())) {
      return true;
    }
    if (record.subject().equals(signal.subject())
        || !identity.canonical(record.subject()).equals(signal.subject())) {
      return false; // another subject's signal id: a conflict
    }
    Signal then =
        new Signal(
            signal.id(), record.subject(), signal.type(), signal.occurredAt(), signal.source(), signal.attributes(),
            signal.firing());
    return record.sameContentAs(then.fingerprint());
  }

  /** Leaves the per-subject lock of a subject merged away meanwhile, to resolve again. */
  private static final class Redirected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient SubjectRef subject;

    Redirected(SubjectRef subject) {
      super(null, null, false, false);
      this.subject = subject;
    }
  }

  /** Carries an evaluator or stage failure of a timer firing out of {@link #accept}. */
  private static final class TimerEvaluationFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimerEvaluationFailed(RuntimeException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /**
   * Handles at most {@code limit} timers due at the clock's current instant, earliest first, like
   * {@link #fireDueTimers()} (each isolated, a failing one left to its lease or parked); a caller
   * that runs timers in bounded steps (a runtime that must be able to stop between batches) calls
   * it again while it returns {@code limit}. (A separate name, not an overload, so that {@code
   * engine::fireDueTimers} stays an exact method reference.)
   *
   * @return how many timers were handled: accepted (duplicates and stale generations included) or
   *     failed
   * @throws IllegalArgumentException when {@code limit} is below 1
   */
  public int fireDueTimersUpTo(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, but was " + limit);
    }
    Instant now = clock.instant();
    int handled = 0;
    while (handled < limit) {
      List<DueTimer> due =
          store.claimDueTimers(now, timerLease, Math.min(TIMER_BATCH, limit - handled));
      if (due.isEmpty()) {
        return handled;
      }
      fireAll(due, now);
      handled += due.size();
    }
    return handled;
  }

  /** The signal that fires {@code timer}. */
  static Signal timerSignal(DueTimer timer) {
    PendingTimer pending = timer.timer();
    return Signal.timerFired(
        timer.signalId(),
        timer.subject(),
        new TimerFiring(pending.name(), pending.generation(), pending.dueAt()),
        pending.attributes());
  }

  /**
   * Recomputes a recorded decision from its audit record alone: the evaluator and the stages run
   * on the record's snapshot, signal and instant, and every shared state a stage reads is the one
   * the record says was read (a key the record does not hold reads as never written). Nothing is
   * read from or written to the store and no listener is told. Comparing the result with {@code
   * recorded} proves the decision reproducible or shows what changed: another rule set, another
   * wiring (the facts the stages note, such as owner availability), another stage input.
   *
   * <p>A redelivered signal (a duplicate) never has an audit record; a stale timer firing
   * recomputes to the same no-op.
   *
   * @return the audit record this engine would write for the same input
   * @throws RuntimeException whatever the evaluator or a stage throws
   */
  public AuditRecord recompute(AuditRecord recorded) {
    Objects.requireNonNull(recorded, "recorded");
    StageInputs read = recorded.inputs();
    return prepareFolded(
            recorded.before(),
            recorded.signal(),
            recorded.recordedAt(),
            key -> read.read(key).orElseGet(() -> SharedState.empty(key)),
            () -> AccountFact.read(read, recorded.recordedAt()),
            true)
        .commit
        .audit();
  }

  private Prepared prepare(
      JourneySnapshot stored,
      Signal signal,
      Instant now,
      Function<String, SharedState> shared,
      Supplier<Optional<JourneySnapshot>> account) {
    // the signal folded into the declared features: the evaluator, the stages and the audit see
    // them; a decided commit persists them with the snapshot
    JourneySnapshot before =
        definition.features().isEmpty() && stored.features().isEmpty()
            ? stored
            : stored.withFeatures(definition.features().fold(stored.features(), signal));
    if (ensemble != null) {
      return ensemble.prepare(before, signal, now, shared, account);
    }
    return prepareFolded(before, signal, now, shared, account, audited);
  }

  /**
   * The snapshot of the company a contact is linked to (a link this signal's commit writes
   * counts already), read only when a stage asks; empty without an identity step.
   */
  private Optional<JourneySnapshot> account(Signal signal, List<AliasChange> aliasChanges) {
    if (identity == null || signal.subject().type() != dev.journey.core.ObjectType.CONTACT) {
      return Optional.empty();
    }
    Alias link = Alias.accountOf(signal.subject());
    Optional<SubjectRef> company = identity.accountOf(signal.subject());
    for (AliasChange change : aliasChanges) {
      if (change.alias().equals(link)) {
        company = change instanceof AliasChange.Attach a ? Optional.of(identity.canonical(a.subject())) : Optional.empty();
      }
    }
    return company.flatMap(store::load);
  }

  /**
   * Prepares the commit for a snapshot whose features already hold the signal (an audit record's
   * {@code before} does: recomputing must not fold the signal a second time). Without {@code
   * audit}, a decision applied without stages commits no audit record (for a store that keeps
   * none); every other outcome carries one.
   */
  private Prepared prepareFolded(
      JourneySnapshot before,
      Signal signal,
      Instant now,
      Function<String, SharedState> shared,
      Supplier<Optional<JourneySnapshot>> account,
      boolean audit) {
    return named(prepareOne(before, signal, now, shared, account, audit));
  }

  /** The prepared commit whose audit record names this engine's journey, as an ensemble's do. */
  private Prepared named(Prepared prepared) {
    Commit c = prepared.commit;
    if (!c.hasAudit()
        || c.audit().journey() == journeyName
        || c.audit().journey().equals(journeyName)) {
      return prepared; // Reduction.decided names it with journeyName itself: no Optional to compare
    }
    Commit commit =
        new Commit(
            c.signal(), c.expectedVersion(), c.snapshot(), c.timerChanges(), c.outbox(),
            c.audit().withJourney(definition.name()), c.sharedWrites(), c.moreAudits());
    return new Prepared(commit, prepared.result);
  }

  private Prepared prepareOne(
      JourneySnapshot before,
      Signal signal,
      Instant now,
      Function<String, SharedState> shared,
      Supplier<Optional<JourneySnapshot>> account,
      boolean audit) {
    // the timer this signal fires, resolved once for the whole reduction
    Optional<PendingTimer> fired = Optional.empty();
    if (signal.isTimer()) {
      String name = signal.firing().map(TimerFiring::name).orElse("");
      long generation = signal.firing().map(TimerFiring::generation).orElse(-1L);
      PendingTimer pending = before.timers().get(name);
      if (pending == null || pending.generation() != generation) {
        Decision noop =
            Decision.noop(
                before,
                signal,
                now,
                ENGINE,
                String.format(
                    Locale.ROOT,
                    "timer %s generation %d is stale (pending: %s)",
                    name,
                    generation,
                    pending == null ? "none" : "generation " + pending.generation()));
        return Reduction.inboxOnly(
            before, signal, noop, AuditRecord.Outcome.STALE_TIMER, noop.trace().get(0), now,
            name, generation);
      }
      fired = Optional.of(pending);
    }
    Decision decision = evaluator.evaluate(before, signal, now);
    if (!decision.subject().equals(signal.subject()) || !decision.signalId().equals(signal.id())) {
      throw new IllegalStateException(
          "evaluator returned a decision for "
              + decision.subject()
              + "/"
              + decision.signalId()
              + " when asked about "
              + signal.subject()
              + "/"
              + signal.id());
    }
    if (stages.isEmpty()) {
      return checkedAndReduced(before, signal, decision, now, List.of(), fired, audit);
    }
    Decision evaluated = decision;
    StageContext context =
        new StageContext(before, signal, now, model, shared, definition.effects(), account);
    for (DecisionStage stage : stages) {
      decision = Objects.requireNonNull(stage.apply(decision, context), "stage result");
      if (context.parked != null) {
        return withInputs(
            Reduction.parked(before, signal, decision, now, context.parked, fired), context.inputs(), evaluated);
      }
    }
    return withInputs(
        checkedAndReduced(before, signal, decision, now, context.writes(), fired, true),
        context.inputs(), evaluated);
  }

  /**
   * The prepared commit with the stage inputs in its audit record, and the evaluator's decision
   * when the stages changed it.
   */
  private static Prepared withInputs(Prepared prepared, StageInputs read, Decision evaluated) {
    StageInputs inputs = read.withEvaluated(evaluated, prepared.commit.audit().decision());
    if (inputs.equals(StageInputs.NONE)) {
      return prepared;
    }
    Commit c = prepared.commit;
    Commit commit =
        new Commit(
            c.signal(), c.expectedVersion(), c.snapshot(), c.timerChanges(), c.outbox(),
            c.audit().withInputs(inputs), c.sharedWrites());
    return new Prepared(commit, prepared.result);
  }

  private Prepared checkedAndReduced(
      JourneySnapshot before,
      Signal signal,
      Decision decision,
      Instant now,
      List<dev.journey.core.spi.SharedWrite> writes,
      Optional<PendingTimer> fired,
      boolean audit) {
    try {
      model.checkTransition(before.state(), decision.stateAfter());
    } catch (JourneyException e) {
      LOG.debug("decision rejected for {}: {}", signal.subject(), e.getMessage());
      return Reduction.rejected(before, signal, decision, now, e, fired);
    }
    Prepared prepared =
        Reduction.decided(
            before, signal, decision, now, writes, definition.effects(), fired, journeyName, audit);
    long length = documentLength(prepared.commit.snapshot());
    if (length > Limits.SNAPSHOT_LENGTH) {
      InvalidValueException e =
          new InvalidValueException(
              "snapshot of " + signal.subject(),
              "at most " + Limits.SNAPSHOT_LENGTH + " characters as JSON",
              length + " characters");
      LOG.debug("decision rejected for {}: {}", signal.subject(), e.getMessage());
      // The audit keeps a no-op in place of the oversize decision, so that it fits as well.
      Decision noop = Decision.noop(before, signal, now, decision.ruleSet(), e.getMessage());
      return Reduction.rejected(before, signal, noop, now, e, fired);
    }
    return prepared;
  }

  /**
   * The length of a snapshot as a store's JSON document, in characters (an upper estimate), or a
   * cheaper bound below {@code Limits.SNAPSHOT_LENGTH} when that bound already fits: strings are
   * scanned for escapes only when the snapshot could be near the limit.
   */
  static long documentLength(JourneySnapshot snapshot) {
    long raw = rawLength(snapshot);
    if (6 * raw <= Limits.SNAPSHOT_LENGTH) {
      return 6 * raw;
    }
    long n = 256 + snapshot.state().length() + snapshot.ruleSet().map(String::length).orElse(0);
    for (Map.Entry<String, PropertyValue> e : snapshot.properties().entrySet()) {
      n += 64 + JsonLength.stringLength(e.getKey())
          + JsonLength.stringLength(e.getValue().value())
          + JsonLength.stringLength(e.getValue().writer());
    }
    for (PendingTimer timer : snapshot.timers().values()) {
      n += 96 + 2 * JsonLength.stringLength(timer.name()) + JsonLength.jsonLength(timer.attributes());
    }
    for (Map.Entry<String, Suppression> e : snapshot.suppressions().entrySet()) {
      n += 64 + 2 * JsonLength.stringLength(e.getKey())
          + JsonLength.stringLength(e.getValue().reason());
    }
    for (String counter : snapshot.counters().keySet()) {
      n += 24 + JsonLength.stringLength(counter);
    }
    for (Map.Entry<String, dev.journey.core.state.JourneyState> e : snapshot.journeys().entrySet()) {
      n += 96 + JsonLength.stringLength(e.getKey()) + JsonLength.stringLength(e.getValue().state())
          + JsonLength.stringLength(e.getValue().ruleSet().orElse(""));
    }
    return n + snapshot.features().encodedLengthBound();
  }

  /** The snapshot's characters before escaping, with the same fixed overheads. */
  private static long rawLength(JourneySnapshot snapshot) {
    Optional<String> ruleSet = snapshot.ruleSet();
    long n = 256 + snapshot.state().length() + (ruleSet.isPresent() ? ruleSet.get().length() : 0);
    // each map only when it holds something, walked with forEach into one counter: a snapshot's
    // sorted maps walk their tree, its one-entry maps (OneEntryMap) their entry, without an entry
    // view or iterator
    long properties = RawLength.small(snapshot.properties());
    long timers = RawLength.small(snapshot.timers());
    long suppressions = RawLength.small(snapshot.suppressions());
    long counters = RawLength.small(snapshot.counters());
    long journeys = RawLength.small(snapshot.journeys());
    if (properties >= 0 && timers >= 0 && suppressions >= 0 && counters >= 0 && journeys >= 0) {
      // no map of more than one entry (most snapshots): no walker
      n += properties + timers + suppressions + counters + journeys;
    } else {
      RawLength length = new RawLength();
      length.add(snapshot.properties());
      length.add(snapshot.timers());
      length.add(snapshot.suppressions());
      length.add(snapshot.counters());
      length.add(snapshot.journeys());
      n += length.n;
    }
    return n + snapshot.features().encodedLengthBound();
  }

  /** Adds up the characters of a snapshot's map entries, each by the kind of its value. */
  private static final class RawLength implements java.util.function.BiConsumer<String, Object> {
    private long n;

    /** Adds a map's entries; an empty map is not walked (an empty Map.of makes an iterator). */
    void add(Map<String, ?> map) {
      if (!map.isEmpty()) {
        map.forEach(this);
      }
    }

    /**
     * The characters of a map of at most one entry, or -1 for a larger one: the usual snapshot
     * (a counter, a timer, the owner) is measured without a walker object.
     */
    static long small(Map<String, ?> map) {
      if (map.isEmpty()) {
        return 0;
      }
      if (map instanceof dev.journey.core.internal.OneEntryMap<String, ?> one) {
        return entry(one.key(), one.value());
      }
      return -1;
    }

    @Override
    public void accept(String key, Object value) {
      n += entry(key, value);
    }

    /** The characters of one entry, by the kind of its value. */
    static long entry(String key, Object value) {
      if (value instanceof Long) { // a counter
        return 26 + key.length();
      } else if (value instanceof PropertyValue p) {
        return 70 + key.length() + p.value().length() + p.writer().length();
      } else if (value instanceof PendingTimer timer) {
        long n = 100 + 2 * timer.name().length();
        if (!timer.attributes().isEmpty()) {
          for (Map.Entry<String, String> a : timer.attributes().entrySet()) {
            n += 6 + a.getKey().length() + a.getValue().length();
          }
        }
        return n;
      } else if (value instanceof Suppression suppression) {
        return 70 + 2 * key.length() + suppression.reason().length();
      } else if (value instanceof dev.journey.core.state.JourneyState journey) {
        return 96 + key.length() + journey.state().length()
            + journey.ruleSet().map(String::length).orElse(0);
      } else {
        throw new IllegalStateException("no length for a snapshot entry of " + value.getClass());
      }
    }
  }

  private void notifyCommitted(AuditRecord record) {
    if (listeners.isEmpty()) {
      return; // no iterator per signal
    }
    for (JourneyListener listener : listeners) {
      try {
        listener.onCommitted(record);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed; ignored", listener.getClass().getName(), e);
      }
    }
  }

  private void notifyQuarantined(QuarantinedInput input) {
    for (JourneyListener listener : listeners) {
      try {
        listener.onQuarantined(input);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed; ignored", listener.getClass().getName(), e);
      }
    }
  }

  private void notifyDuplicate(String signalId) {
    for (JourneyListener listener : listeners) {
      try {
        listener.onDuplicate(signalId);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed; ignored", listener.getClass().getName(), e);
      }
    }
  }

  private void notifyConflict(String signalId, int attempt) {
    for (JourneyListener listener : listeners) {
      try {
        listener.onConflict(signalId, attempt);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed; ignored", listener.getClass().getName(), e);
      }
    }
  }

  /** A prepared commit and the result to return when it succeeds. */
  static final class Prepared {
    final Commit commit;
    final SignalResult result;

    Prepared(Commit commit, SignalResult result) {
      this.commit = commit;
      this.result = result;
    }
  }

  /**
   * Configures a {@link JourneyEngine}. Setters validate immediately; {@link #build()} checks that
   * a {@link JourneyDefinition} is set. Not thread-safe; the built engine is independent of the builder.
   */
  public static final class Builder {
    private JourneyStore store;
    private JourneyDefinition definition;
    private Clock clock = Clock.systemUTC();
    private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
    private int maxConflictRetries = DEFAULT_MAX_CONFLICT_RETRIES;
    private Duration timerLease = DEFAULT_TIMER_LEASE;
    private int maxTimerAttempts = DEFAULT_MAX_TIMER_ATTEMPTS;
    private final List<JourneyListener> listeners = new ArrayList<>();
    private IdentityResolver identity;
    private final List<HostedJourney> journeys = new ArrayList<>();
    private CrossJourneyPolicy policy;
    private boolean definitionSet;

    Builder() {}

    /**
     * The identity step run before the per-subject lock (aliases, merged subjects, account
     * links); default none: every signal goes to the subject it names. Its store must be this
     * engine's store.
     */
    public Builder identity(IdentityResolver identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /**
     * The journey to run: its model, evaluator and stages (this or {@link #journey} is required).
     * It becomes the engine's primary journey, ahead of any added with {@link #journey}.
     */
    public Builder definition(JourneyDefinition definition) {
      Objects.requireNonNull(definition, "definition");
      if (definitionSet) {
        journeys.remove(0); // a second call replaces the first
      }
      definitionSet = true;
      this.definition = definition;
      journeys.add(0, HostedJourney.of(definition));
      return this;
    }

    /**
     * Adds a journey to host beside the others. The first journey of an engine (its {@link
     * #definition}, or else the first one added here) is its primary journey: every subject is in
     * it, and its state is the snapshot's {@link JourneySnapshot#state()}; the state of each
     * further journey a subject enters is in {@link JourneySnapshot#journeys()}, its timers under
     * {@code <journey>/<timer>}. A signal is evaluated by every journey it concerns against the
     * same snapshot, higher {@linkplain HostedJourney#priority() priority} first, and the decisions
     * are merged into one commit with one audit record per journey (see {@link
     * CrossJourneyPolicy} for what is enforced across them).
     *
     * @throws IllegalArgumentException when a journey of that name is already hosted
     */
    public Builder journey(HostedJourney journey) {
      Objects.requireNonNull(journey, "journey");
      for (HostedJourney hosted : journeys) {
        if (hosted.name().equals(journey.name())) {
          throw new IllegalArgumentException(
              "journey names must be unique in an engine, but '" + journey.name()
                  + "' is hosted twice");
        }
      }
      journeys.add(journey);
      this.definition = journeys.get(0).definition();
      return this;
    }

    /** The policy across the hosted journeys; default {@link CrossJourneyPolicy#none()}. */
    public Builder policy(CrossJourneyPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The store; default a new {@link InMemoryJourneyStore}. */
    public Builder store(JourneyStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The clock; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How far in the future a signal's {@code occurredAt} may be; default {@link
     * #DEFAULT_MAX_CLOCK_SKEW}.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maxClockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew");
      if (skew.isNegative()) {
        throw new IllegalArgumentException("maxClockSkew must be >= 0, but was " + skew);
      }
      this.maxClockSkew = skew;
      return this;
    }

    /**
     * How many commits to try per signal; default {@link #DEFAULT_MAX_CONFLICT_RETRIES}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxConflictRetries(int retries) {
      if (retries < 1) {
        throw new IllegalArgumentException("maxConflictRetries must be >= 1, but was " + retries);
      }
      this.maxConflictRetries = retries;
      return this;
    }

    /**
     * The lease on claimed timers; default {@link #DEFAULT_TIMER_LEASE}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder timerLease(Duration lease) {
      Objects.requireNonNull(lease, "lease");
      if (lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("timerLease must be > 0, but was " + lease);
      }
      this.timerLease = lease;
      return this;
    }

    /**
     * After how many failed firings a timer is parked in the store's quarantine; default {@link
     * #DEFAULT_MAX_TIMER_ATTEMPTS}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxTimerAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxTimerAttempts must be >= 1, but was " + attempts);
      }
      this.maxTimerAttempts = attempts;
      return this;
    }

    /** Adds a listener. */
    public Builder listener(JourneyListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the engine.
     *
     * @throws IllegalStateException when no definition was set
     * @throws IllegalArgumentException when two journeys own one property, or the policy names
     *     a journey or state the engine does not host
     */
    public JourneyEngine build() {
      if (definition == null) {
        throw new IllegalStateException(
            "a journey definition is required: call definition(JourneyDefinition)");
      }
      return new JourneyEngine(this);
    }
  }
}
