package dev.journey.hubspot;

import dev.journey.core.spi.ExecutionResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides what a HubSpot failure means for the relay, for a whole response
 * (an HTTP status) and for one input of a 207 multi-status answer (its {@code status} and {@code
 * category}). A numeric status decides first; the category decides when there is none.
 */
final class ErrorClassifier {
  /** The least wait after a 423 (HubSpot's lock contention): 2 seconds. */
  static final Duration LOCKED_WAIT = Duration.ofSeconds(2);
  /** The wait after a 477 migration in progress without Retry-After: 1 minute. */
  static final Duration MIGRATION_DEFAULT_WAIT = Duration.ofMinutes(1);

  private static final Set<String> PERMANENT_CATEGORIES =
      Set.of("VALIDATION_ERROR", "OBJECT_NOT_FOUND", "CONFLICT", "MISSING_SCOPES", "INVALID_AUTHENTICATION",
          "BAD_REQUEST", "NOT_FOUND", "FORBIDDEN", "OBJECT_ALREADY_EXISTS", "PROPERTY_DOESNT_EXIST");
  private static final Set<String> RETRY_CATEGORIES =
      Set.of("INTERNAL_ERROR", "SERVICE_UNAVAILABLE", "TIMEOUT");
  private static final Set<String> RATE_CATEGORIES = Set.of("RATE_LIMIT", "RATE_LIMITS");

  /** What a failure means. */
  enum Verdict {
    /** Transient: retry with backoff (5xx, 408, timeouts). */
    RETRY,
    /** A rate limit: wait for the window, do not count an attempt. */
    RATE_LIMITED,
    /** Record lock contention (423): retry after at least {@link #LOCKED_WAIT}. */
    LOCKED,
    /** Portal migration (477): retry after Retry-After or {@link #MIGRATION_DEFAULT_WAIT}. */
    MIGRATING,
    /** HubSpot says to contact support (522, 525, 526): do not retry blindly. */
    SUPPORT_NEEDED,
    /** Will not succeed by retrying (other 4xx, validation, not found, scopes). */
    PERMANENT,
    /** Nothing says what happened. */
    UNKNOWN
  }

  private ErrorClassifier() {}

  /**
   * Classifies a failure.
   *
   * @param status the HTTP status or the input's numeric status, 0 when there is none
   * @param category HubSpot's category or errorType, or null
   */
  static Verdict classify(int status, String category) {
    if (status == 429) {
      return Verdict.RATE_LIMITED;
    }
    if (status == 423) {
      return Verdict.LOCKED;
    }
    if (status == 477) {
      return Verdict.MIGRATING;
    }
    if (status == 408) {
      return Verdict.RETRY;
    }
    if (status == 522 || status == 525 || status == 526) {
      return Verdict.SUPPORT_NEEDED;
    }
    if (status >= 500 && status <= 599) {
      return Verdict.RETRY;
    }
    if (status >= 400 && status <= 499) {
      return Verdict.PERMANENT;
    }
    if (category == null) {
      return Verdict.UNKNOWN;
    }
    String c = category.toUpperCase(Locale.ROOT);
    if (RATE_CATEGORIES.contains(c)) {
      return Verdict.RATE_LIMITED;
    }
    if (c.equals("LOCKED")) {
      return Verdict.LOCKED;
    }
    if (RETRY_CATEGORIES.contains(c)) {
      return Verdict.RETRY;
    }
    if (PERMANENT_CATEGORIES.contains(c)) {
      return Verdict.PERMANENT;
    }
    return Verdict.UNKNOWN;
  }

  /** A status text from an error body ("404", "error"...) as a number, 0 when not one. */
  static int status(String text) {
    if (text == null || !text.matches("[1-5][0-9][0-9]")) {
      return 0;
    }
    return Integer.parseInt(text);
  }

  /**
   * The relay's result for a verdict (a whole-response 429 is handled by the transport, which
   * also updates the rate window).
   *
   * @param retryAfter the server's Retry-After, if any
   * @param reason the description
   */
  static ExecutionResult result(Verdict verdict, Optional<Duration> retryAfter, String reason) {
    switch (verdict) {
      case RETRY:
        return ExecutionResult.retryAfter(retryAfter.orElse(Duration.ZERO), reason);
      case RATE_LIMITED:
        return ExecutionResult.deferred(retryAfter.orElse(Duration.ofSeconds(10)), reason);
      case LOCKED:
        return ExecutionResult.retryAfter(
            retryAfter.filter(d -> d.compareTo(LOCKED_WAIT) > 0).orElse(LOCKED_WAIT), reason);
      case MIGRATING:
        return ExecutionResult.retryAfter(retryAfter.orElse(MIGRATION_DEFAULT_WAIT), reason);
      case SUPPORT_NEEDED:
        return ExecutionResult.permanent(reason + " (HubSpot says: contact support, do not retry blindly)");
      case PERMANENT:
        return ExecutionResult.permanent(reason);
      default:
        return ExecutionResult.ambiguous(reason);
    }
  }
}
