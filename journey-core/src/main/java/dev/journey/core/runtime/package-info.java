/**
 * Running an engine: {@link dev.journey.core.runtime.JourneyRuntime} owns an engine, its store, an
 * outbox relay and the executor, runs timer polling and the relay on their own lanes of a {@link
 * dev.journey.core.runtime.RuntimeScheduler}, bounds the intake, drains on close and reports its
 * {@link dev.journey.core.runtime.RuntimeHealth}.
 */
package dev.journey.core.runtime;
