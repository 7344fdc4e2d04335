package dev.journey.hubspot;

import dev.journey.core.JourneyException;
import java.util.Optional;

/**
 * A HubSpot API call failed. The executor does not throw it: it turns the failure into an {@link
 * dev.journey.core.spi.ExecutionResult} for the outbox relay and reports the exception to the
 * listener set with {@link HubSpotConfig.Builder#onFailure}. The fields come from HubSpot's error
 * body, parsed leniently (each is optional).
 */
public class HubSpotApiException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String category;
  private final String correlationId;
  private final String operation;

  HubSpotApiException(
      String message, String operation, int status, String category, String correlationId) {
    super(message);
    this.operation = operation;
    this.status = status;
    this.category = category;
    this.correlationId = correlationId;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  /** The call, e.g. {@code POST /crm/v3/objects/tasks/batch/upsert}. */
  public String operation() {
    return operation;
  }

  /** HubSpot's {@code category} (or {@code errorType}), if the body had one. */
  public Optional<String> category() {
    return Optional.ofNullable(category);
  }

  /** HubSpot's {@code correlationId}, for support requests, if the body had one. */
  public Optional<String> correlationId() {
    return Optional.ofNullable(correlationId);
  }
}
