package dev.journey.core.rollout;

import dev.journey.core.JourneyException;

/** No deployment is stored for the journey: register a version first. */
public final class DeploymentNotFoundException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String journey;

  DeploymentNotFoundException(String journey, java.util.List<String> known) {
    super("no deployment of journey '" + journey + "' is stored (deployed journeys: " + known
        + "); register a version first");
    this.journey = journey;
  }

  /** The journey. */
  public String journey() {
    return journey;
  }
}
