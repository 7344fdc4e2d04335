package dev.journey.core.rules;

import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A rule set of Java predicates and consequences. Every rule whose condition holds for the input
 * facts fires, in declaration order; conditions see the facts as they were before any rule fired.
 * Rules write only through the {@link Decision.Builder}, so the evaluator stays a pure function.
 *
 * <p>A rule may declare the signal types it applies to ({@link Builder#rule(String, Set,
 * Predicate, BiConsumer)}): its condition is then tested only for signals of those types, and a
 * signal meets only the rules of its own type and those that declare none, still in declaration
 * order. It decides exactly as the same rule with {@code signal.type()} tested first in its
 * condition, but a large set does not test every rule for every signal.
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

  /** {@code types} is empty for a rule that applies to every signal type. */
  private record Rule(
      String label, Set<String> types, Predicate<Facts> when, BiConsumer<Facts, Decision.Builder> then) {}

  private static final Rule[] NO_RULES = new Rule[0];

  private final RuleSetRef ref;
  private final List<Rule> rules;
  /** Per declared signal type, its rules and the untyped ones, in declaration order. */
  private final Map<String, Rule[]> byType;
  /** The rules that declare no signal type, in declaration order: what any other type meets. */
  private final Rule[] untyped;

  private JavaRuleSet(RuleSetRef ref, List<Rule> rules) {
    this.ref = ref;
    this.rules = List.copyOf(rules);
    Set<String> declared = new LinkedHashSet<>();
    List<Rule> anyType = new ArrayList<>();
    for (Rule rule : this.rules) {
      declared.addAll(rule.types);
      if (rule.types.isEmpty()) {
        anyType.add(rule);
      }
    }
    this.untyped = anyType.toArray(NO_RULES);
    Map<String, Rule[]> index = new HashMap<>(Math.max(4, declared.size() * 2));
    for (String type : declared) {
      List<Rule> meets = new ArrayList<>();
      for (Rule rule : this.rules) {
        if (rule.types.isEmpty() || rule.types.contains(type)) {
          meets.add(rule);
        }
      }
      index.put(type, meets.toArray(NO_RULES));
    }
    this.byType = Map.copyOf(index);
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
    Rule[] meets = byType.isEmpty() ? untyped : byType.getOrDefault(signal.type(), untyped);
    for (Rule rule : meets) {
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
      return add(label, Set.of(), when, then);
    }

    /**
     * Adds a rule that applies only to signals of the given types: its condition is not tested
     * for any other signal (so it need not test the type itself). Firing order stays the order
     * of declaration across all rules.
     *
     * @param label a unique human label, shown in decision traces
     * @param signalTypes the signal types the rule applies to, at least one
     * @throws IllegalArgumentException when the label is blank or already used, or when {@code
     *     signalTypes} is empty or holds a blank type
     */
    public Builder rule(
        String label,
        Set<String> signalTypes,
        Predicate<Facts> when,
        BiConsumer<Facts, Decision.Builder> then) {
      Objects.requireNonNull(signalTypes, "signalTypes");
      if (signalTypes.isEmpty()) {
        throw new IllegalArgumentException(
            "rule '" + label + "' declares no signal type; declare at least one, or use"
                + " rule(label, when, then) for a rule that applies to every signal type");
      }
      for (String type : signalTypes) {
        if (type == null || type.isBlank()) {
          throw new IllegalArgumentException(
              "rule '" + label + "' declares a blank signal type among " + signalTypes);
        }
      }
      return add(label, Set.copyOf(signalTypes), when, then);
    }

    private Builder add(
        String label,
        Set<String> types,
        Predicate<Facts> when,
        BiConsumer<Facts, Decision.Builder> then) {
      Objects.requireNonNull(label, "label");
      if (label.isBlank()) {
        throw new IllegalArgumentException("rule label must not be blank");
      }
      if (!labels.add(label)) {
        throw new IllegalArgumentException("rule label '" + label + "' is used twice");
      }
      rules.add(
          new Rule(
              label, types, Objects.requireNonNull(when, "when"), Objects.requireNonNull(then, "then")));
      return this;
    }

    /** Builds the rule set. */
    public JavaRuleSet build() {
      return new JavaRuleSet(ref, rules);
    }
  }
}
