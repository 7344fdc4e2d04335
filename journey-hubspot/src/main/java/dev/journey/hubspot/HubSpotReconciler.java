package dev.journey.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.ObjectType;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneySnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * "Reconcile before you automate": reads back, with batch reads within the portal's rate limit,
 * the properties a journey owns and reports where HubSpot and the journey's snapshots disagree.
 * Read-only. Subjects whose read was refused (rate limit, a failure) are reported as unread, to be
 * reconciled again later; nothing waits.
 *
 * <pre>{@code
 * HubSpotReconciler reconciler = HubSpotReconciler.builder(config)
 *     .owned(ObjectType.CONTACT, "hubspot_owner_id", JourneySnapshot::owner)
 *     .owned(ObjectType.CONTACT, "lifecyclestage", s -> s.property("lifecyclestage"))
 *     .build();
 * HubSpotReconciler.Report report = reconciler.reconcile(snapshots);
 * report.drift().forEach(d -> System.out.println(d));
 * }</pre>
 */
public final class HubSpotReconciler {
  private static final int BATCH = 100;

  private final Transport transport;
  private final Map<ObjectType, Map<String, Function<JourneySnapshot, Optional<String>>>> owned;

  private HubSpotReconciler(Builder b) {
    this.transport = new Transport(b.config, new ObjectMapper());
    Map<ObjectType, Map<String, Function<JourneySnapshot, Optional<String>>>> copy = new LinkedHashMap<>();
    b.owned.forEach((k, v) -> copy.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    this.owned = java.util.Collections.unmodifiableMap(copy);
  }

  /** Starts a builder for the portal of {@code config}. */
  public static Builder builder(HubSpotConfig config) {
    return new Builder(config);
  }

  /**
   * One disagreement.
   *
   * @param subject the subject
   * @param property the HubSpot property
   * @param journey what the journey's snapshot holds, empty when nothing
   * @param hubspot what HubSpot holds, empty when nothing
   */
  public record Drift(SubjectRef subject, String property, Optional<String> journey, Optional<String> hubspot) {}

  /**
   * The outcome.
   *
   * @param checked subjects read and compared
   * @param drift every disagreement
   * @param missing subjects HubSpot has no record of
   * @param unread subjects not read, with the reason (read them again later)
   */
  public record Report(int checked, List<Drift> drift, List<SubjectRef> missing, Map<SubjectRef, String> unread) {
    /** Copies. */
    public Report {
      drift = List.copyOf(drift);
      missing = List.copyOf(missing);
      unread = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unread));
    }
  }

  /**
   * Compares the owned properties of these snapshots with HubSpot.
   *
   * @param snapshots the subjects, e.g. all or a sample of the store's snapshots
   * @return the report
   */
  public Report reconcile(List<JourneySnapshot> snapshots) {
    Objects.requireNonNull(snapshots, "snapshots");
    Map<ObjectType, List<JourneySnapshot>> byType = new LinkedHashMap<>();
    for (JourneySnapshot s : snapshots) {
      if (owned.containsKey(s.subject().type())) {
        byType.computeIfAbsent(s.subject().type(), k -> new ArrayList<>()).add(s);
      }
    }
    int checked = 0;
    List<Drift> drift = new ArrayList<>();
    List<SubjectRef> missing = new ArrayList<>();
    Map<SubjectRef, String> unread = new LinkedHashMap<>();
    for (Map.Entry<ObjectType, List<JourneySnapshot>> type : byType.entrySet()) {
      Map<String, Function<JourneySnapshot, Optional<String>>> properties = owned.get(type.getKey());
      String path = "/crm/v3/objects/" + CallPlanner.objectPath(type.getKey()) + "/batch/read";
      List<JourneySnapshot> all = type.getValue();
      for (int from = 0; from < all.size(); from += BATCH) {
        List<JourneySnapshot> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
        List<Map<String, Object>> inputs = new ArrayList<>();
        chunk.forEach(s -> inputs.add(Map.of("id", s.subject().id())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("properties", List.copyOf(properties.keySet()));
        body.put("inputs", inputs);
        Transport.Reply reply = transport.send("POST", path, body);
        if (!reply.ok()) {
          String why = describe(reply.failure);
          chunk.forEach(s -> unread.put(s.subject(), why));
          continue;
        }
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode r : reply.body.path("results")) {
          found.put(r.path("id").asText(), r.path("properties"));
        }
        for (JourneySnapshot s : chunk) {
          JsonNode props = found.get(s.subject().id());
          if (props == null) {
            missing.add(s.subject());
            continue;
          }
          checked++;
          for (Map.Entry<String, Function<JourneySnapshot, Optional<String>>> p : properties.entrySet()) {
            Optional<String> journey = p.getValue().apply(s).filter(v -> !v.isEmpty());
            Optional<String> hubspot = Optional.ofNullable(Transport.ErrorBody.text(props, p.getKey()))
                .filter(v -> !v.isEmpty());
            if (!journey.equals(hubspot)) {
              drift.add(new Drift(s.subject(), p.getKey(), journey, hubspot));
            }
          }
        }
      }
    }
    return new Report(checked, drift, missing, unread);
  }

  private static String describe(ExecutionResult r) {
    if (r instanceof ExecutionResult.Deferred deferred) {
      return deferred.reason();
    }
    if (r instanceof ExecutionResult.RetryAfter retryAfter) {
      return retryAfter.reason();
    }
    if (r instanceof ExecutionResult.Permanent permanent) {
      return permanent.reason();
    }
    if (r instanceof ExecutionResult.Ambiguous ambiguous) {
      return ambiguous.reason();
    }
    return r.toString();
  }

  /** Configures a {@link HubSpotReconciler}. Not thread-safe. */
  public static final class Builder {
    private final HubSpotConfig config;
    private final Map<ObjectType, Map<String, Function<JourneySnapshot, Optional<String>>>> owned =
        new LinkedHashMap<>();

    Builder(HubSpotConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Declares an owned property and where the journey keeps its value.
     *
     * @param type the object type
     * @param property the HubSpot property, e.g. {@code hubspot_owner_id}
     * @param journeyValue the value in a snapshot, e.g. {@code JourneySnapshot::owner}
     */
    public Builder owned(ObjectType type, String property, Function<JourneySnapshot, Optional<String>> journeyValue) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(journeyValue, "journeyValue");
      if (property.isBlank()) {
        throw new IllegalArgumentException("property must not be blank, but was blank");
      }
      owned.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(property, journeyValue);
      return this;
    }

    /**
     * Builds the reconciler.
     *
     * @throws IllegalStateException when no property was declared
     */
    public HubSpotReconciler build() {
      if (owned.isEmpty()) {
        throw new IllegalStateException("at least one owned property must be declared, but none was");
      }
      return new HubSpotReconciler(this);
    }
  }
}
