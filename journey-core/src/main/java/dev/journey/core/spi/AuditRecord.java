package dev.journey.core.spi;

import dev.journey.core.internal.Checks;
import dev.journey.core.internal.Redact;
import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit of one automated decision, with enough to reproduce it: the input snapshot, the
 * signal, the instant, the rule set (name, version, hash, inside the decision), the rules fired,
 * what was dropped and why, and what the decision stages read besides ({@link StageInputs}: shared
 * routing state, owner availability, calendars). {@code JourneyEngine.recompute} recomputes a
 * decision from its record alone.
 *
 * @param signal the signal
 * @param before the snapshot the evaluator saw
 * @param decision the final decision (after capabilities and guardrails)
 * @param outcome what happened
 * @param error the rejection or parking reason; empty when the decision was applied (a {@code null}
 *     from a record written before errors were optional reads as empty)
 * @param recordedAt when (the engine's clock reading the decision was made at)
 * @param inputs what the stages read besides snapshot, signal and instant; {@link
 *     StageInputs#NONE} when no stage read anything (a {@code null} from a record written before
 *     inputs were recorded reads as {@code NONE})
 * @param journey the name of the journey whose decision this is (an engine hosting several
 *     journeys writes one record per journey a signal concerns); empty in records written before
 *     journeys were named and in those of an engine of one journey (a {@code null} reads as empty)
 */
public record AuditRecord(
    Signal signal,
    JourneySnapshot before,
    Decision decision,
    Outcome outcome,
    Optional<String> error,
    Instant recordedAt,
    StageInputs inputs,
    Optional<String> journey) {

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

  /** Validates. */
  public AuditRecord {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(outcome, "outcome");
    error = error == null ? Optional.empty() : error;
    Objects.requireNonNull(recordedAt, "recordedAt");
    inputs = inputs == null ? StageInputs.NONE : inputs;
    journey = journey == null ? Optional.empty() : journey;
    journey.ifPresent(name -> Checks.notBlank(name, "journey"));
  }

  /** A record with stage inputs that names no journey. */
  public AuditRecord(
      Signal signal,
      JourneySnapshot before,
      Decision decision,
      Outcome outcome,
      Optional<String> error,
      Instant recordedAt,
      StageInputs inputs) {
    this(signal, before, decision, outcome, error, recordedAt, inputs, Optional.empty());
  }

  /** This record naming {@code name} (not blank) as its journey. */
  public AuditRecord withJourney(String name) {
    return new AuditRecord(
        signal, before, decision, outcome, error, recordedAt, inputs,
        Optional.of(Checks.notBlank(name, "journey")));
  }

  /** A record without stage inputs. */
  public AuditRecord(
      Signal signal,
      JourneySnapshot before,
      Decision decision,
      Outcome outcome,
      Optional<String> error,
      Instant recordedAt) {
    this(signal, before, decision, outcome, error, recordedAt, StageInputs.NONE, Optional.empty());
  }

  /** The record of an applied decision: no error, no stage inputs, no journey name. */
  public static AuditRecord applied(
      Signal signal, JourneySnapshot before, Decision decision, Instant recordedAt) {
    return new AuditRecord(signal, before, decision, Outcome.DECIDED, Optional.empty(), recordedAt);
  }

  /** This record with the stage inputs given. */
  public AuditRecord withInputs(StageInputs inputs) {
    return new AuditRecord(
        signal, before, decision, outcome, error, recordedAt, Objects.requireNonNull(inputs, "inputs"),
        journey);
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "AuditRecord[signal=" + signal + ", before=" + before + ", decision=" + decision + ", outcome=" + outcome + ", error=" + Redact.text(error.orElse("")) + ", recordedAt=" + recordedAt + ", inputs=" + inputs + journey.map(name -> ", journey=" + name).orElse("") + "]";
  }
}
