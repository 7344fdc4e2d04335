package dev.journey.core.rollout;

import dev.journey.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a deployment's history: which change, to which revision, by whom, when and why.
 *
 * @param revision the deployment's revision this change made
 * @param kind the kind of change
 * @param detail what changed, e.g. {@code 2 at 10%} (no personal data)
 * @param who who made it (a person, a service, {@code guard})
 * @param why why (free text; empty when not given)
 * @param at when, from the clock of the {@link Deployments} that made it
 */
public record DeploymentChange(
    long revision, Kind kind, String detail, String who, String why, Instant at) {
  /** The kinds of change. */
  public enum Kind {
    /** A version was registered. */
    REGISTER,
    /** A version runs in the shadow of the live one. */
    SHADOW,
    /** A candidate started rolling out. */
    START,
    /** The candidate moved to its next step. */
    STEP,
    /** The rollout was paused. */
    PAUSE,
    /** The rollout was resumed. */
    RESUME,
    /** The candidate was rolled back. */
    ROLLBACK,
    /** The candidate became the live version. */
    PROMOTE
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when the revision is below 1 or {@code who} is blank
   */
  public DeploymentChange {
    Checks.atLeast(revision, 1, "revision");
    Objects.requireNonNull(kind, "kind");
    Checks.notNull(detail, "detail");
    Checks.notBlank(who, "who");
    Checks.notNull(why, "why");
    Objects.requireNonNull(at, "at");
  }
}
