package dev.journey.core.runtime;

/**
 * What {@link JourneyRuntime#close(java.time.Duration)} achieved before its drain deadline.
 *
 * @param clean {@code true} when every in-flight signal committed and the timer and relay lanes
 *     finished their work before the deadline
 * @param abandonedSignals signals still in flight at the deadline (their callers get their
 *     result or exception later; nothing is lost, an unfinished commit simply did not happen)
 * @param busyLanes lanes (timers, relay) still running at the deadline; their claims were handed
 *     back if a lease release was configured, otherwise they expire with their lease
 * @param releasedLeases leases handed back by the configured lease release ({@code 0} without one)
 */
public record StopReport(boolean clean, int abandonedSignals, int busyLanes, int releasedLeases) {}
