/**
 * Measurement: {@link dev.journey.core.metrics.JourneyMetrics} computes time-to-first-touch, SLA
 * adherence, acceptance, meeting and opportunity rates by segment and source, and decision
 * statistics, from audit records alone — live as a listener or afterwards from a decision log.
 */
package dev.journey.core.metrics;
