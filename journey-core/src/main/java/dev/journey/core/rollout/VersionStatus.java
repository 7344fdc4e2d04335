package dev.journey.core.rollout;

import dev.journey.core.internal.Checks;
import java.util.List;
import java.util.Objects;

/**
 * One registered version in a {@link DeploymentStatus}.
 *
 * @param version the registered version
 * @param role its role in the deployment
 * @param percent the share of entering subjects it gets now, in percent (before the pilot scope)
 * @param cohort how many subjects are pinned to it
 * @param guardrails its guardrail figures (empty unless a {@link DeploymentMetrics} computes them)
 */
public record VersionStatus(
    RegisteredVersion version, Role role, int percent, long cohort, List<GuardrailFigure> guardrails) {
  /** A version's role. */
  public enum Role {
    /** The live version. */
    LIVE,
    /** The version rolling out. */
    CANDIDATE,
    /** Evaluated beside live, never applied. */
    SHADOW,
    /** Rolled back with migration: its pinned subjects move to live at their next decision. */
    MIGRATING,
    /** Registered, not taking entries (pinned subjects, if any, keep it until they exit). */
    REGISTERED
  }

  /** Validates and copies. */
  public VersionStatus {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(role, "role");
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be in 0..100, but was " + percent);
    }
    Checks.atLeast(cohort, 0, "cohort");
    guardrails = List.copyOf(guardrails);
  }
}
