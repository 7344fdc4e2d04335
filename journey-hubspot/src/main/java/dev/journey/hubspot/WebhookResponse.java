package dev.journey.hubspot;

import dev.journey.core.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WebhookReceiver#handle} decided: the HTTP status and body to answer HubSpot with,
 * plus what happened to the events. HubSpot redelivers a batch that is not answered with 2xx, so
 * a non-2xx status here means "nothing of this batch was acknowledged".
 *
 * @param status the HTTP status to answer with (204 accepted, 400/401/405/413 rejected, 503 when
 *     the signal sink failed)
 * @param body a short plain-text body for the response (no personal data)
 * @param accepted the signals the sink accepted, in batch order
 * @param quarantined events of a valid batch that were invalid, with their reason
 * @param ignored how many events had a subscription type or property the mapping does not cover
 * @param rejection why the whole request was rejected, empty when it was accepted
 * @param retryAfter when HubSpot should try again, for a 503 because the intake refused a signal
 *     (backpressure); the HTTP adapter sends it as {@code Retry-After}
 */
public record WebhookResponse(
    int status,
    String body,
    List<Signal> accepted,
    List<QuarantinedEvent> quarantined,
    int ignored,
    Optional<Rejection> rejection,
    Optional<Duration> retryAfter) {

  /** Validates and copies. */
  public WebhookResponse {
    Objects.requireNonNull(body, "body");
    accepted = List.copyOf(accepted);
    quarantined = List.copyOf(quarantined);
    Objects.requireNonNull(rejection, "rejection");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** An answer without a retry time. */
  public WebhookResponse(
      int status,
      String body,
      List<Signal> accepted,
      List<QuarantinedEvent> quarantined,
      int ignored,
      Optional<Rejection> rejection) {
    this(status, body, accepted, quarantined, ignored, rejection, Optional.empty());
  }

  /** Returns {@code true} when the status is 2xx, i.e. HubSpot will not redeliver the batch. */
  public boolean acknowledged() {
    return status >= 200 && status < 300;
  }

  /**
   * Why a whole request was rejected.
   *
   * @param reason the kind of rejection
   * @param detail what exactly was wrong (never a header value, secret or body content)
   */
  public record Rejection(Reason reason, String detail) {
    /** Validates. */
    public Rejection {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** The kinds of whole-request rejection. */
  public enum Reason {
    /** Not a POST. */
    METHOD_NOT_ALLOWED,
    /** The body exceeds the configured cap. */
    BODY_TOO_LARGE,
    /** No signature header of an enabled version. */
    MISSING_SIGNATURE,
    /** The timestamp header is missing or not a number of epoch milliseconds. */
    INVALID_TIMESTAMP,
    /** The timestamp is older than the allowed age. */
    STALE_TIMESTAMP,
    /** The timestamp is further in the future than the allowed skew. */
    FUTURE_TIMESTAMP,
    /** The signature does not match. */
    BAD_SIGNATURE,
    /** The body is not a JSON array of events, or breaks the read limits. */
    MALFORMED_BODY,
    /** The signal sink threw; HubSpot should redeliver. */
    SINK_FAILED,
    /** The intake refused a signal (full, or not running); HubSpot should redeliver later. */
    BACKPRESSURE
  }
}
