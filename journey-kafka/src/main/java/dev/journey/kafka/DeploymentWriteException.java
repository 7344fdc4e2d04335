package dev.journey.kafka;

import dev.journey.core.JourneyException;

/**
 * A deployment change sent to the deployment-requests topic was not confirmed: the send failed,
 * or the deployments table this instance reads did not reach the change's revision within the
 * write timeout (the journey topology that validates requests is not running, or lags). The change
 * may still be applied later: re-read the deployment before deciding again.
 */
public final class DeploymentWriteException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String journey;
  private final long revision;

  DeploymentWriteException(String journey, long revision, String reason, Throwable cause) {
    super("the deployment change of '" + journey + "' to revision " + revision
        + " was not confirmed: " + reason, cause);
    this.journey = journey;
    this.revision = revision;
  }

  /** The journey. */
  public String journey() {
    return journey;
  }

  /** The revision the unconfirmed change would have written. */
  public long revision() {
    return revision;
  }
}
