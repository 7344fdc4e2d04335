package dev.journey.core.runtime;

import dev.journey.core.JourneyException;
import java.time.Duration;

/**
 * The runtime refused a signal without writing anything: the caller still owns it and should
 * deliver it again after {@link #retryAfter()}. A webhook handler answers {@code 503} with a
 * {@code Retry-After} header for it, instead of acknowledging or quarantining the event. The
 * reasons: {@link IntakeFullException} and {@link RuntimeNotRunningException}.
 */
public abstract class SignalRefusedException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String signalId;
  private final transient Duration retryAfter;

  SignalRefusedException(String message, String signalId, Duration retryAfter) {
    super(message);
    this.signalId = signalId;
    this.retryAfter = retryAfter;
  }

  /** The refused signal's id. */
  public String signalId() {
    return signalId;
  }

  /** How long the caller should wait before delivering the signal again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
