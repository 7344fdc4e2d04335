package dev.journey.kafka;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.StageInputs;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The compact audit record a topology writes with {@link JourneyTopology.Builder#compactAudit}:
 * an {@link AuditRecord} whose input snapshot is replaced by its version and a digest, so that the
 * audit topic carries the decision without a copy of the subject's whole state per signal.
 *
 * <p>Reproducing a decision: the snapshot the evaluator saw is the fold of the subject's earlier
 * decisions, so replay the subject's signals (the signals topic, or the signals of its earlier
 * audit records in order) through the same definition up to this one, check that the rebuilt
 * snapshot's version is {@link #beforeVersion} and that the SHA-256 of its JSON (as journey-jackson
 * writes it) is {@link #beforeSha256}, then recompute the decision from it, the signal, {@link
 * #recordedAt} and {@link #inputs}.
 *
 * @param signal the signal
 * @param beforeVersion the version of the snapshot the evaluator saw (0: a new subject)
 * @param beforeSha256 the lower-case hex SHA-256 of that snapshot's JSON; empty for a new subject
 *     (the initial snapshot is not stored)
 * @param decision the final decision
 * @param outcome what happened
 * @param error the rejection or parking reason; empty when applied
 * @param recordedAt when
 * @param inputs what the stages read besides snapshot, signal and instant
 * @param journey the journey's name; empty for an engine of one unnamed journey (a {@code null}
 *     reads as empty)
 */
public record AuditDigest(
    Signal signal,
    long beforeVersion,
    String beforeSha256,
    Decision decision,
    AuditRecord.Outcome outcome,
    @JsonSerialize(using = JourneySerdes.OptionalTextSerializer.class)
        @JsonDeserialize(using = JourneySerdes.OptionalTextDeserializer.class)
        Optional<String> error,
    Instant recordedAt,
    StageInputs inputs,
    @JsonSerialize(using = JourneySerdes.OptionalTextSerializer.class)
        @JsonDeserialize(using = JourneySerdes.OptionalTextDeserializer.class)
        Optional<String> journey) {

  /** Validates. */
  public AuditDigest {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(beforeSha256, "beforeSha256");
    if (beforeVersion < 0) {
      throw new IllegalArgumentException("beforeVersion must be >= 0, but was " + beforeVersion);
    }
    if (!beforeSha256.isEmpty() && !beforeSha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "beforeSha256 must be empty or 64 lower-case hex digits, but was '" + beforeSha256 + "'");
    }
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(outcome, "outcome");
    error = error == null ? Optional.empty() : error;
    Objects.requireNonNull(recordedAt, "recordedAt");
    inputs = inputs == null ? StageInputs.NONE : inputs;
    journey = journey == null ? Optional.empty() : journey;
  }

  /** The digest of {@code audit}, whose input snapshot's JSON has the given SHA-256. */
  static AuditDigest of(AuditRecord audit, String beforeSha256) {
    return new AuditDigest(
        audit.signal(),
        audit.before().version(),
        beforeSha256,
        audit.decision(),
        audit.outcome(),
        audit.error(),
        audit.recordedAt(),
        audit.inputs(),
        audit.journey());
  }
}
