package dev.journey.core.runtime;

import dev.journey.core.JourneyException;
import java.time.Duration;
import java.util.Locale;

/**
 * The runtime refused a signal because its intake was full. Nothing was written: the caller still
 * owns the signal and should deliver it again after {@link #retryAfter()} (a webhook handler
 * answers {@code 503} with a {@code Retry-After} header).
 */
public final class IntakeFullException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String signalId;
  private final int maxInFlight;
  private final transient Duration retryAfter;

  IntakeFullException(String signalId, int maxInFlight, IntakePolicy policy, Duration retryAfter) {
    super(
        String.format(
            Locale.ROOT,
            "intake full: signal %s refused, %d signals already in flight (maxInFlight %d, policy"
                + " %s); nothing was written, deliver it again after %s",
            signalId,
            maxInFlight,
            maxInFlight,
            policy,
            retryAfter));
    this.signalId = signalId;
    this.maxInFlight = maxInFlight;
    this.retryAfter = retryAfter;
  }

  /** The refused signal's id. */
  public String signalId() {
    return signalId;
  }

  /** The intake's bound. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** How long the caller should wait before delivering the signal again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
