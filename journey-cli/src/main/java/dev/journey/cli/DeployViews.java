package dev.journey.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journey.core.rollout.DeploymentChange;
import dev.journey.core.rollout.DeploymentStatus;
import dev.journey.core.rollout.GuardrailFigure;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.VersionStatus;
import java.util.Locale;

/** The admin port's JSON views of deployments. No personal data: versions, counts and who/why. */
final class DeployViews {
  private final ObjectMapper json = new ObjectMapper();

  ObjectNode status(DeploymentStatus status) {
    JourneyDeployment d = status.deployment();
    ObjectNode root = deployment(d);
    ArrayNode versions = root.putArray("versions");
    for (VersionStatus v : status.versions()) {
      ObjectNode n = versions.addObject();
      n.put("version", v.version().version());
      n.put("ruleSet", v.version().key());
      n.put("hash", v.version().hash());
      n.put("source", v.version().source());
      n.put("role", v.role().name().toLowerCase(Locale.ROOT));
      n.put("percent", v.percent());
      n.put("pinned", v.cohort());
      ArrayNode guardrails = n.putArray("guardrails");
      for (GuardrailFigure f : v.guardrails()) {
        ObjectNode g = guardrails.addObject();
        g.put("metric", f.metric());
        g.put("samples", f.samples());
        g.put("estimate", f.estimate());
        g.put("lower", f.lower());
        g.put("upper", f.upper());
      }
    }
    ArrayNode history = root.putArray("history");
    for (DeploymentChange c : d.history()) {
      ObjectNode h = history.addObject();
      h.put("revision", c.revision());
      h.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
      h.put("detail", c.detail());
      h.put("who", c.who());
      h.put("why", c.why());
      h.put("at", c.at().toString());
    }
    return root;
  }

  ObjectNode deployment(JourneyDeployment d) {
    ObjectNode root = json.createObjectNode();
    root.put("journey", d.journey());
    root.put("revision", d.revision());
    root.put("live", d.live());
    root.put("state", d.state().name().toLowerCase(Locale.ROOT));
    d.candidate().ifPresent(c -> {
      ObjectNode n = root.putObject("candidate");
      n.put("version", c.version());
      n.put("percent", c.percent());
      ArrayNode steps = n.putArray("steps");
      c.steps().forEach(steps::add);
      n.put("pilot", c.pilot().toString());
    });
    ArrayNode shadows = root.putArray("shadows");
    d.shadows().forEach(shadows::add);
    ArrayNode migrating = root.putArray("migrating");
    d.migrating().forEach(migrating::add);
    root.put("summary", d.toString());
    return root;
  }
}
