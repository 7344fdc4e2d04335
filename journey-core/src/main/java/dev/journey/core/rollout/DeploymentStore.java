package dev.journey.core.rollout;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store SPI for {@linkplain JourneyDeployment deployments}: one document per journey, written
 * with compare-and-set on its revision, plus the count of subjects pinned to each version. Every
 * store Journey ships implements it (in-memory, JDBC on H2, SQLite and PostgreSQL); the testkit's
 * {@code DeploymentStoreContract} is the suite an implementation should pass.
 *
 * <p>Implementations must be thread-safe; a saved deployment must be visible to every reader of
 * the same store (another process on the same database included) once {@link #saveDeployment}
 * returns.
 */
public interface DeploymentStore {

  /** The stored deployment of {@code journey}, if any. */
  Optional<JourneyDeployment> deployment(String journey);

  /** The journeys with a stored deployment, sorted. */
  List<String> deployedJourneys();

  /**
   * Stores {@code next} if the stored revision is still {@code expectedRevision} ({@code 0}: no
   * deployment of that journey is stored yet), atomically.
   *
   * @throws IllegalArgumentException when {@code next.revision()} is not {@code expectedRevision + 1}
   * @throws DeploymentConflictException when the stored revision differs (nothing was written)
   */
  void saveDeployment(JourneyDeployment next, long expectedRevision);

  /**
   * How many subjects are pinned to each of {@code ruleSetKeys} ({@code name@version}) in
   * {@code journey}: subjects whose snapshot records that key as the rule set that last decided
   * for that journey (the primary journey's {@code ruleSet}, or the further journey's state of that
   * name). Keys no subject is pinned to map to 0.
   */
  Map<String, Long> pinnedCounts(String journey, Set<String> ruleSetKeys);

  /** Checks a save's revisions, for implementations. */
  static void requireNextRevision(JourneyDeployment next, long expectedRevision) {
    if (next.revision() != expectedRevision + 1) {
      throw new IllegalArgumentException(
          "deployment revision must be expectedRevision + 1 = " + (expectedRevision + 1)
              + ", but was " + next.revision());
    }
  }
}
