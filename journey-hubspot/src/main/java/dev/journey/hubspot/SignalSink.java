package dev.journey.hubspot;

import dev.journey.core.Signal;

/**
 * Where a {@link WebhookReceiver} hands the signals; typically {@code engine::accept}. It must
 * return only after the signal is durably stored (or known to be a duplicate) and throw
 * otherwise: the receiver acknowledges a batch to HubSpot only after every signal was accepted.
 */
@FunctionalInterface
public interface SignalSink {
  /**
   * Accepts one signal.
   *
   * @param signal the signal
   */
  void accept(Signal signal);
}
