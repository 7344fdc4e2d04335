package dev.journey.hubspot;

import java.time.Instant;

/**
 * The account's daily API limit is used up (a 429 with {@code policyName DAILY}, a {@code
 * X-HubSpot-RateLimit-Daily-Remaining: 0} header, or the configured daily cap reached). Nothing is
 * sent to this portal before {@link #resetsAt()}, the next midnight in the account's time zone.
 */
public final class HubSpotDailyLimitException extends HubSpotApiException {
  private static final long serialVersionUID = 1L;

  private final Instant resetsAt;

  HubSpotDailyLimitException(String operation, Instant resetsAt, String correlationId) {
    super(
        "HubSpot daily API limit reached on " + operation + "; calls resume at " + resetsAt,
        operation,
        429,
        "RATE_LIMIT",
        correlationId);
    this.resetsAt = resetsAt;
  }

  /** When the daily limit resets (account-local midnight). */
  public Instant resetsAt() {
    return resetsAt;
  }
}
