package dev.journey.jackson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.rollout.Candidate;
import dev.journey.core.rollout.DeploymentChange;
import dev.journey.core.rollout.DeploymentState;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.RegisteredVersion;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON document of a {@link JourneyDeployment}, one format wherever a deployment is kept: the
 * JDBC store's {@code journey_deployment} rows and the Kafka deployments topics. The document has
 * the deployment's fields as {@link JourneyJson#mapper()} writes them, with the optional candidate
 * as a list of zero or one:
 *
 * <pre>{@code
 * {"journey":"lead-handoff","versions":[...],"live":"1","candidate":[],"shadows":[],
 *  "state":"RUNNING","migrating":[],"revision":1,"history":[...]}
 * }</pre>
 *
 * <p>Reading is strict: an unknown field, a missing or null field, more than one candidate or a
 * deployment that does not hold together is refused with an {@link IllegalArgumentException}
 * that says which.
 */
public final class DeploymentJson {
  private static final ObjectMapper MAPPER =
      JourneyJson.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private DeploymentJson() {}

  /**
   * The JSON document of {@code deployment}.
   *
   * @param deployment the deployment
   * @return one line of JSON
   */
  public static String write(JourneyDeployment deployment) {
    Objects.requireNonNull(deployment, "deployment");
    try {
      return MAPPER.writeValueAsString(Document.of(deployment));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write the deployment of " + deployment.journey() + " as JSON", e);
    }
  }

  /**
   * Reads a deployment document.
   *
   * @param json the document
   * @return the deployment
   * @throws IllegalArgumentException naming what is wrong when {@code json} is not a valid
   *     deployment document
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
