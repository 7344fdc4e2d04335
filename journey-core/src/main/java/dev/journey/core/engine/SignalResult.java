package dev.journey.core.engine;

import dev.journey.core.JourneyException;
import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneySnapshot;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JourneyEngine#accept} did with a signal. Immutable.
 */
public final class SignalResult {

  /** The outcome. */
  public enum Status {
    /** Evaluated and committed. */
    DECIDED,
    /** The signal id was processed before; nothing happened. */
    DUPLICATE,
    /** The decision was rejected (illegal transition, unknown state) and audited. */
    REJECTED,
    /** A timer firing of a generation no longer pending; recorded, nothing evaluated. */
    STALE_TIMER,
    /** Parked by loop protection and audited; nothing applied. */
    PARKED
  }

  private final Status status;
  private final Signal signal;
  private final Decision decision;
  private final JourneySnapshot snapshot;
  private final String error;
  private final JourneyException rejection;

  SignalResult(
      Status status, Signal signal, Decision decision, JourneySnapshot snapshot, String error) {
    this(status, signal, decision, snapshot, error, null);
  }

  SignalResult(
      Status status,
      Signal signal,
      Decision decision,
      JourneySnapshot snapshot,
      String error,
      JourneyException rejection) {
    this.rejection = rejection;
    this.status = Objects.requireNonNull(status, "status");
    this.signal = Objects.requireNonNull(signal, "signal");
    this.decision = decision;
    this.snapshot = snapshot;
    this.error = Objects.requireNonNull(error, "error");
  }

  /** The outcome. */
  public Status status() {
    return status;
  }

  /** The signal. */
  public Signal signal() {
    return signal;
  }

  /** The committed decision; empty for a duplicate. */
  public Optional<Decision> decision() {
    return Optional.ofNullable(decision);
  }

  /** The subject's snapshot after the commit; empty for a duplicate. */
  public Optional<JourneySnapshot> snapshot() {
    return Optional.ofNullable(snapshot);
  }

  /**
   * The typed reason a decision was rejected ({@link dev.journey.core.IllegalTransitionException},
   * {@link dev.journey.core.UnknownStateException}); empty unless {@link Status#REJECTED}.
   */
  public Optional<JourneyException> rejection() {
    return Optional.ofNullable(rejection);
  }

  /** The rejection or parking reason; empty otherwise. */
  public String error() {
    return error;
  }

  @Override
  public String toString() {
    return "SignalResult[" + status + ", " + signal.id() + (error.isEmpty() ? "" : ", " + error) + "]";
  }
}
