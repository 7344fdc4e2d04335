/**
 * JSON for journey-core values with Jackson. Entry point: {@link dev.journey.jackson.JourneyJson}.
 */
package dev.journey.jackson;
