package dev.journey.hubspot;

/**
 * Observes every request the HubSpot client makes, e.g. for metrics ({@code journey-micrometer}'s
 * {@code HubSpotMeters}). Called on the thread that sent the request, after its answer (or its
 * failure) is known, so keep it cheap. An exception it throws is logged and ignored.
 *
 * <pre>{@code
 * HubSpotConfig config = HubSpotConfig.builder(token)
 *     .requestListener(event -> LOG.debug("{} {} -> {}", event.method(), event.endpoint(), event.status()))
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface HubSpotRequestListener {

  /** A request was answered, failed without an answer, or was held back by the rate window. */
  void onRequest(HubSpotRequestEvent event);

  /** A listener that ignores every event. */
  static HubSpotRequestListener none() {
    return event -> {};
  }
}
