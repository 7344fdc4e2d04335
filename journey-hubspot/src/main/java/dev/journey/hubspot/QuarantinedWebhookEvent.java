package dev.journey.hubspot;

import java.time.Instant;
import java.util.Objects;

/**
 * A webhook event that was not turned into a stored signal, kept in a {@link WebhookQuarantine}
 * so that it can be inspected, fixed and {@link WebhookReceiver#resubmit re-submitted}.
 *
 * <p>The event text is the raw JSON object HubSpot sent with personal data removed: every {@code
 * propertyValue} of a property the receiver's mapping does not list as safe, and every string
 * that looks like an email address, is replaced by {@value #REDACTED}. The text is capped at
 * {@link #MAX_EVENT_CHARS} characters; a longer event is kept cut ({@code truncated}) and can be
 * inspected but not re-submitted.
 *
 * @param id stable id: the event's signal id when its identity fields were valid, otherwise
 *     {@code hubspot-invalid:} plus a hash of the raw event; a redelivery lands on the same id
 * @param kind why the event is here
 * @param reason what was wrong, in words (never a property value)
 * @param event the redacted raw event, at most {@link #MAX_EVENT_CHARS} characters
 * @param truncated whether {@code event} was cut to the cap
 * @param receivedAt when the receiver quarantined it, by its clock
 */
public record QuarantinedWebhookEvent(
    String id, Kind kind, String reason, String event, boolean truncated, Instant receivedAt) {
  /** Longest event text kept: 8,192 characters. */
  public static final int MAX_EVENT_CHARS = 8_192;
  /** The replacement for a value that may be personal data. */
  public static final String REDACTED = "[redacted]";

  /** Why an event was quarantined. */
  public enum Kind {
    /** The event broke the webhook shape (a missing or ill-typed field, a bad id). */
    INVALID_EVENT,
    /** The event was valid but the signal sink refused it. */
    SINK_FAILED
  }

  /** Validates. */
  public QuarantinedWebhookEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank, but was blank");
    }
    if (event.length() > MAX_EVENT_CHARS) {
      throw new IllegalArgumentException(
          "event must be at most " + MAX_EVENT_CHARS + " characters, but was " + event.length());
    }
  }

  /** Prints the id, kind and reason; the event text only as its length. */
  @Override
  public String toString() {
    return "QuarantinedWebhookEvent[id=" + id + ", kind=" + kind + ", reason=" + reason
        + ", event=" + event.length() + " chars" + (truncated ? " (truncated)" : "")
        + ", receivedAt=" + receivedAt + "]";
  }
}
