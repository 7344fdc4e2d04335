package dev.journey.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.spi.ExecutionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks, read-only, that a portal is set up for what a journey will ask of it, and reports each
 * missing item by name: the action id property on tasks and notes (unique, unless {@link
 * HubSpotConfig.Idempotency#SEARCH_BEFORE_RETRY}), the configured suppression lists, and the
 * owners and deal pipeline stages the journey's configuration references. Nothing is written.
 *
 * <pre>{@code
 * HubSpotDoctor.Report report = HubSpotDoctor.builder(config)
 *     .owners(Set.of("501", "502"))
 *     .dealStage("default", "appointmentscheduled")
 *     .check();
 * if (!report.ok()) {
 *   report.problems().forEach(System.err::println);
 * }
 * }</pre>
 *
 * <p>Each check costs one request of the portal's rate budget. The token's scopes are not
 * checked directly: a missing scope shows up as the failing check's 403.
 */
public final class HubSpotDoctor {
  private final HubSpotConfig config;
  private final Set<String> owners;
  private final Map<String, Set<String>> stages;

  private HubSpotDoctor(Builder b) {
    this.config = b.config;
    this.owners = Set.copyOf(b.owners);
    Map<String, Set<String>> s = new TreeMap<>();
    b.stages.forEach((k, v) -> s.put(k, Set.copyOf(v)));
    this.stages = java.util.Collections.unmodifiableMap(s);
  }

  /** Starts a builder for the portal of {@code config}. */
  public static Builder builder(HubSpotConfig config) {
    return new Builder(config);
  }

  /**
   * The result of a check.
   *
   * @param problems each missing or wrong item, in words; empty when the portal is ready
   * @param checked what was checked, in words
   */
  public record Report(List<String> problems, List<String> checked) {
    /** Copies. */
    public Report {
      problems = List.copyOf(problems);
      checked = List.copyOf(checked);
    }

    /** Whether nothing is missing. */
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Runs the checks. */
  public Report check() {
    return check(new Transport(config, new ObjectMapper()), config, owners, stages);
  }

  static Report check(Transport transport, HubSpotConfig config) {
    return check(transport, config, Set.of(), Map.of());
  }

  private static Report check(
      Transport transport, HubSpotConfig config, Set<String> owners, Map<String, Set<String>> stages) {
    List<String> problems = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    boolean unique = config.idempotency == HubSpotConfig.Idempotency.UNIQUE_PROPERTY;
    for (String type : List.of("tasks", "notes")) {
      String what = "property " + config.actionIdProperty + " on " + type;
      checked.add(what);
      Transport.Reply reply = transport.send("GET", "/crm/v3/properties/" + type + "/" + config.actionIdProperty, null);
      if (!reply.ok()) {
        problems.add(missing(what, reply, "create it as a single-line text property"
            + (unique ? " with hasUniqueValue=true" : "")));
      } else if (unique && !reply.body.path("hasUniqueValue").asBoolean(false)) {
        problems.add(what + " must have hasUniqueValue=true for idempotent upserts, but has not"
            + " (recreate it as unique, or configure Idempotency.SEARCH_BEFORE_RETRY)");
      }
    }
    for (Map.Entry<String, String> list : new TreeMap<>(config.suppressionLists).entrySet()) {
      String what = "suppression list " + list.getValue() + " for channel '" + list.getKey() + "'";
      checked.add(what);
      Transport.Reply reply = transport.send("GET", "/crm/v3/lists/" + list.getValue(), null);
      if (!reply.ok()) {
        problems.add(missing(what, reply, "create a static (MANUAL) contact list and configure its id"));
      }
    }
    for (String owner : new java.util.TreeSet<>(owners)) {
      String what = "owner " + owner;
      checked.add(what);
      if (!CallPlanner.isId(owner)) {
        problems.add(what + " must be a numeric owner id, but is not");
        continue;
      }
      Transport.Reply reply = transport.send("GET", "/crm/v3/owners/" + owner, null);
      if (!reply.ok()) {
        problems.add(missing(what, reply, "use an active owner's id"));
      }
    }
    for (Map.Entry<String, Set<String>> pipeline : stages.entrySet()) {
      String what = "deal pipeline " + pipeline.getKey();
      checked.add(what);
      Transport.Reply reply = transport.send("GET", "/crm/v3/pipelines/deals/" + pipeline.getKey(), null);
      if (!reply.ok()) {
        problems.add(missing(what, reply, "use an existing pipeline id"));
        continue;
      }
      Set<String> present = new LinkedHashSet<>();
      for (JsonNode stage : reply.body.path("stages")) {
        present.add(stage.path("id").asText());
      }
      for (String stage : new java.util.TreeSet<>(pipeline.getValue())) {
        checked.add("deal stage " + stage + " of pipeline " + pipeline.getKey());
        if (!present.contains(stage)) {
          problems.add("deal stage " + stage + " of pipeline " + pipeline.getKey()
              + " must exist, but does not; stages are " + present);
        }
      }
    }
    return new Report(problems, checked);
  }

  private static String missing(String what, Transport.Reply reply, String fix) {
    if (reply.status == 404) {
      return what + " must exist, but does not (" + fix + ")";
    }
    String why = reply.failure instanceof ExecutionResult.Permanent
        ? ((ExecutionResult.Permanent) reply.failure).reason()
        : reply.failure.toString();
    return what + " could not be checked: " + why;
  }

  /** Configures a {@link HubSpotDoctor}. Not thread-safe. */
  public static final class Builder {
    private final HubSpotConfig config;
    private final Set<String> owners = new LinkedHashSet<>();
    private final Map<String, Set<String>> stages = new LinkedHashMap<>();

    Builder(HubSpotConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Owner ids the journey assigns to (routing pools, queues, managers). */
    public Builder owners(Set<String> ownerIds) {
      Objects.requireNonNull(ownerIds, "ownerIds").forEach(id -> owners.add(Objects.requireNonNull(id, "ownerId")));
      return this;
    }

    /** A deal pipeline and stage the journey moves deals to. */
    public Builder dealStage(String pipelineId, String stageId) {
      Objects.requireNonNull(pipelineId, "pipelineId");
      Objects.requireNonNull(stageId, "stageId");
      stages.computeIfAbsent(pipelineId, k -> new LinkedHashSet<>()).add(stageId);
      return this;
    }


    /** Builds the doctor and runs the checks. */
    public Report check() {
      return new HubSpotDoctor(this).check();
    }
  }
}
