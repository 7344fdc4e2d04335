package dev.journey.hubspot;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One request of the HubSpot client, as {@link HubSpotRequestListener}s see it. Carries no token,
 * body or record content: the endpoint is the path with record and list ids replaced by {@code
 * {id}}, so that it is a low-cardinality metric tag.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH}
 * @param endpoint the path template, e.g. {@code /crm/v3/objects/contacts/batch/update} or {@code
 *     /crm/v3/lists/{id}/memberships/add} (no query)
 * @param status the HTTP status, {@code 0} when no answer arrived or the request was not sent
 * @param outcome what happened, by class
 * @param latency from sending to the answer (or failure); zero when not sent
 * @param retry {@code true} when the request is sent again for something sent before: a batch
 *     holding an action the relay attempts again, or the re-send after a 401 with a re-read token
 * @param rateLimitRemaining HubSpot's {@code X-HubSpot-RateLimit-Remaining} header of the answer,
 *     when present
 */
public record HubSpotRequestEvent(
    String method,
    String endpoint,
    int status,
    Outcome outcome,
    Duration latency,
    boolean retry,
    OptionalLong rateLimitRemaining) {

  private static final Pattern ID_SEGMENT = Pattern.compile("/[0-9]+(?=/|$)");

  /** What happened to a request. */
  public enum Outcome {
    /** Answered 2xx (a 207 multi-status included). */
    OK,
    /** Answered 429: HubSpot's rate limit (ten-secondly or daily). */
    RATE_LIMITED,
    /** Answered 4xx other than 429. */
    CLIENT_ERROR,
    /** Answered 5xx. */
    SERVER_ERROR,
    /** Sent, but no answer arrived: connect failure, timeout, connection lost. */
    NO_RESPONSE,
    /** Not sent: the client's own rate window (or the daily cap, or a stopped portal) held it back. */
    NOT_SENT
  }

  /** Validates. */
  public HubSpotRequestEvent {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(rateLimitRemaining, "rateLimitRemaining");
    if (status < 0 || status > 599) {
      throw new IllegalArgumentException("status must be within [0, 599], but was " + status);
    }
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must be >= 0, but was " + latency);
    }
  }

  /** The outcome class of an HTTP status ({@code 0}: no response). */
  static Outcome outcomeOf(int status) {
    if (status == 0) {
      return Outcome.NO_RESPONSE;
    }
    if (status >= 200 && status < 300) {
      return Outcome.OK;
    }
    if (status == 429) {
      return Outcome.RATE_LIMITED;
    }
    return status >= 500 ? Outcome.SERVER_ERROR : Outcome.CLIENT_ERROR;
  }

  /** The path without its query, numeric segments (record, list, owner ids) as {@code {id}}. */
  static String endpointOf(String pathAndQuery) {
    int q = pathAndQuery.indexOf('?');
    String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    return ID_SEGMENT.matcher(path).replaceAll("/{id}");
  }
}
