package dev.journey.micrometer;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.action.ActionKind;
import dev.journey.core.decision.Decision;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.runtime.IntakeFullException;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeHealth;
import dev.journey.core.runtime.RuntimeListener;
import dev.journey.core.runtime.SignalRefusedException;
import dev.journey.core.feature.ScoreDrift;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.OutboxEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Journey's meters on a Micrometer {@link MeterRegistry}: register it as a {@link JourneyListener}
 * on the engine and as a {@link RuntimeListener} on the runtime, and let it sample the store's
 * outbox and dead letters. Names follow Micrometer's conventions (lower-case, dot-separated; a
 * Prometheus registry renders {@code journey.signals} as {@code journey_signals_total}).
 *
 * <p>Tag values are bounded: signal types beyond {@link Builder#maxSignalTypes} distinct values
 * are tagged {@code other}; rule sets are tagged {@code name:version}. No tag carries a subject,
 * an id or personal data.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * JourneyMeters meters = JourneyMeters.builder(registry).store(store, clock).build();
 * JourneyEngine engine = JourneyEngine.builder().definition(journey).store(store).listener(meters).build();
 * JourneyRuntime runtime = JourneyRuntime.builder(engine, executor).listener(meters).build();
 * meters.bind(runtime);
 * }</pre>
 */
public final class JourneyMeters implements JourneyListener, RuntimeListener {
  /** Default number of distinct signal types tagged by name: 64. */
  public static final int DEFAULT_MAX_SIGNAL_TYPES = 64;
  /** Default shortest time between two samples of the store: 10 seconds. */
  public static final Duration DEFAULT_SAMPLE_INTERVAL = Duration.ofSeconds(10);

  static final String OTHER = "other";
  static final String NONE = "none";

  private final MeterRegistry registry;
  private final Tags common;
  private final int maxSignalTypes;
  private final Set<String> signalTypes = ConcurrentHashMap.newKeySet();
  private final Counter duplicates;
  private final Counter conflicts;
  private final Timer timerLag;
  private final AtomicReference<RuntimeHealth.Status> health =
      new AtomicReference<>(RuntimeHealth.Status.DOWN);
  private final Optional<StoreSampler> sampler;
  private final Optional<ScoreDrift> drift;
  private final Set<String> driftGauges = ConcurrentHashMap.newKeySet();

  private JourneyMeters(Builder b) {
    this.drift = Optional.ofNullable(b.drift);
    this.registry = b.registry;
    this.common = b.common;
    this.maxSignalTypes = b.maxSignalTypes;
    this.duplicates =
        Counter.builder("journey.signals.duplicate")
            .description("signals recognised as already processed (redeliveries)")
            .tags(common)
            .register(registry);
    this.conflicts =
        Counter.builder("journey.commit.conflicts")
            .description("commits that conflicted with a concurrent change and were re-evaluated")
            .tags(common)
            .register(registry);
    this.timerLag =
        Timer.builder("journey.timer.lag")
            .description("how late timers fired: commit time minus due time")
            .tags(common)
            .publishPercentileHistogram()
            .register(registry);
    for (RuntimeHealth.Status status : RuntimeHealth.Status.values()) {
      Gauge.builder("journey.runtime.health", health, h -> h.get() == status ? 1 : 0)
          .description("1 for the runtime's current health status, 0 for the others")
          .tags(common.and("status", status.name().toLowerCase(Locale.ROOT)))
          .register(registry);
    }
    this.sampler =
        b.store == null
            ? Optional.empty()
            : Optional.of(new StoreSampler(b.store, b.clock, b.sampleInterval));
    sampler.ifPresent(this::registerStoreGauges);
  }

