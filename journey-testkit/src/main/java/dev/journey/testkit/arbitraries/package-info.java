/**
 * jqwik generators for journeys: {@link dev.journey.testkit.arbitraries.JourneyArbitraries}
 * (static factories) and {@link dev.journey.testkit.arbitraries.JourneyDomain} (the same as a
 * domain, opted into with {@code @Domain(JourneyDomain.class)}).
 */
package dev.journey.testkit.arbitraries;
