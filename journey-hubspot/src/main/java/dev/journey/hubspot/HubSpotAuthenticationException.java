package dev.journey.hubspot;

/**
 * HubSpot answered 401 twice in a row, the second time after the token provider was re-read. The
 * executor stops calling this portal (every action is deferred with {@link
 * HubSpotConfig.Builder#authFailureDelay}) until {@link HubSpotExecutor#resume()} is called.
 */
public final class HubSpotAuthenticationException extends HubSpotApiException {
  private static final long serialVersionUID = 1L;

  HubSpotAuthenticationException(String operation, String category, String correlationId) {
    super(
        "HubSpot rejected the token twice (401 on "
            + operation
            + ", category "
            + (category == null ? "none" : category)
            + "); calls to this portal are stopped until resume()",
        operation,
        401,
        category,
        correlationId);
  }
}
