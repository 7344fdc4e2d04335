package dev.journey.core.engine;

import dev.journey.core.JourneyException;
import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneySnapshot;
import java.util.Objects;

/**
 * What {@link JourneyEngine#accept} did with a signal: one of {@link Decided}, {@link Duplicate},
 * {@link Rejected}, {@link StaleTimer} or {@link Parked}. Immutable; no component is ever null.
 *
 * <p>{@code toString()} prints the kind and the signal id, not the reason (reasons may quote
 * values).
 *
 * <p>Match a result with {@code instanceof} patterns ({@code if (result instanceof
 * SignalResult.Decided d) ...}) or switch on {@link #status()} (Java 17 has no pattern switch).
 */
public sealed interface SignalResult {

  /** The outcome, one constant per permitted record, for {@code switch} and metric tags. */
  enum Status {
    /** Evaluated and committed: {@link Decided}. */
    DECIDED,
    /** The signal id was processed before; nothing happened: {@link Duplicate}. */
    DUPLICATE,
    /** The decision was rejected (illegal transition, unknown state) and audited: {@link Rejected}. */
    REJECTED,
    /**
     * A timer firing of a generation no longer pending; recorded, nothing evaluated: {@link
     * StaleTimer}.
     */
    STALE_TIMER,
    /** Parked by loop protection and audited; nothing applied: {@link Parked}. */
    PARKED
  }

  /** The signal. */
  Signal signal();

  /** The outcome. */
  Status status();

  /**
   * The signal was evaluated and its decision committed.
   *
   * @param signal the signal
   * @param decision the committed decision (owners bound, stages applied)
   * @param snapshot the subject's snapshot after the commit
   */
  record Decided(Signal signal, Decision decision, JourneySnapshot snapshot)
      implements SignalResult {
    /** Checks that no component is null. */
    public Decided {
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(snapshot, "snapshot");
    }

    @Override
    public Status status() {
      return Status.DECIDED;
    }

    @Override
    public String toString() {
      return "SignalResult.Decided[" + signal.id() + "]";
    }
  }

  /**
   * The signal id was processed before with the same content; nothing was evaluated or written.
   *
   * @param signal the redelivered signal
   */
  record Duplicate(Signal signal) implements SignalResult {
    /** Checks that the signal is not null. */
    public Duplicate {
      Objects.requireNonNull(signal, "signal");
    }

    @Override
    public Status status() {
      return Status.DUPLICATE;
    }

    @Override
    public String toString() {
      return "SignalResult.Duplicate[" + signal.id() + "]";
    }
  }

  /**
   * The decision was rejected (an illegal transition, an unknown state, an oversize snapshot) and
   * audited; nothing of it was applied (a fired timer is still completed).
   *
   * @param signal the signal
   * @param decision the rejected decision, as audited
   * @param snapshot the subject's snapshot after the commit
   * @param cause the typed reason ({@link dev.journey.core.IllegalTransitionException}, {@link
   *     dev.journey.core.UnknownStateException}, {@link dev.journey.core.InvalidValueException})
   */
  record Rejected(Signal signal, Decision decision, JourneySnapshot snapshot, JourneyException cause)
      implements SignalResult {
    /** Checks that no component is null. */
    public Rejected {
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(cause, "cause");
    }

    /** The rejection reason, as written to the audit: the cause's message. */
    public String reason() {
      return cause.getMessage();
    }

    @Override
    public Status status() {
      return Status.REJECTED;
    }

    @Override
    public String toString() {
      return "SignalResult.Rejected[" + signal.id() + ", " + cause.getClass().getSimpleName() + "]";
    }
  }

  /**
   * A timer firing of a generation that is no longer pending: recorded in the inbox and audit,
   * nothing evaluated.
   *
   * @param signal the timer signal
   * @param decision the no-op decision, as audited
   * @param snapshot the subject's unchanged snapshot
   * @param reason why the firing is stale (name, generation, what is pending)
   */
  record StaleTimer(Signal signal, Decision decision, JourneySnapshot snapshot, String reason)
      implements SignalResult {
    /** Checks that no component is null. */
    public StaleTimer {
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Status status() {
      return Status.STALE_TIMER;
    }

    @Override
    public String toString() {
      return "SignalResult.StaleTimer[" + signal.id() + "]";
    }
  }

  /**
   * Parked by a stage (loop protection) and audited; nothing of the decision was applied (a fired
   * timer is still completed).
   *
   * @param signal the signal
   * @param decision the parked decision, as audited
   * @param snapshot the subject's snapshot after the commit
   * @param reason why the stage parked it
   */
  record Parked(Signal signal, Decision decision, JourneySnapshot snapshot, String reason)
      implements SignalResult {
    /** Checks that no component is null. */
    public Parked {
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(snapshot, "snapshot");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public Status status() {
      return Status.PARKED;
    }

    @Override
    public String toString() {
      return "SignalResult.Parked[" + signal.id() + "]";
    }
  }
}
