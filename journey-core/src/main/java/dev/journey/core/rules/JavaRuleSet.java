package dev.journey.core.rules;

import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A rule set of Java predicates and consequences. Every rule whose condition holds for the input
 * facts fires, in declaration order; conditions see the facts as they were before any rule fired.
 * Rules write only through the {@link Decision.Builder}, so the evaluator stays a pure function.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * JavaRuleSet rules = JavaRuleSet.builder("lead-handoff", "1")
 *     .rule("demo request from nurture",
 *         f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED)
 *             && f.snapshot().state().equals(JourneyModel.NURTURE),
 *         (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).route("inbound"))
 *     .build();
 * }</pre>
 */
public final class JavaRuleSet implements JourneyEvaluator {

  /**
   * The facts a rule sees.
   *
   * @param snapshot the subject's snapshot
   * @param signal the signal
   * @param now the engine's clock reading
   */
  public record Facts(JourneySnapshot snapshot, Signal signal, Instant now) {
    /**
     * A declared feature's value, the signal at hand included (see {@link
     * dev.journey.core.feature.FeatureSnapshot#value}).
     *
     * @throws dev.journey.core.feature.UnknownFeatureException when the journey does not declare
     *     {@code name}
     */
    public double feature(String name) {
      return snapshot.features().value(name);
    }
  }

  private record Rule(String label, Predicate<Facts> when, BiConsumer<Facts, Decision.Builder> then) {}

  private final RuleSetRef ref;
  private final List<Rule> rules;

  private JavaRuleSet(RuleSetRef ref, List<Rule> rules) {
    this.ref = ref;
    this.rules = List.copyOf(rules);
  }

  /** Starts a rule set with a name and version. */
  public static Builder builder(String name, String version) {
    return new Builder(RuleSetRef.of(name, version));
  }

  /** The rule set's reference. */
  public RuleSetRef ruleSet() {
    return ref;
  }

  /** The labels of the rules, in order. */
  public List<String> labels() {
    List<String> labels = new ArrayList<>(rules.size());
    rules.forEach(r -> labels.add(r.label));
    return labels;
  }

  @Override
  public Decision evaluate(JourneySnapshot snapshot, Signal signal, Instant now) {
    Facts facts = new Facts(snapshot, signal, now);
    Decision.Builder decision = Decision.builder(snapshot, signal, now, ref);
    for (Rule rule : rules) {
      if (rule.when.test(facts)) {
        decision.fired(rule.label);
        rule.then.accept(facts, decision);
      }
    }
    return decision.build();
  }

  /** Builds a {@link JavaRuleSet}. Not thread-safe. */
  public static final class Builder {
    private final RuleSetRef ref;
    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> labels = new HashSet<>();

    Builder(RuleSetRef ref) {
      this.ref = ref;
    }

    /**
     * Adds a rule.
     *
     * @param label a unique human label, shown in decision traces
     * @throws IllegalArgumentException when the label is blank or already used
     */
    public Builder rule(String label, Predicate<Facts> when, BiConsumer<Facts, Decision.Builder> then) {
      Objects.requireNonNull(label, "label");
      if (label.isBlank()) {
        throw new IllegalArgumentException("rule label must not be blank");
      }
      if (!labels.add(label)) {
        throw new IllegalArgumentException("rule label '" + label + "' is used twice");
      }
      rules.add(new Rule(label, Objects.requireNonNull(when, "when"), Objects.requireNonNull(then, "then")));
      return this;
    }

    /** Builds the rule set. */
    public JavaRuleSet build() {
      return new JavaRuleSet(ref, rules);
    }
  }
}
