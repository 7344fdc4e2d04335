/**
 * Routing to one accountable owner, explainably: an {@link dev.journey.core.routing.OwnerDirectory}
 * of owners with availability and caps, {@link dev.journey.core.routing.RoutingPolicy policies}
 * composed of sticky, match, weighted round robin and fallback steps, a {@link
 * dev.journey.core.routing.Router} that keeps its counters in the engine's shared state, and the
 * {@link dev.journey.core.routing.RoutingStage} that resolves {@code route} requests. Entry
 * point: {@link dev.journey.core.routing.RoutingStage#of}.
 */
package dev.journey.core.routing;
