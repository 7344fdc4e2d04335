package dev.journey.core.guard;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one {@link RolloutGuard#check()}: what the guard read and what it did.
 *
 * @param at when (the guard's clock)
 * @param journey the journey
 * @param candidate the candidate version checked, if a rollout was in progress
 * @param percent the candidate's step, in percent, when checked (0 without candidate)
 * @param readings the guardrail readings (empty without candidate)
 * @param action what the guard did or waits for
 * @param reason why, in words: the regressed metric with its test statistic, or what is missing
 */
public record GuardCheck(
    Instant at,
    String journey,
    Optional<String> candidate,
    int percent,
    List<GuardrailReading> readings,
    Action action,
    String reason) {

  /** What a check did or waits for. */
  public enum Action {
    /** No candidate is rolling out. */
    NO_CANDIDATE,
    /** Automatic steps: the step has fewer candidate subjects than the minimum sample yet. */
    WAITING_FOR_SAMPLE,
    /** Automatic steps: the step has not run for the minimum time yet. */
    WAITING_FOR_TIME,
    /** Steps wait for a person (manual steps, or the rollout is paused). */
    WAITING_FOR_PERSON,
    /** A regression paused the rollout (no automatic rollback configured). */
    PAUSED_ON_REGRESSION,
    /** A regression paused and rolled the candidate back. */
    ROLLED_BACK,
    /** The candidate moved to its next step. */
    STEPPED,
    /** The candidate, at 100%, became live. */
    PROMOTED,
    /** The deployment changed under the guard (someone else stepped, paused...); the next check re-reads it. */
    CONFLICT
  }

  /** Validates and copies. */
  public GuardCheck {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(journey, "journey");
    Objects.requireNonNull(candidate, "candidate");
    readings = List.copyOf(readings);
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether the guard changed the deployment. */
  public boolean changed() {
    return action == Action.PAUSED_ON_REGRESSION || action == Action.ROLLED_BACK
        || action == Action.STEPPED || action == Action.PROMOTED;
  }
}
