/**
 * Tests for {@link dev.journey.core.spi.JourneyStore} implementations: {@link
 * dev.journey.testkit.store.JourneyStoreContract}, the contract suite every store should pass
 * (extend it and return a fresh store), and {@link dev.journey.testkit.store.FaultInjectingStore},
 * a wrapper that "crashes" at named {@link dev.journey.testkit.store.CrashPoint crash points} for
 * crash-and-restart tests.
 */
package dev.journey.testkit.store;
