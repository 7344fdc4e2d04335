package dev.journey.jdbc.internal;

import dev.journey.core.rollout.Candidate;
import dev.journey.core.rollout.DeploymentChange;
import dev.journey.core.rollout.DeploymentState;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.RegisteredVersion;
import java.util.List;
import java.util.Optional;

/**
 * The JSON document of a stored deployment: the deployment's fields, with its optional candidate
 * as a list of zero or one (so the document needs no {@code Optional} support). Not API.
 *
 * @param journey the journey
 * @param versions the registered versions
 * @param live the live version
 * @param candidate the candidate, zero or one
 * @param shadows the shadow versions
 * @param state running or paused
 * @param migrating versions whose pinned subjects migrate
 * @param revision the revision
 * @param history the changes
 */
public record DeploymentDocument(
    String journey,
    List<RegisteredVersion> versions,
    String live,
    List<Candidate> candidate,
    List<String> shadows,
    DeploymentState state,
    List<String> migrating,
    long revision,
    List<DeploymentChange> history) {

  /** The document of {@code d}. */
  public static DeploymentDocument of(JourneyDeployment d) {
    return new DeploymentDocument(d.journey(), d.versions(), d.live(), d.candidate().stream().toList(),
        d.shadows(), d.state(), d.migrating(), d.revision(), d.history());
  }

  /**
   * The deployment this document holds.
   *
   * @throws IllegalArgumentException when the document is not a valid deployment
   */
  public JourneyDeployment toDeployment() {
    if (candidate.size() > 1) {
      throw new IllegalArgumentException("a deployment has at most one candidate, but the document has " + candidate.size());
    }
    return new JourneyDeployment(journey, versions, live,
        candidate.isEmpty() ? Optional.empty() : Optional.of(candidate.get(0)), shadows, state,
        migrating, revision, history);
  }
}
