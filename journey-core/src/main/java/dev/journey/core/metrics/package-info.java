/**
 * Measurement, from audit records alone — live as a listener or afterwards from a decision log,
 * with equal results.
 *
 * <p>{@link dev.journey.core.metrics.MetricsDefinition} says what to measure for a journey:
 * {@link dev.journey.core.metrics.Milestone milestones} (states or signal types) in funnel order,
 * {@link dev.journey.core.metrics.Interval intervals} between them (wall clock and business
 * hours), the attributes behind the {@link dev.journey.core.metrics.Dimension dimensions} and the
 * journey's {@link dev.journey.core.metrics.Dispositions}. {@link
 * dev.journey.core.metrics.MetricsCollector} computes {@link dev.journey.core.metrics.Measurements}:
 * milestone counts, rates, duration distributions, SLA adherence per policy and per week,
 * breaches and escalations per owner and reasons per exit, sliceable by segment, source, region,
 * owner, rule-set version, rollout bucket and cohort week.
 *
 * <p>{@link dev.journey.core.metrics.JourneyMetrics} is the older, fixed lead-handoff summary the
 * CLI prints (decisions per rule, transitions, time to first touch by segment and source).
 */
package dev.journey.core.metrics;
