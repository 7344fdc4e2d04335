package dev.journey.drools;

import dev.journey.core.decision.RuleSetRef;
import dev.journey.drools.internal.KieCompiler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.kie.api.KieBase;

/**
 * A {@link RuleSet} that passed the lint and compiled: its rules' metadata, warnings, and what an
 * evaluator needs. Obtain one from a {@link RuleSetRegistry}; evaluate with {@link
 * DroolsEvaluator#of(CompiledRuleSet)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompiledRuleSet {
  private final RuleSet ruleSet;
  private final BuildPath buildPath;
  private final KieCompiler.Result result;
  private final Map<String, List<String>> writers;

  CompiledRuleSet(RuleSet ruleSet, BuildPath buildPath, KieCompiler.Result result) {
    this.ruleSet = ruleSet;
    this.buildPath = buildPath;
    this.result = result;
    Map<String, List<String>> byProperty = new TreeMap<>();
    for (RuleInfo rule : result.rules()) {
      for (String property : rule.writes()) {
        byProperty.computeIfAbsent(property, p -> new ArrayList<>()).add(rule.label());
      }
    }
    byProperty.replaceAll((p, labels) -> List.copyOf(labels));
    this.writers = Collections.unmodifiableMap(byProperty);
  }

  /** The source rule set. */
  public RuleSet ruleSet() {
    return ruleSet;
  }

  /** The reference (name, version, content hash) its decisions carry. */
  public RuleSetRef ref() {
    return ruleSet.ref();
  }

  /** The build path it was compiled with. */
  public BuildPath buildPath() {
    return buildPath;
  }

  /** How long lint and compilation took (the first time this content was compiled). */
  public Duration buildTime() {
    return result.buildTime();
  }

  /** Every rule's metadata, sorted by rule name. */
  public List<RuleInfo> rules() {
    return result.rules();
  }

  /**
   * Which rules write which property, from their {@code @writes} metadata: property name to the
   * labels of the rules that declare it, sorted by property. The single-writer guardrail uses this
   * to check that a rule set only writes what it owns.
   */
  public Map<String, List<String>> writers() {
    return writers;
  }

  /** Every property some rule declares it writes. */
  public Set<String> writtenProperties() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(writers.keySet()));
  }

  /** Non-fatal problems the compiler reported. */
  public List<RuleProblem> warnings() {
    return result.warnings();
  }

  KieBase kieBase() {
    return result.kieBase();
  }

  boolean hasDecisionGlobal() {
    return result.hasDecisionGlobal();
  }

  /** Returns the rule set reference. */
  @Override
  public String toString() {
    return "CompiledRuleSet[" + ref() + ", " + result.rules().size() + " rules, " + buildPath + "]";
  }
}
