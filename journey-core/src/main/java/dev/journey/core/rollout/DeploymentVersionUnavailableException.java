package dev.journey.core.rollout;

import dev.journey.core.JourneyException;

/**
 * The deployment asks for a version this engine has no evaluator for (it was registered, but the
 * engine was built without it and its loader could not provide it).
 */
public final class DeploymentVersionUnavailableException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String journey;
  private final String version;

  DeploymentVersionUnavailableException(String journey, String version, String why) {
    super("journey '" + journey + "' has no evaluator for its registered version '" + version + "': " + why);
    this.journey = journey;
    this.version = version;
  }

  /** The journey. */
  public String journey() {
    return journey;
  }

  /** The version. */
  public String version() {
    return version;
  }
}
