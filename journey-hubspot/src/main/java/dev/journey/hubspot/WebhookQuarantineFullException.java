package dev.journey.hubspot;

import dev.journey.core.JourneyException;

/** An in-memory {@link WebhookQuarantine} is full; the event was not kept. */
public final class WebhookQuarantineFullException extends JourneyException {
  private static final long serialVersionUID = 1L;

  WebhookQuarantineFullException(int capacity, String id) {
    super("webhook quarantine must keep at most " + capacity + " events, but is full; not kept: " + id
        + " (inspect, re-submit or remove quarantined events)");
  }
}
