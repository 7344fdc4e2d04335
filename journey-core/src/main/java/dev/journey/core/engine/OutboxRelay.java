package dev.journey.core.engine;

import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands committed outbox actions to an {@link ActionExecutor}, one subject's actions in order,
 * retrying transient and ambiguous failures with exponential backoff and jitter, and moving an
 * action to the dead letters after {@link Builder#maxAttempts} attempts or at once on a permanent
 * failure (the retries follow a {@link RetryPolicy}, as the Kafka actions-topic relay's do). Dead letters can be inspected, requeued with the same action id, or discarded through
 * the store.
 *
 * <p>Jitter is derived from the action id and attempt number rather than a random source, so a
 * run is reproducible under a virtual clock. Thread-safe if the store and executor are; usually
 * one relay thread calls {@link #runOnce()} in a loop.
 *
 * <pre>{@code
 * OutboxRelay relay = OutboxRelay.builder(engine.store(), executor).clock(clock).build();
 * relay.drain(); // everything ready now
 * }</pre>
 */
public final class OutboxRelay {
  /** Default attempts before dead-lettering: 8. */
  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  /** Default first backoff: 1 second. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  /** Default longest backoff: 1 hour. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofHours(1);
  /** Default jitter: ±20 % of the backoff. */
  public static final double DEFAULT_JITTER = 0.2;
  /** Default number of actions claimed at once: 100. */
  public static final int DEFAULT_BATCH_SIZE = 100;
  /** Default longest time an action may stay deferred after it was committed: 7 days. */
  public static final Duration DEFAULT_MAX_DEFERRAL = Duration.ofDays(7);
  /** Default claim lease: 5 minutes. */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

  private final JourneyStore store;
  private final ActionExecutor executor;
  private final Clock clock;
  private final RetryPolicy retry;
  private final int batchSize;
  private final Duration lease;
  private final Duration maxDeferral;

  private OutboxRelay(Builder b) {
    this.maxDeferral = b.maxDeferral;
    this.store = b.store;
    this.executor = b.executor;
    this.clock = b.clock;
    this.retry = new RetryPolicy(b.maxAttempts, b.initialBackoff, b.maxBackoff, b.jitter);
    this.batchSize = b.batchSize;
    this.lease = b.lease;
  }

  /** Starts a builder. */
  public static Builder builder(JourneyStore store, ActionExecutor executor) {
    return new Builder(store, executor);
  }

  /**
   * Claims the actions ready now (at most one per subject) and executes them.
   *
   * @return how many actions were attempted
   */
  public int runOnce() {
    Instant now = clock.instant();
    List<OutboxEntry> entries = store.claimActions(now, lease, batchSize);
    if (entries.isEmpty()) {
      return 0;
    }
    List<ExecutionResult> results;
    try {
      results = executor.executeAll(entries);
    } catch (RuntimeException e) {
      LOG.warn("executor failed for a batch of {}; treating all as ambiguous", entries.size(), e);
      results = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        results.add(ExecutionResult.ambiguous(e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
    }
    if (results.size() != entries.size()) {
      throw new IllegalStateException(
          "executor returned " + results.size() + " results for " + entries.size() + " actions");
    }
    for (int i = 0; i < entries.size(); i++) {
      handle(entries.get(i), results.get(i), now);
    }
    return entries.size();
  }

  /**
   * Calls {@link #runOnce()} until nothing is ready at the clock's current instant.
   *
   * @return how many attempts were made
   */
  public int drain() {
    int total = 0;
    for (int i = 0; i < 1_000_000; i++) {
      int n = runOnce();
      if (n == 0) {
        return total;
      }
      total += n;
    }
    return total;
  }

  private void handle(OutboxEntry entry, ExecutionResult result, Instant now) {
    if (result instanceof ExecutionResult.Done) {
      store.markDone(entry);
      return;
    }
    if (result instanceof ExecutionResult.Permanent permanent) {
      String reason = "permanent failure: " + permanent.reason();
      LOG.info("action {} dead-lettered: {}", entry.actionId(), entry.action().kind());
      store.deadLetter(entry.failedAttempt(now, reason), reason, now);
      return;
    }
    if (result instanceof ExecutionResult.Deferred deferred) {
      Instant next = now.plus(deferred.delay());
      if (next.isAfter(entry.createdAt().plus(maxDeferral))) {
        String why =
            String.format(
                Locale.ROOT,
                "deferred beyond %s after it was committed; last: %s",
                maxDeferral,
                deferred.reason());
        store.deadLetter(entry.deferredUntil(now, why), why, now);
      } else {
        store.retryLater(entry.deferredUntil(next, deferred.reason()));
      }
      return;
    }
    String reason = RetryPolicy.reason(result);
    int attempts = entry.attempts() + 1;
    java.util.Optional<Duration> wait = retry.nextWait(entry.actionId(), attempts, result);
    if (wait.isEmpty()) {
      String why =
          String.format(Locale.ROOT, "gave up after %d attempts; last: %s", attempts, reason);
      LOG.info("action {} dead-lettered after {} attempts", entry.actionId(), attempts);
      store.deadLetter(entry.failedAttempt(now, why), why, now);
      return;
    }
    store.retryLater(entry.failedAttempt(now.plus(wait.get()), reason));
  }

  /** The wait before attempt {@code attempts + 1}: exponential, capped, with stable jitter. */
  Duration backoff(String actionId, int attempts) {
    return retry.backoff(actionId, attempts);
  }

  /** Configures an {@link OutboxRelay}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private final JourneyStore store;
    private final ActionExecutor executor;
    private Clock clock = Clock.systemUTC();
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private double jitter = DEFAULT_JITTER;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Duration lease = DEFAULT_LEASE;
    private Duration maxDeferral = DEFAULT_MAX_DEFERRAL;

    Builder(JourneyStore store, ActionExecutor executor) {
      this.store = Objects.requireNonNull(store, "store");
      this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The clock; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Attempts before dead-lettering; default {@link #DEFAULT_MAX_ATTEMPTS}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, but was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * The first backoff, doubled per attempt up to {@link #maxBackoff}.
     *
     * @throws IllegalArgumentException when not positive or above the max backoff
     */
    public Builder initialBackoff(Duration backoff) {
      Objects.requireNonNull(backoff, "backoff");
      if (backoff.isNegative() || backoff.isZero()) {
        throw new IllegalArgumentException("initialBackoff must be > 0, but was " + backoff);
      }
      if (backoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException(
            "initialBackoff must be <= maxBackoff (" + maxBackoff + "), but was " + backoff);
      }
      this.initialBackoff = backoff;
      return this;
    }

    /**
     * The longest backoff.
     *
     * @throws IllegalArgumentException when below the initial backoff
     */
    public Builder maxBackoff(Duration backoff) {
      Objects.requireNonNull(backoff, "backoff");
      if (backoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            "maxBackoff must be >= initialBackoff (" + initialBackoff + "), but was " + backoff);
      }
      this.maxBackoff = backoff;
      return this;
    }

    /**
     * The jitter fraction, 0 to 1.
     *
     * @throws IllegalArgumentException when outside [0, 1]
     */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("jitter must be within [0, 1], but was " + fraction);
      }
      this.jitter = fraction;
      return this;
    }

    /**
     * Actions claimed per {@link OutboxRelay#runOnce()}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder batchSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("batchSize must be >= 1, but was " + size);
      }
      this.batchSize = size;
      return this;
    }

    /**
     * How long a claimed action is reserved for this relay.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder lease(Duration lease) {
      Objects.requireNonNull(lease, "lease");
      if (lease.isNegative() || lease.isZero()) {
        throw new IllegalArgumentException("lease must be > 0, but was " + lease);
      }
      this.lease = lease;
      return this;
    }

    /**
     * How long after its commit an action may keep being {@linkplain ExecutionResult#deferred
     * deferred} before it is dead-lettered; default {@link #DEFAULT_MAX_DEFERRAL}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxDeferral(Duration deferral) {
      Objects.requireNonNull(deferral, "deferral");
      if (deferral.isNegative() || deferral.isZero()) {
        throw new IllegalArgumentException("maxDeferral must be > 0, but was " + deferral);
      }
      this.maxDeferral = deferral;
      return this;
    }

    /** Builds the relay. */
    public OutboxRelay build() {
      return new OutboxRelay(this);
    }
  }
}
