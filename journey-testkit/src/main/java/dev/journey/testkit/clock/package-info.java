/**
 * Virtual time for tests: {@link dev.journey.testkit.clock.VirtualClock}, a {@link
 * java.time.Clock} that only moves when a test moves it.
 */
package dev.journey.testkit.clock;
