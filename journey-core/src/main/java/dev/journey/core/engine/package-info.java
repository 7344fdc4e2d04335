/**
 * The engine: {@link dev.journey.core.engine.JourneyEngine} accepts signals, deduplicates them,
 * evaluates, applies decision stages and commits everything in one atomic step; {@link
 * dev.journey.core.engine.OutboxRelay} hands committed actions to an executor with retries and a
 * dead-letter list.
 */
package dev.journey.core.engine;
