/** Internals of journey-kafka: the store on Kafka Streams state stores. Not API. */
package dev.journey.kafka.internal;
