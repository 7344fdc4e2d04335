package dev.journey.core.routing;

import dev.journey.core.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A named routing policy: steps tried in order until one assigns an owner, ending in a fallback
 * queue so that routing never yields "nobody".
 *
 * <p>Steps:
 *
 * <ul>
 *   <li>{@link Builder#sticky sticky}: keep an existing owner named by a property (e.g. the
 *       account owner, then the contact owner) when that owner is known and available;
 *   <li>{@link Builder#match match}: look up a subject value (region, segment, product) in a
 *       table of pools and round-robin within the matched pool;
 *   <li>{@link Builder#territory territory} / {@link Builder#segment segment}: round robin within
 *       a pool among the owners whose regions (segments) cover the subject's value;
 *   <li>{@link Builder#roundRobin roundRobin}: weighted round robin within a pool, skipping
 *       owners who are unavailable or at their cap;
 *   <li>{@link Builder#fallbackQueue fallbackQueue}: the queue that receives what no step
 *       assigned (required, always last).
 * </ul>
 *
 * Subject values are read from the snapshot's properties first, then from the signal's string
 * attributes.
 *
 * <pre>{@code
 * RoutingPolicy inbound = RoutingPolicy.builder("inbound")
 *     .sticky("account_owner", "owner")
 *     .match("territory", "region", Map.of("DE", "dach", "AT", "dach"))
 *     .match("segment", "segment", Map.of("enterprise", "enterprise"))
 *     .roundRobin("general")
 *     .fallbackQueue("queue-inbound")
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class RoutingPolicy {
  /**
   * The sticky property that names the owner of the contact's company: read from the company's
   * snapshot through the store's identity graph (see {@link
   * dev.journey.core.spi.DecisionStage.Context#account()}), e.g. {@code sticky(ACCOUNT_OWNER,
   * "owner")}.
   */
  public static final String ACCOUNT_OWNER = "account:owner";

  private final String name;
  private final List<Step> steps;
  private final String fallbackQueue;

  private RoutingPolicy(Builder b) {
    this.name = b.name;
    this.steps = List.copyOf(b.steps);
    this.fallbackQueue = b.fallbackQueue;
  }

  /** Starts a policy. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The policy name, as used in {@code decision.route(name)}. */
  public String name() {
    return name;
  }

  /** The fallback queue id. */
  public String fallbackQueue() {
    return fallbackQueue;
  }

  List<Step> steps() {
    return steps;
  }

  @Override
  public String toString() {
    return "RoutingPolicy[" + name + ", " + steps + ", fallback " + fallbackQueue + "]";
  }

  /** A step of a policy. */
  sealed interface Step permits Sticky, Match, Coverage, RoundRobin {}

  /** Keep the owner named by the first of {@code properties} that is set, known and available. */
  record Sticky(List<String> properties) implements Step {}

  /** Route to the pool that {@code table} maps the subject's {@code attribute} to. */
  record Match(String label, String attribute, Map<String, String> table) implements Step {}

  /**
   * Weighted round robin among the members of {@code pool} whose regions (or segments) contain
   * the subject's {@code attribute}.
   */
  record Coverage(String label, String attribute, String pool, boolean regions) implements Step {}

  /** Weighted round robin within {@code pool}. */
  record RoundRobin(String pool) implements Step {}

  /**
   * Configures a {@link RoutingPolicy}. Setters validate immediately; {@link #build()} requires
   * a fallback queue. Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private final List<Step> steps = new ArrayList<>();
    private String fallbackQueue;

    Builder(String name) {
      this.name = Checks.notBlank(name, "name");
    }

    /**
     * Keeps an existing owner: the first of {@code properties} (e.g. {@code account_owner},
     * {@code owner}) that names a known, available owner wins.
     *
     * @throws IllegalArgumentException when no property is given
     */
    public Builder sticky(String... properties) {
      if (properties.length == 0) {
        throw new IllegalArgumentException("sticky needs at least one property, but got none");
      }
      List<String> list = new ArrayList<>();
      for (String property : properties) {
        list.add(Checks.notBlank(property, "property"));
      }
      steps.add(new Sticky(List.copyOf(list)));
      return this;
    }

    /**
     * Routes by a subject value: {@code table} maps values of {@code attribute} to pool names.
     *
     * @param label how the step is named in reasons, e.g. {@code territory}
     * @throws IllegalArgumentException when the table is empty
     */
    public Builder match(String label, String attribute, Map<String, String> table) {
      Checks.notBlank(label, "label");
      Checks.notBlank(attribute, "attribute");
      Objects.requireNonNull(table, "table");
      if (table.isEmpty()) {
        throw new IllegalArgumentException("match table for '" + attribute + "' must not be empty, but was {}");
      }
      table.forEach(
          (k, v) -> {
            Checks.notBlank(k, "table key");
            Checks.notBlank(v, "table pool");
          });
      steps.add(new Match(label, attribute, Collections.unmodifiableMap(new LinkedHashMap<>(table))));
      return this;
    }

    /**
     * Territory routing by owner coverage: weighted round robin among the members of {@code pool}
     * whose {@link Owner#regions() regions} contain the subject's {@code attribute} (e.g. {@code
     * country}).
     */
    public Builder territory(String attribute, String pool) {
      steps.add(
          new Coverage("territory", Checks.notBlank(attribute, "attribute"), Checks.notBlank(pool, "pool"), true));
      return this;
    }

    /**
     * Segment or product routing by owner coverage: weighted round robin among the members of
     * {@code pool} whose {@link Owner#segments() segments} contain the subject's {@code
     * attribute} (e.g. {@code segment} or {@code product}).
     */
    public Builder segment(String attribute, String pool) {
      steps.add(
          new Coverage("segment", Checks.notBlank(attribute, "attribute"), Checks.notBlank(pool, "pool"), false));
      return this;
    }

    /** Weighted round robin within {@code pool}. */
    public Builder roundRobin(String pool) {
      steps.add(new RoundRobin(Checks.notBlank(pool, "pool")));
      return this;
    }

    /**
     * The queue that receives what no step assigned.
     *
     * @throws IllegalStateException when already set
     */
    public Builder fallbackQueue(String queueId) {
      Checks.notBlank(queueId, "queueId");
      if (fallbackQueue != null) {
        throw new IllegalStateException("fallbackQueue was already set to '" + fallbackQueue + "'");
      }
      this.fallbackQueue = queueId;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws IllegalStateException when no fallback queue was set
     */
    public RoutingPolicy build() {
      if (fallbackQueue == null) {
        throw new IllegalStateException(
            "routing policy '" + name + "' needs a fallbackQueue(...) so that nothing stays unrouted");
      }
      return new RoutingPolicy(this);
    }
  }
}
