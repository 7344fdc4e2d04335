/**
 * Virtual time for tests: {@link dev.journey.testkit.clock.VirtualClock}, a {@link
 * java.time.Clock} that only moves when a test moves it, and {@link
 * dev.journey.testkit.clock.VirtualScheduler}, which runs a runtime's lanes as that clock moves.
 */
package dev.journey.testkit.clock;
