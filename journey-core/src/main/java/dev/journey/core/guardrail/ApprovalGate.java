package dev.journey.core.guardrail;

import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Approval for high-impact actions: an {@link ActionExecutor} that wraps the real one. Actions
 * that are not high-impact pass straight through. A high-impact action is put in the {@link
 * #queue() approval queue} and reported as {@code retryAfter} until a person approves it (then
 * it is delegated), rejects it or lets it expire (then it fails permanently and is
 * dead-lettered by the relay).
 *
 * <pre>{@code
 * // compiled in ApprovalGateTest#should_build_the_gate_and_relay_its_javadoc_shows
 * ApprovalGate gate = ApprovalGate.builder(hubspotExecutor)
 *     .highImpact(ActionKind.UPDATE_DEAL_STAGE, ActionKind.RECYCLE)
 *     .expireAfter(Duration.ofHours(24))
 *     .recheckEvery(Duration.ofMinutes(5))
 *     .clock(clock)
 *     .build();
 * OutboxRelay relay = OutboxRelay.builder(store, gate).clock(clock).build();
 * gate.queue().approve(actionId, "manager-17");
 * }</pre>
 *
 * <p>Note that the relay counts each "waiting" attempt towards its maximum attempts: configure the
 * relay's attempts and backoff to cover {@code expireAfter}, or requeue a dead-lettered action
 * ({@code store.requeue}) after approving it. Thread-safe.
 */
public final class ApprovalGate implements ActionExecutor {
  /** Default time an action may wait for approval: 24 hours. */
  public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofHours(24);
  /** Default wait between checks of a pending approval: 5 minutes. */
  public static final Duration DEFAULT_RECHECK = Duration.ofMinutes(5);

  private final ActionExecutor delegate;
  private final Predicate<Action> highImpact;
  private final Duration recheck;
  private final Clock clock;
  private final ApprovalQueue queue;

  private ApprovalGate(Builder b) {
    this.delegate = b.delegate;
    this.highImpact = b.highImpact;
    this.recheck = b.recheck;
    this.clock = b.clock;
    this.queue = new ApprovalQueue(b.clock, b.expireAfter);
  }

  /** Starts a gate in front of {@code delegate}. */
  public static Builder builder(ActionExecutor delegate) {
    return new Builder(delegate);
  }

  /** The approval queue. */
  public ApprovalQueue queue() {
    return queue;
  }

  @Override
  public ExecutionResult execute(Action action, int attempt) {
    Objects.requireNonNull(action, "action");
    if (!highImpact.test(action)) {
      return delegate.execute(action, attempt);
    }
    Approval approval = queue.request(action);
    switch (approval.status()) {
      case APPROVED:
        return delegate.execute(action, attempt);
      case REJECTED:
        return ExecutionResult.permanent(
            "approval rejected by " + approval.decidedBy().orElseThrow() + ": "
                + approval.note().orElse(""));
      case EXPIRED:
        return ExecutionResult.permanent("approval expired at " + approval.expiresAt());
      default:
        Instant now = clock.instant();
        Duration left = Duration.between(now, approval.expiresAt());
        Duration wait = left.compareTo(recheck) < 0 ? left : recheck;
        return ExecutionResult.retryAfter(
            wait, "awaiting approval until " + approval.expiresAt());
    }
  }

  /**
   * Configures an {@link ApprovalGate}. Setters validate immediately; {@link #build()} requires
   * a high-impact rule. Not thread-safe.
   */
  public static final class Builder {
    private final ActionExecutor delegate;
    private Predicate<Action> highImpact;
    private Duration expireAfter = DEFAULT_EXPIRE_AFTER;
    private Duration recheck = DEFAULT_RECHECK;
    private Clock clock = Clock.systemUTC();

    Builder(ActionExecutor delegate) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Actions of these kinds need approval.
     *
     * @throws IllegalStateException when a high-impact rule was already set
     */
    public Builder highImpact(ActionKind first, ActionKind... more) {
      Set<ActionKind> kinds = EnumSet.of(Objects.requireNonNull(first, "first"), more);
      return highImpact(action -> kinds.contains(action.kind()));
    }

    /**
     * Actions matching {@code rule} need approval.
     *
     * @throws IllegalStateException when a high-impact rule was already set
     */
    public Builder highImpact(Predicate<Action> rule) {
      Objects.requireNonNull(rule, "rule");
      if (highImpact != null) {
        throw new IllegalStateException("highImpact was already set");
      }
      this.highImpact = rule;
      return this;
    }

    /**
     * How long an action may wait; default {@link #DEFAULT_EXPIRE_AFTER}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder expireAfter(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException("expireAfter must be > 0, but was " + duration);
      }
      this.expireAfter = duration;
      return this;
    }

    /**
     * The wait the gate asks for between checks; default {@link #DEFAULT_RECHECK}.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder recheckEvery(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      if (duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException("recheckEvery must be > 0, but was " + duration);
      }
      this.recheck = duration;
      return this;
    }

    /** The clock; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the gate.
     *
     * @throws IllegalStateException when no high-impact rule was set
     */
    public ApprovalGate build() {
      if (highImpact == null) {
        throw new IllegalStateException("an approval gate needs highImpact(...)");
      }
      return new ApprovalGate(this);
    }
  }
}
