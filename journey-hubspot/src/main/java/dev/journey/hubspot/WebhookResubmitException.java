package dev.journey.hubspot;

import dev.journey.core.JourneyException;

/** A quarantined webhook event cannot be re-submitted: unknown id, or its text was truncated. */
public final class WebhookResubmitException extends JourneyException {
  private static final long serialVersionUID = 1L;

  WebhookResubmitException(String id, String why) {
    super("quarantined webhook event " + id + " cannot be re-submitted: " + why);
  }
}
