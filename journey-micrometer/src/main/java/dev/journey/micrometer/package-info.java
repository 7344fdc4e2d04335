/**
 * Micrometer meters for Journey: {@link dev.journey.micrometer.JourneyMeters} listens to the
 * engine and the runtime and samples the store. The meter table is in {@code
 * docs/operations.md} ("Running Journey").
 */
package dev.journey.micrometer;
