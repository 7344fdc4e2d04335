package dev.journey.core.rollout;

import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Evaluates each subject with the version its {@link RolloutPlan} assigns. The choice depends only
 * on the subject and the plan, so it stays a pure function; the decision is annotated with {@code
 * rollout.version} and {@code rollout.bucket} for the audit.
 *
 * <p>Works with any evaluator ({@code JavaRuleSet}, Drools, your own); {@code journey-drools}
 * builds one from its registry's compiled versions. Immutable and thread-safe if the version
 * evaluators are. To change the plan, build a new
 * evaluator and give it to a new engine (or swap it behind your own indirection).
 *
 * <pre>{@code
 * RolloutEvaluator rollout = RolloutEvaluator.of(
 *     RolloutPlan.start("lead-handoff", "1", "2"),
 *     Map.of("1", liveRules, "2", candidateRules));
 * }</pre>
 */
public final class RolloutEvaluator implements JourneyEvaluator {
  private final RolloutPlan plan;
  private final Map<String, JourneyEvaluator> byVersion;

  private RolloutEvaluator(RolloutPlan plan, Map<String, JourneyEvaluator> byVersion) {
    this.plan = plan;
    this.byVersion = byVersion;
  }

  /**
   * Creates the evaluator.
   *
   * @param plan the plan
   * @param byVersion an evaluator for every version the plan can pick
   * @throws IllegalArgumentException when a version of the plan has no evaluator
   */
  public static RolloutEvaluator of(RolloutPlan plan, Map<String, ? extends JourneyEvaluator> byVersion) {
    Objects.requireNonNull(plan, "plan");
    Map<String, JourneyEvaluator> copy = new TreeMap<>(byVersion);
    for (String version : plan.versions()) {
      if (copy.get(version) == null) {
        throw new IllegalArgumentException(
            "byVersion must have an evaluator for every version of " + plan + ", but has none for '"
                + version + "' (has " + copy.keySet() + ")");
      }
    }
    return new RolloutEvaluator(plan, Map.copyOf(copy));
  }

  /** The plan. */
  public RolloutPlan plan() {
    return plan;
  }

  /** The sources of every rule set it evaluates with. */
  @Override
  public java.util.List<dev.journey.core.spi.RuleSetSources> sources() {
    java.util.List<dev.journey.core.spi.RuleSetSources> all = new java.util.ArrayList<>();
    byVersion.values().forEach(e -> all.addAll(e.sources()));
    return java.util.List.copyOf(all);
  }

  @Override
  public Decision evaluate(JourneySnapshot snapshot, Signal signal, Instant now) {
    String version = plan.versionFor(snapshot.subject());
    return byVersion
        .get(version)
        .evaluate(snapshot, signal, now)
        .withAnnotation("rollout.version", version)
        .withAnnotation("rollout.bucket", Integer.toString(plan.bucket(snapshot.subject())));
  }
}
