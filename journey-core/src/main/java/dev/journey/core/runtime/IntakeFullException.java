package dev.journey.core.runtime;

import java.time.Duration;
import java.util.Locale;

/**
 * The runtime refused a signal because its intake was full. Nothing was written: the caller still
 * owns the signal and should deliver it again after {@link #retryAfter()} (a webhook handler
 * answers {@code 503} with a {@code Retry-After} header).
 */
public final class IntakeFullException extends SignalRefusedException {
  private static final long serialVersionUID = 1L;

  private final int maxInFlight;

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
            retryAfter),
        signalId,
        retryAfter);
    this.maxInFlight = maxInFlight;
  }

  /** The intake's bound. */
  public int maxInFlight() {
    return maxInFlight;
  }
}
