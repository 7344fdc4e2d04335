/**
 * Loads a whole journey from one JSON configuration file into a {@link
 * dev.journey.core.engine.JourneyDefinition}: {@link dev.journey.config.JourneyConfig} reads,
 * validates against the published JSON Schema and checks references; problems are {@link
 * dev.journey.config.JourneyConfigException}s naming the file, the JSON Pointer and what is
 * allowed. The format is documented in {@code docs/configuration.md}.
 */
package dev.journey.config;
