package dev.journey.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.runtime.RuntimeHealth;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.PropertyValue;
import dev.journey.core.state.Suppression;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON the admin endpoints answer with. Personal data is redacted: property and attribute
 * values and free text are shown as their length ({@code <12 chars>}), never as text; e-mail
 * addresses in error messages are masked. Ids (subjects, owners, actions, signals), states, rule
 * names, counters and times are shown: they are what an operator needs and carry no personal data.
 */
final class AdminViews {
  /** Audit records {@code /subjects/{id}} shows, the most recent ones. */
  static final int RECENT_AUDIT = 20;

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  private final ObjectMapper json = new ObjectMapper();

  ObjectNode health(RuntimeHealth health, String runtimeState) {
    ObjectNode o = json.createObjectNode();
    o.put("status", health.status().name());
    o.put("live", !runtimeState.equals("CLOSED"));
    o.put("ready", health.status() != RuntimeHealth.Status.DOWN);
    o.put("runtime", runtimeState);
    o.put("checkedAt", health.checkedAt().toString());
    ArrayNode reasons = o.putArray("reasons");
    for (RuntimeHealth.Reason r : health.reasons()) {
      reasons.addObject().put("kind", r.kind().name()).put("status", r.kind().status().name()).put("detail", r.detail());
    }
    return o;
  }

  ObjectNode deadLetters(List<DeadLetter> letters, int limit) {
    ObjectNode o = json.createObjectNode();
    o.put("count", letters.size());
    ArrayNode list = o.putArray("deadLetters");
    for (DeadLetter d : letters.subList(0, Math.min(limit, letters.size()))) {
      list.addObject()
          .put("actionId", d.entry().actionId())
          .put("kind", d.entry().action().kind().name())
          .put("subject", d.entry().subject().toString())
          .put("attempts", d.entry().attempts())
          .put("reason", mask(d.reason()))
          .put("lastError", mask(d.entry().lastError().orElse("")))
          .put("createdAt", d.entry().createdAt().toString())
          .put("deadAt", d.deadAt().toString());
    }
    return o;
  }

  ObjectNode subject(JourneySnapshot s, List<AuditRecord> audit) {
    ObjectNode o = json.createObjectNode();
    o.put("subject", s.subject().toString());
    o.put("state", s.state());
    o.put("stateSince", s.stateSince().toString());
    o.put("version", s.version());
    o.put("ruleSet", s.ruleSet().orElse(""));
    o.put("updatedAt", s.updatedAt().toString());
    s.owner().ifPresent(owner -> o.put("owner", owner));
    ObjectNode properties = o.putObject("properties");
    for (Map.Entry<String, PropertyValue> p : s.properties().entrySet()) {
      ObjectNode v = properties.putObject(p.getKey());
      v.put("value", p.getKey().equals(JourneySnapshot.OWNER) ? p.getValue().value() : redact(p.getValue().value()));
      v.put("writer", p.getValue().writer());
      v.put("writtenAt", p.getValue().writtenAt().toString());
    }
    ObjectNode timers = o.putObject("timers");
    for (PendingTimer t : s.timers().values()) {
      timers.putObject(t.name()).put("dueAt", t.dueAt().toString()).put("generation", t.generation());
    }
    ObjectNode suppressions = o.putObject("suppressions");
    for (Suppression sup : s.suppressions().values()) {
      suppressions.putObject(sup.channel()).put("reason", redact(sup.reason())).put("until", String.valueOf(sup.until()));
    }
    ObjectNode counters = o.putObject("counters");
    s.counters().forEach(counters::put);
    o.put("auditRecords", audit.size());
    ArrayNode recent = o.putArray("recentAudit");
    for (AuditRecord r : audit.subList(Math.max(0, audit.size() - RECENT_AUDIT), audit.size())) {
      recent.add(audit(r));
    }
    return o;
  }

  private ObjectNode audit(AuditRecord r) {
    Decision d = r.decision();
    ObjectNode o = json.createObjectNode();
    o.put("recordedAt", r.recordedAt().toString());
    o.put("outcome", r.outcome().name());
    ObjectNode signal = o.putObject("signal");
    signal.put("id", r.signal().id()).put("type", r.signal().type()).put("source", r.signal().source())
        .put("occurredAt", r.signal().occurredAt().toString());
    ArrayNode attributes = signal.putArray("attributes");
    r.signal().attributes().keySet().forEach(attributes::add);
    o.put("ruleSet", d.ruleSet().toString());
    o.put("stateBefore", d.stateBefore());
    o.put("stateAfter", d.stateAfter());
    ArrayNode rules = o.putArray("rulesFired");
    d.rulesFired().forEach(rules::add);
    ArrayNode actions = o.putArray("actions");
    for (Action a : d.actions()) {
      actions.addObject().put("id", a.id()).put("kind", a.kind().name());
    }
    ArrayNode dropped = o.putArray("dropped");
    for (DroppedAction a : d.dropped()) {
      dropped.addObject().put("kind", a.action().kind().name()).put("guardrail", a.guardrail());
    }
    if (r.error().isPresent()) {
      o.put("error", mask(r.error().get()));
    }
    return o;
  }

  ObjectNode message(String key, String value) {
    return json.createObjectNode().put(key, value);
  }

  byte[] bytes(ObjectNode node) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render admin JSON", e);
    }
  }

  /** Free text or a value that may be personal data: its length only. */
  static String redact(String value) {
    return value == null || value.isEmpty() ? "" : "<" + value.length() + " chars>";
  }

  /** An operator message: kept, with e-mail addresses masked. */
  static String mask(String message) {
    return message == null ? "" : EMAIL.matcher(message).replaceAll("<email>");
  }
}
