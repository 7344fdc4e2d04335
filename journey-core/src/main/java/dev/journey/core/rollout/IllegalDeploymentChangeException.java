package dev.journey.core.rollout;

import dev.journey.core.JourneyException;

/**
 * A deployment change is not allowed in the deployment's current state (say, a step while paused,
 * a promote before 100%, a candidate that is not registered). Nothing was written.
 */
public final class IllegalDeploymentChangeException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String journey;
  private final DeploymentChange.Kind kind;

  IllegalDeploymentChangeException(String journey, DeploymentChange.Kind kind, String message) {
    super("cannot " + kind.name().toLowerCase(java.util.Locale.ROOT) + " the deployment of '"
        + journey + "': " + message);
    this.journey = journey;
    this.kind = kind;
  }

  /** The journey. */
  public String journey() {
    return journey;
  }

  /** The refused change. */
  public DeploymentChange.Kind kind() {
    return kind;
  }
}
