/**
 * HubSpot for Journey: {@link dev.journey.hubspot.HubSpotExecutor} turns journey actions into
 * HubSpot API calls (configured by {@link dev.journey.hubspot.HubSpotConfig}, authenticated by a
 * {@link dev.journey.hubspot.TokenProvider}), and {@link dev.journey.hubspot.WebhookReceiver}
 * turns signed HubSpot webhook batches into {@link dev.journey.core.Signal signals}. Built on the
 * JDK {@code HttpClient} and Jackson only; no HubSpot SDK.
 */
package dev.journey.hubspot;
