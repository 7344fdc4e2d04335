package dev.journey.testkit;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A journey engine wired to a {@link VirtualClock} and an {@link InMemoryJourneyStore}, with time
 * that moves <em>through</em> the engine: {@link #advanceTo(Instant)} steps the clock to each due
 * timer in turn and fires it, so timers fire in due order and see the right "now". Every audit
 * record the engine commits is recorded in commit order ({@link #records()}).
 *
 * <p>Optionally an {@link ActionExecutor} drains the outbox after each step, through an {@link
 * OutboxRelay} on the same clock.
 *
 * <pre>{@code
 * JourneyDriver driver = JourneyDriver.builder().definition(journey).build();
 * driver.receive(signal);                 // clock moves to signal.occurredAt() first
 * driver.advance(Duration.ofHours(4));    // fires the SLA timer at its due time
 * }</pre>
 *
 * <p>Not for concurrent use: one test drives one driver (the engine inside is thread-safe).
 */
public final class JourneyDriver {
  /** The default start instant: Monday 2026-03-02 08:00 UTC. */
  public static final Instant DEFAULT_START = Instant.parse("2026-03-02T08:00:00Z");

  /** The rule set named in the audit of snapshots seeded by {@link #seed(JourneySnapshot)}. */
  public static final RuleSetRef SEED = RuleSetRef.of("journey-testkit-seed", "1");

  /** The signal type of the audit record written by {@link #seed(JourneySnapshot)}. */
  public static final String SEED_SIGNAL_TYPE = "TESTKIT_SEED";

  private static final int MAX_TIMER_STEPS = 1_000_000;

  private final VirtualClock clock;
  private final InMemoryJourneyStore store;
  private final JourneyEngine engine;
  private final JourneyModel model;
  private final Instant start;
  private final OutboxRelay relay;
  private final List<AuditRecord> records = new ArrayList<>();

  private JourneyDriver(Builder b) {
    this.start = b.start;
    this.clock = b.clock != null ? b.clock : VirtualClock.at(b.start, b.zone);
    this.store = InMemoryJourneyStore.create();
    this.model = b.definition.model();
    JourneyEngine.Builder engine =
        JourneyEngine.builder()
            .definition(b.definition)
            .store(store)
            .clock(clock)
            .listener(
                new JourneyListener() {
                  @Override
                  public void onCommitted(AuditRecord record) {
                    synchronized (records) {
                      records.add(record);
                    }
                  }
                });
    b.listeners.forEach(engine::listener);
    this.engine = engine.build();
    this.relay = b.executor == null ? null : OutboxRelay.builder(store, b.executor).clock(clock).build();
  }

  /** Starts a builder; a journey definition is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The engine. */
  public JourneyEngine engine() {
    return engine;
  }

  /** The virtual clock the engine (and relay) read. */
  public VirtualClock clock() {
    return clock;
  }

  /** The store. */
  public InMemoryJourneyStore store() {
    return store;
  }

  /** The journey the engine runs. */
  public JourneyDefinition definition() {
    return engine.definition();
  }

  /** The journey model (the definition's). */
  public JourneyModel model() {
    return model;
  }

  /** The instant the clock started at. */
  public Instant start() {
    return start;
  }

  /** The clock's current instant. */
  public Instant now() {
    return clock.instant();
  }

  /** The subject's snapshot, if any. */
  public Optional<JourneySnapshot> snapshot(SubjectRef subject) {
    return store.load(subject);
  }

  /** Every audit record the engine committed so far, in commit order (seeds excluded). */
  public List<AuditRecord> records() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /** How many audit records the engine committed so far; a cursor for {@link #recordsSince}. */
  public int recordCount() {
    synchronized (records) {
      return records.size();
    }
  }

  /** The audit records committed after the first {@code cursor} ones. */
  public List<AuditRecord> recordsSince(int cursor) {
    synchronized (records) {
      if (cursor < 0 || cursor > records.size()) {
        throw new IllegalArgumentException(
            "cursor must be within [0, " + records.size() + "], but was " + cursor);
      }
      return List.copyOf(records.subList(cursor, records.size()));
    }
  }

  /**
   * Delivers a signal. When it occurred after the clock's instant, the clock first moves there
   * through the engine ({@link #advanceTo}); a signal that occurred earlier is delivered late,
   * at the current instant.
   */
  public SignalResult receive(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    advanceTo(signal.occurredAt());
    SignalResult result = engine.accept(signal);
    drainOutbox();
    return result;
  }

  /**
   * Moves the clock forward by {@code step} through the engine, firing due timers in due order.
   *
   * @return the audit records committed on the way
   * @throws IllegalArgumentException when {@code step} is negative
   */
  public List<AuditRecord> advance(Duration step) {
    Objects.requireNonNull(step, "step");
    if (step.isNegative()) {
      throw new IllegalArgumentException("step must be >= 0, but was " + step);
    }
    return advanceTo(clock.instant().plus(step));
  }

  /**
   * Moves the clock to {@code target} through the engine: while a timer is due at or before
   * {@code target}, sets the clock to its due time and fires due timers; then sets the clock to
   * {@code target}. Does nothing when {@code target} is not after the clock's instant, except
   * firing timers already due.
   *
   * @return the audit records committed on the way
   */
  public List<AuditRecord> advanceTo(Instant target) {
    Objects.requireNonNull(target, "target");
    int cursor = recordCount();
    for (int step = 0; step < MAX_TIMER_STEPS; step++) {
      Optional<Instant> next = store.nextTimerDue();
      if (next.isEmpty() || next.get().isAfter(target)) {
        break;
      }
      if (next.get().isAfter(clock.instant())) {
        clock.set(next.get());
      }
      int fired = engine.fireDueTimers();
      drainOutbox();
      if (fired == 0) {
        // The earliest timer is claimed under a lease that has not run out: nothing to do now.
        break;
      }
    }
    if (target.isAfter(clock.instant())) {
      clock.set(target);
      drainOutbox();
    }
    return recordsSince(cursor);
  }

  /**
   * Fires timers until none is pending or the next one is due after {@code horizon}, then leaves
   * the clock at the last timer fired (or where it was).
   *
   * @return the audit records committed on the way
   */
  public List<AuditRecord> advanceToQuiescence(Instant horizon) {
    Objects.requireNonNull(horizon, "horizon");
    int cursor = recordCount();
    for (int step = 0; step < MAX_TIMER_STEPS; step++) {
      Optional<Instant> next = store.nextTimerDue();
      if (next.isEmpty() || next.get().isAfter(horizon)) {
        break;
      }
      Instant before = clock.instant();
      advanceTo(next.get().isAfter(before) ? next.get() : before);
      if (store.nextTimerDue().equals(next) && clock.instant().equals(before)) {
        break; // leased and not progressing
      }
    }
    return recordsSince(cursor);
  }

  /**
   * Runs the outbox relay until the outbox has nothing ready, when an executor was configured.
   *
   * @return how many outbox entries were handled (0 without an executor)
   */
  public int drainOutbox() {
    return relay == null ? 0 : relay.drain();
  }

  /**
   * Puts a subject into a given snapshot by committing it through the store, as if a decision
   * had led there: the version becomes the stored version plus one, timers are (re)scheduled and
   * the audit gets a record of signal type {@value #SEED_SIGNAL_TYPE} decided by {@link #SEED}.
   * The model is not consulted for the transition, only for the state's existence.
   *
   * @return the stored snapshot
   * @throws dev.journey.core.UnknownStateException when the model has no such state
   * @throws IllegalStateException when the store refuses the commit
   */
  public JourneySnapshot seed(JourneySnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    model.requireState(snapshot.state());
    Instant now = clock.instant();
    SubjectRef subject = snapshot.subject();
    JourneySnapshot before =
        store.load(subject).orElseGet(() -> JourneySnapshot.initial(subject, model.initialState(), now));
    long version = before.version() + 1;
    JourneySnapshot after = snapshot.toBuilder().version(version).updatedAt(now).build();
    Signal seed =
        Signal.builder()
            .id(String.format(Locale.ROOT, "seed:%s:%d", subject, version))
            .subject(subject)
            .type(SEED_SIGNAL_TYPE)
            .occurredAt(now)
            .source("journey-testkit")
            .build();
    Decision decision =
        Decision.builder(before, seed, now, SEED)
            .transitionTo(after.state())
            .trace("seeded by the testkit")
            .build();
    List<TimerChange> timers = new ArrayList<>();
    for (PendingTimer old : before.timers().values()) {
      timers.add(new TimerChange.Cancelled(old.name(), old.generation()));
    }
    for (PendingTimer timer : after.timers().values()) {
      timers.add(new TimerChange.Scheduled(timer));
    }
    AuditRecord audit = new AuditRecord(seed, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), now);
    CommitResult result =
        store.commit(new Commit(seed, before.version(), after, timers, List.of(), audit, List.of()));
    if (result != CommitResult.COMMITTED) {
      throw new IllegalStateException("seeding " + subject + " failed: " + result);
    }
    return after;
  }

  /**
   * Configures a {@link JourneyDriver}. Setters validate immediately; {@link #build()} checks that
   * a journey definition is set and creates a fresh clock, store and engine each time. Not thread-safe.
   */
  public static final class Builder {
    private JourneyDefinition definition;
    private final List<JourneyListener> listeners = new ArrayList<>();
    private Instant start = DEFAULT_START;
    private ZoneId zone = ZoneOffset.UTC;
    private ActionExecutor executor;
    private VirtualClock clock;

    Builder() {}

    /** A fresh virtual clock at this builder's start and zone. */
    public VirtualClock newClock() {
      return VirtualClock.at(start, zone);
    }

    /** The clock the next driver uses (the extension shares it with a fake HubSpot). */
    public Builder clock(VirtualClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether a definition was set. */
    public boolean hasDefinition() {
      return definition != null;
    }

    /** A copy of this builder, for one more driver with the same settings. */
    public Builder copy() {
      Builder copy = new Builder();
      copy.definition = definition;
      copy.listeners.addAll(listeners);
      copy.start = start;
      copy.zone = zone;
      copy.executor = executor;
      return copy;
    }

    /**
     * The journey to drive: its model, evaluator (a {@code JavaRuleSet}, a Drools evaluator or any
     * other) and decision stages (required).
     */
    public Builder definition(JourneyDefinition definition) {
      this.definition = Objects.requireNonNull(definition, "definition");
      return this;
    }

    /** Adds an engine listener. */
    public Builder listener(JourneyListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Where the virtual clock starts; default {@link #DEFAULT_START}. */
    public Builder start(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /** The virtual clock's zone; default UTC. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * An executor for the outbox: when set, an {@link OutboxRelay} on the virtual clock drains the
     * outbox after every signal and timer step. Default none: actions stay in the outbox.
     */
    public Builder executor(ActionExecutor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds a driver with a fresh clock, store and engine.
     *
     * @throws IllegalStateException when no definition was set
     */
    public JourneyDriver build() {
      if (definition == null) {
        throw new IllegalStateException(
            "a journey definition is required: call definition(JourneyDefinition)");
      }
      return new JourneyDriver(this);
    }
  }
}