  /** Starts a builder registering on {@code registry}. */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(registry);
  }

  /** Registers the runtime's intake gauge ({@code journey.intake.in_flight}). */
  public JourneyMeters bind(JourneyRuntime runtime) {
    Objects.requireNonNull(runtime, "runtime");
    Gauge.builder("journey.intake.in_flight", runtime, JourneyRuntime::inFlight)
        .description("signals inside JourneyRuntime.accept right now")
        .tags(common)
        .register(registry);
    return this;
  }

  // ------------------------------------------------------------------ engine

  @Override
  public void onCommitted(AuditRecord record) {
    Signal signal = record.signal();
    Counter.builder("journey.signals")
        .description("signals committed, by type, outcome and deciding rule set")
        .tags(common)
        .tag("type", signalType(signal.type()))
        .tag("outcome", record.outcome().name().toLowerCase(Locale.ROOT))
        .tag("rule_set", ruleSet(record.decision()))
        .register(registry)
        .increment();
    if (signal.isTimer()) {
      Duration lag = Duration.between(signal.occurredAt(), record.recordedAt());
      timerLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }
    drift.ifPresent(d -> observe(d, record));
  }

  /** Counts the record's scores and registers a PSI gauge for each new series. */
  private void observe(ScoreDrift d, AuditRecord record) {
    if (record.outcome() != AuditRecord.Outcome.DECIDED || record.before().features().isEmpty()) {
      return;
    }
    d.observe(record.before().features(), record.decision().evaluatedAt());
    if (driftGauges.size() == d.keys().size()) {
      return;
    }
    for (String key : d.keys()) {
      if (driftGauges.add(key)) {
        int at = key.indexOf('@');
        int hash = key.indexOf('#');
        String set = key.substring(hash + 1);
        Gauge.builder("journey.features.score.psi", d, x -> x.psi(key).orElse(0))
            .description("population stability index of a score's distribution: the current window"
                + " against the first (per model version and feature set)")
            .tags(common)
            .tag("score", key.substring(0, at))
            .tag("version", key.substring(at + 1, hash))
            .tag("feature_set", set.length() > 12 ? set.substring(0, 12) : set)
            .register(registry);
      }
    }
  }

  @Override
  public void onDuplicate(String signalId) {
    duplicates.increment();
  }

  @Override
  public void onConflict(String signalId, int attempt) {
    conflicts.increment();
  }

  // ------------------------------------------------------------------ runtime

  @Override
  public void onAccepted(SignalResult result, long nanos) {
    Timer.builder("journey.decision.latency")
        .description("time of JourneyRuntime.accept: dedupe, evaluation, stages and the commit")
        .tags(common)
        .tag("outcome", result.status().name().toLowerCase(Locale.ROOT))
        .publishPercentileHistogram()
        .register(registry)
        .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onRefused(Signal signal, SignalRefusedException reason) {
    Counter.builder("journey.signals.refused")
        .description("signals the runtime refused: intake full or not running")
        .tags(common)
        .tag("reason", reason instanceof IntakeFullException ? "intake_full" : "not_running")
        .register(registry)
        .increment();
  }

  @Override
  public void onExecuted(OutboxEntry entry, ExecutionResult result, long nanos) {
    Counter.builder("journey.relay.attempts")
        .description("executor results by action kind and result (deferred: not an attempt)")
        .tags(common)
        .tag("kind", entry.action().kind().name().toLowerCase(Locale.ROOT))
        .tag("result", result(result))
        .register(registry)
        .increment();
  }

  @Override
  public void onLaneFailed(String lane, RuntimeException failure) {
    Counter.builder("journey.runtime.lane.failures")
        .description("ticks of a runtime lane that failed (usually the store)")
        .tags(common)
        .tag("lane", lane.startsWith("relay") ? "relay" : lane)
        .register(registry)
        .increment();
  }

  @Override
  public void onHealthChanged(RuntimeHealth previous, RuntimeHealth current) {
    health.set(current.status());
  }

  // ------------------------------------------------------------------ tags

  private String signalType(String type) {
    if (signalTypes.contains(type)) {
      return type;
    }
    if (signalTypes.size() < maxSignalTypes || SignalTypes.TIMER_FIRED.equals(type)) {
      signalTypes.add(type);
      return type;
    }
    return OTHER;
  }

  private static String ruleSet(Decision decision) {
    return decision.ruleSet().name() + ":" + decision.ruleSet().version();
  }

  static String result(ExecutionResult result) {
    if (result instanceof ExecutionResult.Done) {
      return "done";
    }
    if (result instanceof ExecutionResult.RetryAfter) {
      return "retry";
    }
    if (result instanceof ExecutionResult.Deferred) {
      return "deferred";
    }
    if (result instanceof ExecutionResult.Permanent) {
      return "permanent";
    }
    return "ambiguous";
  }

  /** The dead letter's reason as a bounded tag value, from the relay's wording. */
  static String deadLetterReason(String reason) {
    if (reason.startsWith("permanent failure")) {
      return "permanent";
    }
    if (reason.startsWith("gave up after")) {
      return "max_attempts";
    }
    if (reason.startsWith("deferred beyond")) {
      return "max_deferral";
    }
    return OTHER;
  }

  // ------------------------------------------------------------------ store

  private void registerStoreGauges(StoreSampler s) {
    Gauge.builder("journey.outbox.depth", s, x -> x.sample().depth)
        .description("actions waiting in the outbox, claimed or not")
        .tags(common)
        .register(registry);
    Gauge.builder("journey.outbox.age", s, x -> x.sample().oldestAgeSeconds)
        .description("age of the oldest action in the outbox (0 when empty)")
        .tags(common)
        .baseUnit("seconds")
        .register(registry);
    for (ActionKind kind : ActionKind.values()) {
      for (String reason : List.of("permanent", "max_attempts", "max_deferral", OTHER)) {
        String key = kind.name() + "/" + reason;
        Gauge.builder("journey.dead.letters", s, x -> x.sample().deadLetters.getOrDefault(key, 0))
            .description("dead letters by action kind and reason")
            .tags(common)
            .tag("kind", kind.name().toLowerCase(Locale.ROOT))
            .tag("reason", reason)
            .register(registry);
      }
    }
  }

  /** Samples the store at most once per interval of its clock: listing the outbox is not free. */
  private static final class StoreSampler {
    final JourneyStore store;
    final Clock clock;
    final Duration interval;
    Sample last;

    StoreSampler(JourneyStore store, Clock clock, Duration interval) {
      this.store = store;
      this.clock = clock;
      this.interval = interval;
    }

    synchronized Sample sample() {
      Instant now = clock.instant();
      if (last != null && Duration.between(last.at, now).compareTo(interval) < 0) {
        return last;
      }
      List<OutboxEntry> pending = store.pendingActions();
      Instant oldest = null;
      for (OutboxEntry e : pending) {
        if (oldest == null || e.createdAt().isBefore(oldest)) {
          oldest = e.createdAt();
        }
      }
      Map<String, Integer> dead = new HashMap<>();
      for (DeadLetter letter : store.deadLetters()) {
        dead.merge(
            letter.entry().action().kind().name() + "/" + deadLetterReason(letter.reason()),
            1,
            Integer::sum);
      }
      double age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
      last = new Sample(now, pending.size(), age, dead);
      return last;
    }
  }

  private static final class Sample {
    final Instant at;
    final int depth;
    final double oldestAgeSeconds;
    final Map<String, Integer> deadLetters;

    Sample(Instant at, int depth, double oldestAgeSeconds, Map<String, Integer> deadLetters) {
      this.at = at;
      this.depth = depth;
      this.oldestAgeSeconds = oldestAgeSeconds;
      this.deadLetters = deadLetters;
    }
  }

  /** Configures {@link JourneyMeters}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Tags common = Tags.empty();
    private int maxSignalTypes = DEFAULT_MAX_SIGNAL_TYPES;
    private JourneyStore store;
    private Clock clock = Clock.systemUTC();
    private Duration sampleInterval = DEFAULT_SAMPLE_INTERVAL;
    private ScoreDrift drift;

    Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Tags on every meter, as key/value pairs (e.g. {@code "journey", "lead-handoff"}).
     *
     * @throws IllegalArgumentException when given an odd number of strings
     */
    public Builder commonTags(String... keyValues) {
      Objects.requireNonNull(keyValues, "keyValues");
      if (keyValues.length % 2 != 0) {
        throw new IllegalArgumentException(
            "commonTags needs key/value pairs, but got " + keyValues.length + " strings");
      }
      this.common = Tags.of(keyValues);
      return this;
    }

    /**
     * How many distinct signal types get their own tag value before the rest are tagged {@code
     * other}; default {@link #DEFAULT_MAX_SIGNAL_TYPES}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxSignalTypes(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxSignalTypes must be >= 1, but was " + max);
      }
      this.maxSignalTypes = max;
      return this;
    }

    /**
     * The store to sample for the outbox and dead-letter gauges, with the clock ages are measured
     * on; without it those gauges are not registered.
     */
    public Builder store(JourneyStore store, Clock clock) {
      this.store = Objects.requireNonNull(store, "store");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The shortest time between two samples of the store (listing the outbox costs a query);
     * default {@link #DEFAULT_SAMPLE_INTERVAL}.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder sampleInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("sampleInterval must be >= 0, but was " + interval);
      }
      this.sampleInterval = interval;
      return this;
    }

    /**
     * The drift of score distributions to feed from every decided commit's features (their time:
     * the decision's, from the engine's clock) and to expose as the gauge {@code
     * journey.features.score.psi} (tags {@code score}, {@code version}, {@code feature_set}, the
     * first 12 digits of its hash), one per series.
     */
    public Builder scoreDrift(ScoreDrift drift) {
      this.drift = Objects.requireNonNull(drift, "drift");
      return this;
    }

    /** Builds the meters and registers the fixed ones. */
    public JourneyMeters build() {
      return new JourneyMeters(this);
    }
  }
}
