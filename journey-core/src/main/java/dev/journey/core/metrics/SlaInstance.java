package dev.journey.core.metrics;

import dev.journey.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * One run of an SLA policy for one subject (see {@link SlaStats} for when it starts and ends).
 *
 * @param policy the SLA policy's name
 * @param startedAt when its timer was scheduled (the engine's now)
 * @param week the ISO week of the start in the definition's zone, e.g. {@code 2026-W10}
 * @param outcome its first outcome
 */
public record SlaInstance(String policy, Instant startedAt, String week, Outcome outcome) {
  /** The first outcome of an SLA instance. */
  public enum Outcome {
    /** Met before any breach. */
    MET,
    /** Breached. */
    BREACHED,
    /** Neither (yet, or stopped without either). */
    OPEN
  }

  /** Validates. */
  public SlaInstance {
    Checks.notBlank(policy, "policy");
    Objects.requireNonNull(startedAt, "startedAt");
    Checks.notBlank(week, "week");
    Objects.requireNonNull(outcome, "outcome");
  }

  SlaStats stats() {
    return new SlaStats(1, outcome == Outcome.MET ? 1 : 0, outcome == Outcome.BREACHED ? 1 : 0, outcome == Outcome.OPEN ? 1 : 0);
  }
}
