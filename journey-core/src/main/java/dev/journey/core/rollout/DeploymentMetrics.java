package dev.journey.core.rollout;

import java.util.List;

/**
 * Computes the guardrail figures {@link DeploymentStatus} shows for each version (the hook the
 * guarded rollout plugs into). {@link #NONE} shows none.
 */
@FunctionalInterface
public interface DeploymentMetrics {
  /** Shows no figures. */
  DeploymentMetrics NONE = (deployment, version) -> List.of();

  /** The figures of {@code version} of {@code deployment}, in display order. */
  List<GuardrailFigure> figures(JourneyDeployment deployment, RegisteredVersion version);
}
