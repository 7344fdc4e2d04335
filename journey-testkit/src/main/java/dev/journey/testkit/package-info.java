/**
 * The Journey testkit: what users test their journeys with.
 *
 * <p>Entry points: {@link dev.journey.testkit.JourneyDriver} (an engine, a {@link
 * dev.journey.testkit.clock.VirtualClock} and an in-memory store, with time that moves through
 * the engine so timers fire in order), {@link dev.journey.testkit.junit.JourneyExtension} (the same per
 * JUnit 5 test), {@link dev.journey.testkit.scenario.Scenario} (the given/when/then DSL), {@link
 * dev.journey.testkit.assertions.JourneyAssertions} (AssertJ), {@link
 * dev.journey.testkit.arbitraries.JourneyArbitraries} (jqwik), {@link
 * dev.journey.testkit.replay.Replay} and {@link dev.journey.testkit.golden.GoldenDataset}.
 */
package dev.journey.testkit;
