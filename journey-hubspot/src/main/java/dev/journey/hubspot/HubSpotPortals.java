package dev.journey.hubspot;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Several HubSpot portals from one runtime: one {@link HubSpotExecutor} per portal (its own token
 * and rate budget), and the action routed by its subject's portal. A subject whose portal is
 * unknown is a permanent failure naming the configured portals. Thread-safe.
 *
 * <pre>{@code
 * HubSpotPortals portals = HubSpotPortals.builder(subject -> tenants.portalOf(subject))
 *     .portal("eu", HubSpotExecutor.start(euConfig))
 *     .portal("us", HubSpotExecutor.start(usConfig))
 *     .build();
 * OutboxRelay relay = OutboxRelay.builder(engine.store(), portals).build();
 * }</pre>
 */
public final class HubSpotPortals implements ActionExecutor {
  private final Function<SubjectRef, Optional<String>> portalOf;
  private final Map<String, ActionExecutor> executors;

  private HubSpotPortals(Builder b) {
    this.portalOf = b.portalOf;
    this.executors = Map.copyOf(b.executors);
  }

  /**
   * Starts a builder.
   *
   * @param portalOf which portal a subject lives in (e.g. from the subject's tenant); empty when
   *     unknown
   */
  public static Builder builder(Function<SubjectRef, Optional<String>> portalOf) {
    return new Builder(portalOf);
  }

  @Override
  public ExecutionResult execute(Action action, int attempt) {
    Objects.requireNonNull(action, "action");
    Optional<ActionExecutor> executor = route(action.subject());
    return executor.isPresent() ? executor.get().execute(action, attempt) : unknown(action.subject());
  }

  @Override
  public List<ExecutionResult> executeAll(List<OutboxEntry> entries) {
    Objects.requireNonNull(entries, "entries");
    ExecutionResult[] results = new ExecutionResult[entries.size()];
    Map<ActionExecutor, List<Integer>> byPortal = new LinkedHashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      Optional<ActionExecutor> executor = route(entries.get(i).subject());
      if (executor.isEmpty()) {
        results[i] = unknown(entries.get(i).subject());
      } else {
        byPortal.computeIfAbsent(executor.get(), k -> new ArrayList<>()).add(i);
      }
    }
    for (Map.Entry<ActionExecutor, List<Integer>> portal : byPortal.entrySet()) {
      List<OutboxEntry> mine = new ArrayList<>();
      portal.getValue().forEach(i -> mine.add(entries.get(i)));
      List<ExecutionResult> answered = portal.getKey().executeAll(mine);
      for (int k = 0; k < mine.size(); k++) {
        results[portal.getValue().get(k)] = answered.get(k);
      }
    }
    return List.of(results);
  }

  private Optional<ActionExecutor> route(SubjectRef subject) {
    return Objects.requireNonNull(portalOf.apply(subject), "portalOf returned null").map(executors::get);
  }

  private ExecutionResult unknown(SubjectRef subject) {
    return ExecutionResult.permanent("no HubSpot portal configured for " + subject + "; portals are "
        + new TreeSet<>(executors.keySet()));
  }

  @Override
  public String toString() {
    return "HubSpotPortals" + new TreeSet<>(executors.keySet());
  }

  /** Configures {@link HubSpotPortals}. Not thread-safe. */
  public static final class Builder {
    private final Function<SubjectRef, Optional<String>> portalOf;
    private final Map<String, ActionExecutor> executors = new LinkedHashMap<>();

    Builder(Function<SubjectRef, Optional<String>> portalOf) {
      this.portalOf = Objects.requireNonNull(portalOf, "portalOf");
    }

    /**
     * Adds a portal.
     *
     * @param name the portal's name as {@code portalOf} returns it
     * @param executor its executor
     * @throws IllegalArgumentException when the name is blank or already added
     */
    public Builder portal(String name, HubSpotExecutor executor) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(executor, "executor");
      if (name.isBlank()) {
        throw new IllegalArgumentException("portal name must not be blank, but was blank");
      }
      if (executors.containsKey(name)) {
        throw new IllegalArgumentException("portal '" + name + "' must be added once, but was added twice");
      }
      executors.put(name, executor);
      return this;
    }

    /**
     * Builds the router.
     *
     * @throws IllegalStateException when no portal was added
     */
    public HubSpotPortals build() {
      if (executors.isEmpty()) {
        throw new IllegalStateException("at least one portal must be added, but none was");
      }
      return new HubSpotPortals(this);
    }
  }
}
