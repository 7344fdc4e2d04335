package dev.journey.core.runtime;

import dev.journey.core.Signal;
import dev.journey.core.action.ActionKind;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.JourneyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link JourneyEngine}: a bounded intake for signals, timer polling and the outbox relay
 * on their own lanes, a drain on {@link #close(Duration)}, and a {@link RuntimeHealth}.
 *
 * <ul>
 *   <li><b>Intake.</b> {@link #accept(Signal)} runs the signal through the engine on the caller's
 *       thread and returns once it is committed, so a webhook can answer 2xx only for what is in
 *       the store. At most {@link Builder#maxInFlight} signals are in flight; beyond that the
 *       {@link IntakePolicy} refuses at once or after a bounded wait with an {@link
 *       IntakeFullException}. There is no queue to grow.
 *   <li><b>Timers.</b> The {@code timers} lane fires due timers every {@link
 *       Builder#timerInterval}, at most {@link Builder#timerBatchSize} per step, stepping again
 *       while steps come back full.
 *   <li><b>Relay.</b> {@link Builder#relayWorkers} lanes each claim up to {@link
 *       Builder#relayBatchSize} ready actions and hand them to the executor; claims are leased by
 *       the store, so workers, and runtimes sharing one database, never run the same action at the
 *       same time. The number of workers is the default executor's concurrency limit; executors
 *       registered per action kind ({@link Builder#executor(ActionKind, ActionExecutor, int)})
 *       have their own. A slow or failing executor holds only relay lanes: timers and intake run
 *       on.
 *   <li><b>Stop.</b> {@link #close(Duration)} stops accepting, waits for in-flight commits, stops
 *       the lanes between batches, lets the batch in progress finish, and hands back leases
 *       through the configured {@link Builder#leaseRelease}.
 * </ul>
 *
 * <p>Domain time comes from the engine's clock; waiting for threads (a blocked intake, the drain
 * deadline) is real time. With the testkit's {@code VirtualScheduler} every lane runs on the
 * test's thread as the virtual clock advances. Thread-safe.
 *
 * <pre>{@code
 * JourneyRuntime runtime = JourneyRuntime.builder(engine, executor)
 *     .maxInFlight(64)
 *     .relayWorkers(2)
 *     .build();
 * runtime.start();
 * SignalResult result = runtime.accept(signal); // from the webhook handler
 * RuntimeHealth health = runtime.health();      // for /health
 * runtime.close(Duration.ofSeconds(10));        // on SIGTERM
 * }</pre>
 */
public final class JourneyRuntime implements AutoCloseable {
  /** Default bound of signals in flight: 64. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 64;
  /** Default policy when the intake is full: refuse. */
  public static final IntakePolicy DEFAULT_INTAKE_POLICY = IntakePolicy.REFUSE;
  /** Default longest wait for an intake slot under {@link IntakePolicy#BLOCK}: 1 second. */
  public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(1);
  /** Default wait advised to refused callers: 1 second. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  /** Default pause between timer polls: 1 second. */
  public static final Duration DEFAULT_TIMER_INTERVAL = Duration.ofSeconds(1);
  /** Default timers fired per step: 512. */
  public static final int DEFAULT_TIMER_BATCH_SIZE = 512;
  /** Default pause between relay polls: 200 milliseconds. */
  public static final Duration DEFAULT_RELAY_INTERVAL = Duration.ofMillis(200);
  /** Default actions claimed per relay step: 100. */
  public static final int DEFAULT_RELAY_BATCH_SIZE = OutboxRelay.DEFAULT_BATCH_SIZE;
  /** Default relay workers (the executor's concurrency limit): 1. */
  public static final int DEFAULT_RELAY_WORKERS = 1;
  /** Default pause between health checks: 5 seconds. */
  public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(5);
  /** Default relay lag above which health is degraded: 1 minute. */
  public static final Duration DEFAULT_RELAY_LAG_THRESHOLD = Duration.ofMinutes(1);
  /** Default timer overdue time above which health is degraded: 1 minute. */
  public static final Duration DEFAULT_TIMER_OVERDUE_THRESHOLD = Duration.ofMinutes(1);
  /** Default window in which new dead letters degrade health: 15 minutes. */
  public static final Duration DEFAULT_DEAD_LETTER_WINDOW = Duration.ofMinutes(15);
  /** Default window of executor attempts looked at for health: 1 minute. */
  public static final Duration DEFAULT_FAILURE_WINDOW = Duration.ofMinutes(1);
  /** Default share of failed attempts in the window that degrades health: 0.5. */
  public static final double DEFAULT_FAILURE_THRESHOLD = 0.5;
  /** Default drain deadline of {@link #close()}: 10 seconds. */
  public static final Duration DEFAULT_DRAIN_DEADLINE = Duration.ofSeconds(10);

  /** Steps a lane runs in one tick while steps come back full, before it yields. */
  static final int MAX_STEPS_PER_TICK = 64;
  /** Fewest failed attempts in the window that can degrade health. */
  static final int MIN_FAILURES = 3;

  private static final Logger LOG = LoggerFactory.getLogger(JourneyRuntime.class);

  /** The runtime's lifecycle. */
  public enum State {
    /** Built, not started. */
    NEW,
    /** Accepting signals, lanes running. */
    RUNNING,
    /** {@link #close(Duration)} in progress: refusing signals, draining. */
    STOPPING,
    /** Stopped. */
    CLOSED
  }

  private final JourneyEngine engine;
  private final JourneyStore store;
  private final Clock clock;
  private final OutboxRelay relay;
  private final ObservedExecutor executor;
  private final RuntimeScheduler scheduler;
  private final boolean ownsScheduler;
  private final Optional<IntSupplier> leaseRelease;
  private final Listeners listeners;
  private final LongSupplier nanoTime;
  private final Semaphore intake;
  private final int maxInFlight;
  private final IntakePolicy policy;
  private final Duration blockTimeout;
  private final Duration retryAfter;
  private final Duration timerInterval;
  private final int timerBatchSize;
  private final Duration relayInterval;
  private final int relayBatchSize;
  private final int relayWorkers;
  private final Duration healthInterval;
  private final List<Task> tasks;
  private final Duration relayLagThreshold;
  private final Duration timerOverdueThreshold;
  private final Duration deadLetterWindow;
  private final Duration failureWindow;
  private final double failureThreshold;

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final List<RuntimeScheduler.Lane> lanes = new CopyOnWriteArrayList<>();
  private final Object healthLock = new Object();
  private RuntimeHealth lastHealth;
  private int deadLetterCount = -1;
  private Instant deadLettersGrewAt;
  private volatile Instant relayBusySince;
  private volatile StopReport stopReport;

  private JourneyRuntime(Builder b) {
    this.engine = b.engine;
    this.store = b.engine.store();
    this.clock = b.engine.clock();
    this.nanoTime = b.nanoTime;
    this.listeners = new Listeners(b.listeners);
    ActionExecutor routed = b.executor;
    if (!b.routes.isEmpty()) {
      routed =
          new RoutingExecutor(
              new RoutingExecutor.Route("default", b.executor, b.relayWorkers), b.routes, b.relayInterval);
    }
    this.executor = new ObservedExecutor(routed, clock, nanoTime, listeners);
    OutboxRelay.Builder relayBuilder = OutboxRelay.builder(store, executor);
    b.relayCustomizer.accept(relayBuilder);
    this.relay = relayBuilder.clock(clock).batchSize(b.relayBatchSize).build();
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = b.scheduler != null ? b.scheduler : RuntimeScheduler.threads("journey");
    this.leaseRelease = Optional.ofNullable(b.leaseRelease);
    this.maxInFlight = b.maxInFlight;
    this.intake = new Semaphore(b.maxInFlight);
    this.policy = b.policy;
    this.blockTimeout = b.blockTimeout;
    this.retryAfter = b.retryAfter;
    this.timerInterval = b.timerInterval;
    this.timerBatchSize = b.timerBatchSize;
    this.relayInterval = b.relayInterval;
    this.relayBatchSize = b.relayBatchSize;
    this.relayWorkers = b.relayWorkers;
    this.healthInterval = b.healthInterval;
    this.tasks = List.copyOf(b.tasks);
    this.relayLagThreshold = b.relayLagThreshold;
    this.timerOverdueThreshold = b.timerOverdueThreshold;
    this.deadLetterWindow = b.deadLetterWindow;
    this.failureWindow = b.failureWindow;
    this.failureThreshold = b.failureThreshold;
    this.lastHealth =
        RuntimeHealth.of(
            List.of(new RuntimeHealth.Reason(RuntimeHealth.Kind.NOT_RUNNING, "runtime is NEW")),
            clock.instant());
  }

  /**
   * Starts a builder for a runtime over {@code engine} (and its store and clock) that hands
   * actions to {@code executor}.
   */
  public static Builder builder(JourneyEngine engine, ActionExecutor executor) {
    return new Builder(engine, executor);
  }

  /** The engine. */
  public JourneyEngine engine() {
    return engine;
  }

  /** The relay the runtime drives (for dead-letter handling it is the store that matters). */
  public OutboxRelay relay() {
    return relay;
  }

  /** The lifecycle state. */
  public State state() {
    return state.get();
  }

  /** Signals in flight right now (inside {@link #accept}). */
  public int inFlight() {
    return maxInFlight - intake.availablePermits();
  }

  /**
   * Starts the lanes: timers, the relay workers, health. Releases leases left by an earlier run of
   * the same instance first when a {@link Builder#leaseRelease} is configured.
   *
   * @throws IllegalStateException when already started or closed
   */
  public void start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("start() needs a NEW runtime, but it is " + state.get());
    }
    leaseRelease.ifPresent(
        release -> {
          int released = release.getAsInt();
          if (released > 0) {
            LOG.info("released {} leases left by an earlier run", released);
          }
        });
    synchronized (healthLock) {
      deadLetterCount = -1;
    }
    lanes.add(scheduler.repeat("timers", timerInterval, this::timerTick));
    for (int i = 0; i < relayWorkers; i++) {
      lanes.add(scheduler.repeat("relay-" + i, relayInterval, this::relayTick));
    }
    lanes.add(scheduler.repeat("health", healthInterval, this::health));
    for (Task task : tasks) {
      lanes.add(scheduler.repeat(task.name(), task.interval(), () -> runTask(task)));
    }
    LOG.info(
        "journey runtime started: maxInFlight {}, {} relay workers, timers every {}",
        maxInFlight,
        relayWorkers,
        timerInterval);
  }

  /**
   * Runs {@code signal} through the engine and returns once it is committed (or recognised as a
   * duplicate, rejected or parked, all of which are committed too).
   *
   * @throws IntakeFullException when {@link Builder#maxInFlight} signals are in flight (at once
   *     under {@link IntakePolicy#REFUSE}, after {@link Builder#blockTimeout} under {@link
   *     IntakePolicy#BLOCK}); nothing was written
   * @throws RuntimeNotRunningException when the runtime is not {@link State#RUNNING}; nothing was
   *     written
   * @throws dev.journey.core.JourneyException what {@link JourneyEngine#accept} throws
   */
  public SignalResult accept(Signal signal) {
    return accept(signal, List.of());
  }

  /**
   * Runs {@code signal} and the aliases it carries through the engine's identity step and the
   * engine ({@link JourneyEngine#accept(Signal, List)}), as {@link #accept(Signal)} does.
   *
   * @throws IllegalStateException when aliases are given and the engine has no identity step
   */
  public SignalResult accept(Signal signal, List<dev.journey.core.Alias> aliases) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(aliases, "aliases");
    checkRunning(signal);
    if (!acquire()) {
      IntakeFullException full = new IntakeFullException(signal.id(), maxInFlight, policy, retryAfter);
      listeners.refused(signal, full);
      throw full;
    }
    try {
      checkRunning(signal);
      long start = nanoTime.getAsLong();
      SignalResult result = aliases.isEmpty() ? engine.accept(signal) : engine.accept(signal, aliases);
      listeners.accepted(result, nanoTime.getAsLong() - start);
      return result;
    } finally {
      intake.release();
    }
  }

  private void checkRunning(Signal signal) {
    State s = state.get();
    if (s != State.RUNNING) {
      RuntimeNotRunningException e = new RuntimeNotRunningException(signal.id(), s, retryAfter);
      listeners.refused(signal, e);
      throw e;
    }
  }

  private boolean acquire() {
    if (policy == IntakePolicy.REFUSE || blockTimeout.isZero()) {
      return intake.tryAcquire();
    }
    try {
      return intake.tryAcquire(blockTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean running() {
    return state.get() == State.RUNNING;
  }

  private void timerTick() {
    try {
      for (int step = 0; step < MAX_STEPS_PER_TICK && running(); step++) {
        if (engine.fireDueTimersUpTo(timerBatchSize) < timerBatchSize) {
          return;
        }
      }
    } catch (RuntimeException e) {
      laneFailed("timers", e);
    }
  }

  private void relayTick() {
    try {
      for (int step = 0; step < MAX_STEPS_PER_TICK && running(); step++) {
        relayBusySince = clock.instant();
        int attempted;
        try {
          attempted = relay.runOnce();
        } finally {
          relayBusySince = null;
        }
        if (attempted == 0) {
          executor.idle();
          return;
        }
        if (attempted < relayBatchSize) {
          return;
        }
      }
    } catch (RuntimeException e) {
      laneFailed("relay", e);
    }
  }

  private void runTask(Task task) {
    if (!running()) {
      return;
    }
    try {
      task.task().run();
    } catch (RuntimeException e) {
      laneFailed(task.name(), e);
    }
  }

  /** A periodic task of the runtime's loop, on its own lane. */
  private record Task(String name, Duration interval, Runnable task) {}

  private void laneFailed(String lane, RuntimeException e) {
    LOG.warn("{} lane failed ({}); it runs again at its next interval", lane, e.getClass().getName(), e);
    listeners.laneFailed(lane, e);
  }

  /**
   * Computes the health now: probes the store (earliest pending timer, dead letters) and looks at
   * the relay's lag and the executor's recent failures. Cheap enough for a health endpoint; the
   * {@code health} lane also runs it every {@link Builder#healthInterval} so that dead-letter
   * growth is tracked and listeners hear of changes.
   */
  public RuntimeHealth health() {
    synchronized (healthLock) {
      Instant now = clock.instant();
      List<RuntimeHealth.Reason> reasons = new ArrayList<>();
      State s = state.get();
      if (s != State.RUNNING) {
        reasons.add(new RuntimeHealth.Reason(RuntimeHealth.Kind.NOT_RUNNING, "runtime is " + s));
      }
      try {
        Optional<Instant> nextDue = store.nextTimerDue();
        if (nextDue.isPresent()) {
          Duration overdue = Duration.between(nextDue.get(), now);
          if (overdue.compareTo(timerOverdueThreshold) > 0) {
            reasons.add(
                reason(
                    RuntimeHealth.Kind.TIMERS_OVERDUE,
                    "earliest pending timer overdue by %s (threshold %s)",
                    overdue,
                    timerOverdueThreshold));
          }
        }
        int dead = store.deadLetters().size();
        if (deadLetterCount >= 0 && dead > deadLetterCount) {
          deadLettersGrewAt = now;
        }
        deadLetterCount = dead;
        if (deadLettersGrewAt != null
            && Duration.between(deadLettersGrewAt, now).compareTo(deadLetterWindow) < 0) {
          reasons.add(
              reason(
                  RuntimeHealth.Kind.DEAD_LETTERS_GROWING,
                  "%d dead letters, the last new one seen at %s (window %s)",
                  dead,
                  deadLettersGrewAt,
                  deadLetterWindow));
        }
      } catch (RuntimeException e) {
        reasons.add(
            reason(
                RuntimeHealth.Kind.STORE_UNREACHABLE,
                "store call failed: %s",
                e.getClass().getName()));
      }
      Duration lag = executor.lastReadyLag();
      Instant busy = relayBusySince;
      if (busy != null && Duration.between(busy, now).compareTo(lag) > 0) {
        lag = Duration.between(busy, now);
      }
      if (lag.compareTo(relayLagThreshold) > 0) {
        reasons.add(
            reason(
                RuntimeHealth.Kind.RELAY_LAG,
                "ready actions waited %s (threshold %s)",
                lag,
                relayLagThreshold));
      }
      int[] failures = executor.failuresSince(now.minus(failureWindow));
      if (failures[0] >= MIN_FAILURES && failures[0] >= failureThreshold * failures[1]) {
        reasons.add(
            reason(
                RuntimeHealth.Kind.EXECUTOR_FAILING,
                "executor failed %d of %d attempts in the last %s (threshold %.0f%%)",
                failures[0],
                failures[1],
                failureWindow,
                failureThreshold * 100));
      }
      RuntimeHealth health = RuntimeHealth.of(reasons, now);
      RuntimeHealth previous = lastHealth;
      lastHealth = health;
      if (previous.status() != health.status()) {
        LOG.info("health {} -> {}: {}", previous.status(), health.status(), health.reasons());
        listeners.healthChanged(previous, health);
      }
      return health;
    }
  }

  private static RuntimeHealth.Reason reason(RuntimeHealth.Kind kind, String format, Object... args) {
    return new RuntimeHealth.Reason(kind, String.format(Locale.ROOT, format, args));
  }

  /** {@link #close(Duration)} with {@link #DEFAULT_DRAIN_DEADLINE}. */
  @Override
  public void close() {
    close(DEFAULT_DRAIN_DEADLINE);
  }

  /**
   * Stops: refuses new signals, waits up to {@code drainDeadline} (real time) for in-flight
   * signals to commit and for the lanes to finish the batch in progress, then hands back the
   * leases through {@link Builder#leaseRelease} and releases the scheduler it created. A second
   * call returns the first call's report.
   *
   * @return what the drain achieved
   */
  public StopReport close(Duration drainDeadline) {
    Objects.requireNonNull(drainDeadline, "drainDeadline");
    if (state.compareAndSet(State.NEW, State.CLOSED)) {
      stopReport = new StopReport(true, 0, 0, 0);
      return stopReport;
    }
    if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
      synchronized (this) {
        return stopReport != null ? stopReport : new StopReport(false, 0, 0, 0);
      }
    }
    synchronized (this) {
      long deadline = System.nanoTime() + Math.max(0, drainDeadline.toNanos());
      int abandoned = 0;
      int busy = 0;
      try {
        if (!intake.tryAcquire(maxInFlight, remaining(deadline), TimeUnit.NANOSECONDS)) {
          abandoned = inFlight();
        } else {
          intake.release(maxInFlight);
        }
        for (RuntimeScheduler.Lane lane : lanes) {
          lane.cancel();
        }
        for (RuntimeScheduler.Lane lane : lanes) {
          if (!lane.awaitIdle(Duration.ofNanos(remaining(deadline)))) {
            busy++;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        busy = lanes.size();
      }
      int released = 0;
      if (leaseRelease.isPresent()) {
        try {
          released = leaseRelease.get().getAsInt();
        } catch (RuntimeException e) {
          LOG.warn("releasing leases failed; they expire with their lease", e);
        }
      }
      if (ownsScheduler) {
        scheduler.shutdown();
      }
      state.set(State.CLOSED);
      stopReport = new StopReport(abandoned == 0 && busy == 0, abandoned, busy, released);
      LOG.info("journey runtime stopped: {}", stopReport);
      health();
      return stopReport;
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  /**
   * Configures a {@link JourneyRuntime}. Setters validate immediately. Not thread-safe; the built
   * runtime is independent of the builder.
   */
  public static final class Builder {
    private final JourneyEngine engine;
    private final ActionExecutor executor;
    private final Map<ActionKind, RoutingExecutor.Route> routes = new EnumMap<>(ActionKind.class);
    private RuntimeScheduler scheduler;
    private IntSupplier leaseRelease;
    private final List<RuntimeListener> listeners = new ArrayList<>();
    private LongSupplier nanoTime = System::nanoTime;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private IntakePolicy policy = DEFAULT_INTAKE_POLICY;
    private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
    private Duration retryAfter = DEFAULT_RETRY_AFTER;
    private Duration timerInterval = DEFAULT_TIMER_INTERVAL;
    private int timerBatchSize = DEFAULT_TIMER_BATCH_SIZE;
    private Duration relayInterval = DEFAULT_RELAY_INTERVAL;
    private int relayBatchSize = DEFAULT_RELAY_BATCH_SIZE;
    private int relayWorkers = DEFAULT_RELAY_WORKERS;
    private Consumer<OutboxRelay.Builder> relayCustomizer = r -> {};
    private final List<Task> tasks = new ArrayList<>();
    private Duration healthInterval = DEFAULT_HEALTH_INTERVAL;
    private Duration relayLagThreshold = DEFAULT_RELAY_LAG_THRESHOLD;
    private Duration timerOverdueThreshold = DEFAULT_TIMER_OVERDUE_THRESHOLD;
    private Duration deadLetterWindow = DEFAULT_DEAD_LETTER_WINDOW;
    private Duration failureWindow = DEFAULT_FAILURE_WINDOW;
    private double failureThreshold = DEFAULT_FAILURE_THRESHOLD;

    Builder(JourneyEngine engine, ActionExecutor executor) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Runs {@code task} on a lane of its own every {@code interval} while the runtime runs (e.g. a
     * guarded rollout's check, {@code RolloutGuard::check}); domain time is the engine's clock, as
     * for the other lanes. An exception is logged and reported to listeners as a lane failure, and
     * the task runs again at its next interval.
     *
     * @throws IllegalArgumentException when the name is blank or taken (by another task or by
     *     {@code timers}, {@code health} or a {@code relay-} lane), or the interval is not positive
     */
    public Builder task(String name, Duration interval, Runnable task) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(task, "task");
      if (name.isBlank() || name.equals("timers") || name.equals("health") || name.startsWith("relay-")
          || tasks.stream().anyMatch(t -> t.name().equals(name))) {
        throw new IllegalArgumentException(
            "task name must be non-blank and not taken (timers, health, relay-*, "
                + tasks.stream().map(Task::name).toList() + "), but was '" + name + "'");
      }
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("task interval must be > 0, but was " + interval);
      }
      tasks.add(new Task(name, interval, task));
      return this;
    }

    /**
     * Where the lanes run; default {@link RuntimeScheduler#threads} with prefix {@code journey},
     * created by the runtime and shut down by {@link JourneyRuntime#close}. A scheduler passed
     * here belongs to the caller.
     */
    public Builder scheduler(RuntimeScheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Hands back the leases this instance holds in the store, returning how many; called at
     * {@link JourneyRuntime#start()} (leases left by a crash of this instance) and at the end of
     * {@link JourneyRuntime#close}. For the JDBC store: {@code store::releaseLeases}.
     */
    public Builder leaseRelease(IntSupplier release) {
      this.leaseRelease = Objects.requireNonNull(release, "release");
      return this;
    }

    /** Adds a listener. */
    public Builder listener(RuntimeListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** The source of nanoseconds for the latencies reported to listeners; default {@link System#nanoTime}. */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * How many signals may be in {@link JourneyRuntime#accept} at once; default {@link
     * #DEFAULT_MAX_IN_FLIGHT}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxInFlight(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxInFlight must be >= 1, but was " + max);
      }
      this.maxInFlight = max;
      return this;
    }

    /** What a full intake does; default {@link #DEFAULT_INTAKE_POLICY}. */
    public Builder intakePolicy(IntakePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The longest wait for an intake slot under {@link IntakePolicy#BLOCK}; default {@link
     * #DEFAULT_BLOCK_TIMEOUT}.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder blockTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("blockTimeout must be >= 0, but was " + timeout);
      }
      this.blockTimeout = timeout;
      return this;
    }

    /**
     * The wait advised to refused callers ({@link IntakeFullException#retryAfter()}); default
     * {@link #DEFAULT_RETRY_AFTER}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder retryAfter(Duration wait) {
      this.retryAfter = positive(wait, "retryAfter");
      return this;
    }

    /**
     * The pause between timer polls; default {@link #DEFAULT_TIMER_INTERVAL}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder timerInterval(Duration interval) {
      this.timerInterval = positive(interval, "timerInterval");
      return this;
    }

    /**
     * Timers fired per step; default {@link #DEFAULT_TIMER_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder timerBatchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("timerBatchSize must be >= 1, but was " + size);
      }
      this.timerBatchSize = size;
      return this;
    }

    /**
     * The pause between relay polls of each worker; default {@link #DEFAULT_RELAY_INTERVAL}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder relayInterval(Duration interval) {
      this.relayInterval = positive(interval, "relayInterval");
      return this;
    }

    /**
     * Actions claimed per relay step; default {@link #DEFAULT_RELAY_BATCH_SIZE}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder relayBatchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("relayBatchSize must be >= 1, but was " + size);
      }
      this.relayBatchSize = size;
      return this;
    }

    /**
     * Relay workers, each on its own lane: the most executor calls in progress at once; default
     * {@link #DEFAULT_RELAY_WORKERS}.
     *
     * @throws IllegalArgumentException when outside [1, 64]
     */
    public Builder relayWorkers(int workers) {
      if (workers < 1 || workers > 64) {
        throw new IllegalArgumentException("relayWorkers must be within [1, 64], but was " + workers);
      }
      this.relayWorkers = workers;
      return this;
    }

    /**
     * Hands actions of {@code kind} to {@code executor} instead of the default one, with at most
     * {@code maxConcurrency} calls in progress at once. When it is at its limit, its actions are
     * deferred by one {@link #relayInterval} (not counted as failed attempts) and the relay worker
     * goes on with other executors' actions, so a slow executor holds at most {@code
     * maxConcurrency} workers. Register one executor for several kinds by calling this once per
     * kind with the same executor: they share one limit (the first call's).
     *
     * @throws IllegalArgumentException when {@code maxConcurrency} is below 1
     * @throws IllegalStateException when {@code kind} already has an executor
     */
    public Builder executor(ActionKind kind, ActionExecutor executor, int maxConcurrency) {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(executor, "executor");
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("maxConcurrency must be >= 1, but was " + maxConcurrency);
      }
      RoutingExecutor.Route existing = routes.get(kind);
      if (existing != null) {
        throw new IllegalStateException(
            "kind " + kind + " already has an executor (" + existing.name + ")");
      }
      RoutingExecutor.Route shared = null;
      for (RoutingExecutor.Route r : routes.values()) {
        if (r.executor == executor) {
          shared = r;
        }
      }
      routes.put(
          kind,
          shared != null
              ? shared
              : new RoutingExecutor.Route(kind.name().toLowerCase(Locale.ROOT), executor, maxConcurrency));
      return this;
    }

    /**
     * Further relay settings (attempts, backoff, jitter, lease, deferral); the runtime sets the
     * relay's clock (the engine's) and batch size ({@link #relayBatchSize}) itself.
     */
    public Builder relay(Consumer<OutboxRelay.Builder> customizer) {
      this.relayCustomizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * The pause between health checks; default {@link #DEFAULT_HEALTH_INTERVAL}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder healthInterval(Duration interval) {
      this.healthInterval = positive(interval, "healthInterval");
      return this;
    }

    /**
     * How long ready actions may wait before health is degraded; default {@link
     * #DEFAULT_RELAY_LAG_THRESHOLD}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder relayLagThreshold(Duration threshold) {
      this.relayLagThreshold = positive(threshold, "relayLagThreshold");
      return this;
    }

    /**
     * How overdue the earliest timer may be before health is degraded; default {@link
     * #DEFAULT_TIMER_OVERDUE_THRESHOLD}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder timerOverdueThreshold(Duration threshold) {
      this.timerOverdueThreshold = positive(threshold, "timerOverdueThreshold");
      return this;
    }

    /**
     * How long a new dead letter keeps health degraded; default {@link
     * #DEFAULT_DEAD_LETTER_WINDOW}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder deadLetterWindow(Duration window) {
      this.deadLetterWindow = positive(window, "deadLetterWindow");
      return this;
    }

    /**
     * The window of executor attempts health looks at; default {@link #DEFAULT_FAILURE_WINDOW}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder failureWindow(Duration window) {
      this.failureWindow = positive(window, "failureWindow");
      return this;
    }

    /**
     * The share of failed attempts in the window (with at least 3 failures) that degrades health;
     * default {@link #DEFAULT_FAILURE_THRESHOLD}.
     *
     * @throws IllegalArgumentException when outside (0, 1]
     */
    public Builder failureThreshold(double share) {
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException("failureThreshold must be within (0, 1], but was " + share);
      }
      this.failureThreshold = share;
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be > 0, but was " + d);
      }
      return d;
    }

    /** Builds the runtime (not started). */
    public JourneyRuntime build() {
      return new JourneyRuntime(this);
    }
  }
}
