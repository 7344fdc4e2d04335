/**
 * Journeys on Kafka Streams: {@link dev.journey.kafka.JourneyTopology} runs a journey definition
 * partitioned by subject on changelogged state stores, with actions and audit as topics and
 * exactly-once processing; {@link dev.journey.kafka.ActionTopicRelay} hands the actions topic to
 * an {@link dev.journey.core.spi.ActionExecutor}; {@link dev.journey.kafka.JourneySerdes} are the
 * topics' JSON serdes. See {@code docs/scale-out.md}.
 */
package dev.journey.kafka;
