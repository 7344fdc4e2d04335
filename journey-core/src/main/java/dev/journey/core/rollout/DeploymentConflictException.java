package dev.journey.core.rollout;

import dev.journey.core.JourneyException;
import java.util.Locale;

/**
 * A deployment change lost a compare-and-set: the stored revision was no longer the one the change
 * was based on (someone else changed the deployment first). Nothing was written; re-read the
 * deployment and decide again.
 */
public final class DeploymentConflictException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String journey;
  private final long expectedRevision;
  private final long actualRevision;

  /**
   * Creates the exception (for stores).
   *
   * @param journey the journey
   * @param expectedRevision the revision the change was based on (0: none stored)
   * @param actualRevision the revision stored (0: none)
   */
  public DeploymentConflictException(String journey, long expectedRevision, long actualRevision) {
    super(
        String.format(
            Locale.ROOT,
            "deployment of '%s' changed concurrently: the change was based on revision %d but the"
                + " store holds revision %d; nothing was written, re-read and retry",
            journey,
            expectedRevision,
            actualRevision));
    this.journey = journey;
    this.expectedRevision = expectedRevision;
    this.actualRevision = actualRevision;
  }

  /** The journey. */
  public String journey() {
    return journey;
  }

  /** The revision the change was based on. */
  public long expectedRevision() {
    return expectedRevision;
  }

  /** The revision the store holds. */
  public long actualRevision() {
    return actualRevision;
  }
}
