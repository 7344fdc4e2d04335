package dev.journey.core.spi;

import dev.journey.core.internal.Redact;
import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * The audit of one automated decision, with enough to reproduce it: the input snapshot, the
 * signal, the rule set (name, version, hash, inside the decision), the rules fired, what was
 * dropped and why.
 *
 * @param signal the signal
 * @param before the snapshot the evaluator saw
 * @param decision the final decision (after capabilities and guardrails)
 * @param outcome what happened
 * @param error the rejection or parking reason, empty otherwise
 * @param recordedAt when
 * @param journey the name of the journey whose decision this is (an engine hosting several
 *     journeys writes one record per journey a signal concerns); empty in records written before
 *     journeys were named
 */
public record AuditRecord(
    Signal signal,
    JourneySnapshot before,
    Decision decision,
    Outcome outcome,
    String error,
    Instant recordedAt,
    String journey) {

  /** What happened to a decision. */
  public enum Outcome {
    /** Committed and applied. */
    DECIDED,
    /** Rejected as a whole (illegal transition, unknown state); nothing was applied. */
    REJECTED,
    /** A timer firing of a generation that is no longer pending; nothing was evaluated. */
    STALE_TIMER,
    /** Parked by loop protection; nothing was applied. */
    PARKED
  }

  /** A record that names no journey. */
  public AuditRecord(
      Signal signal,
      JourneySnapshot before,
      Decision decision,
      Outcome outcome,
      String error,
      Instant recordedAt) {
    this(signal, before, decision, outcome, error, recordedAt, "");
  }

  /** Validates. */
  public AuditRecord {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(journey, "journey");
  }

  /** This record naming {@code name} as its journey. */
  public AuditRecord withJourney(String name) {
    return new AuditRecord(signal, before, decision, outcome, error, recordedAt, name);
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "AuditRecord[signal=" + signal + ", before=" + before + ", decision=" + decision + ", outcome=" + outcome + ", error=" + Redact.text(error) + ", recordedAt=" + recordedAt + (journey.isEmpty() ? "" : ", journey=" + journey) + "]";
  }
}
