package dev.journey.kafka.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.rollout.Candidate;
import dev.journey.core.rollout.DeploymentChange;
import dev.journey.core.rollout.DeploymentState;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.jackson.JourneyJson;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON of a deployment record on the deployments topics: the {@link JourneyDeployment}'s
 * fields as journey-jackson writes them, its optional candidate as a list of zero or one (the same
 * document the JDBC store keeps). Not API.
 */
public final class DeploymentJson {
  private static final ObjectMapper MAPPER =
      JourneyJson.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private DeploymentJson() {}

  /** The JSON of {@code d}. */
  public static String write(JourneyDeployment d) {
    Objects.requireNonNull(d, "d");
    try {
      return MAPPER.writeValueAsString(Document.of(d));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the deployment of " + d.journey() + " as JSON", e);
    }
  }

  /**
   * Reads a deployment.
   *
   * @throws IllegalArgumentException naming what is wrong when {@code json} is not a valid
   *     deployment
   */
  public static JourneyDeployment read(String json) {
    Objects.requireNonNull(json, "json");
    Document doc;
    try {
      doc = MAPPER.readValue(json, Document.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "not a deployment document (JSON with journey, versions, live, candidate, shadows, state,"
              + " migrating, revision, history): " + e.getOriginalMessage(), e);
    }
    if (doc == null) {
      throw new IllegalArgumentException("not a deployment document: the value is JSON null");
    }
    try {
      return doc.toDeployment();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid deployment: " + e.getMessage(), e);
    }
  }

  /** The document: a deployment with its candidate as a list. */
  record Document(
      String journey,
      List<RegisteredVersion> versions,
      String live,
      List<Candidate> candidate,
      List<String> shadows,
      DeploymentState state,
      List<String> migrating,
      long revision,
      List<DeploymentChange> history) {

    static Document of(JourneyDeployment d) {
      return new Document(d.journey(), d.versions(), d.live(), d.candidate().stream().toList(),
          d.shadows(), d.state(), d.migrating(), d.revision(), d.history());
    }

    JourneyDeployment toDeployment() {
      required(journey, "journey");
      required(versions, "versions");
      required(live, "live");
      required(shadows, "shadows");
      required(state, "state");
      required(migrating, "migrating");
      required(history, "history");
      List<Candidate> c = candidate == null ? List.of() : candidate;
      if (c.size() > 1) {
        throw new IllegalArgumentException(
            "a deployment has at most one candidate, but the document has " + c.size());
      }
      return new JourneyDeployment(journey, versions, live,
          c.isEmpty() ? Optional.empty() : Optional.of(c.get(0)), shadows, state, migrating,
          revision, history);
    }

    private static void required(Object field, String name) {
      if (field == null) {
        throw new IllegalArgumentException("the field '" + name + "' is missing or null");
      }
    }
  }
}
