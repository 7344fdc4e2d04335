/** The in-memory {@link dev.journey.core.spi.JourneyStore}: {@link dev.journey.core.memory.InMemoryJourneyStore}. */
package dev.journey.core.memory;
