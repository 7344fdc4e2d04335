package dev.journey.kafka;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A record of the dead-letter topic: an input the journey topology could not process, with the
 * reason, so that an operator can fix the source and resend it. The stream thread never crashes
 * on bad input: the input goes here and the next record is processed.
 *
 * @param kind what went wrong
 * @param origin where the input came from; empty for inputs that were not a record (a timer
 *     parked during a punctuation)
 * @param key the record key, empty when it had none
 * @param value the input as text (the record value as UTF-8, or the quarantined input's redacted
 *     rendering)
 * @param reason what was wrong and what is allowed
 * @param at when it was dead-lettered
 */
public record DeadLetterRecord(
    Kind kind, Optional<Origin> origin, Optional<String> key, String value, String reason, Instant at) {

  /** Validates. */
  public DeadLetterRecord {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }

  /** What went wrong with a dead-lettered input. */
  public enum Kind {
    /** The value is not a valid signal (not JSON, a missing or invalid field). */
    MALFORMED,
    /** The record key is missing or is not the signal's canonical subject. */
    WRONG_KEY,
    /** The engine refused the signal (stamped too far in the future, or too large). */
    REFUSED,
    /** The signal id was processed before with other content; it was quarantined. */
    ID_CONFLICT,
    /** The evaluator or a decision stage failed on the signal; nothing was written. */
    FAILED,
    /** The engine set an input aside in the partition's quarantine (e.g. a timer that keeps failing). */
    QUARANTINED
  }

  /**
   * The position of the input record.
   *
   * @param topic the topic
   * @param partition the partition
   * @param offset the offset
   */
  public record Origin(String topic, int partition, long offset) {
    /** Validates. */
    public Origin {
      Objects.requireNonNull(topic, "topic");
    }
  }
}
