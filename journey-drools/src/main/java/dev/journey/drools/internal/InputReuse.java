package dev.journey.drools.internal;

import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Decides at build time whether a rule set lets a pooled session keep its input fact between
 * evaluations and {@code update} it with the next one, instead of deleting it and inserting a new
 * one (docs/benchmarks.md, issue 23, round 7: a kept fact handle saves Drools' fact handle and a
 * propagation per evaluation). An update re-evaluates every pattern over the fact, so a rule whose
 * conditions are positive patterns over the input alone activates on an updated fact exactly as on
 * a newly inserted one. Everything else may not: {@code exists}, {@code not}, {@code forall},
 * {@code accumulate}, {@code collect} and {@code from} over the input keep their result across an
 * update that does not change it (so the rule would not fire again), patterns over other facts
 * join with facts the rules inserted, and agenda or activation groups, {@code lock-on-active},
 * {@code no-loop}, {@code auto-focus}, {@code enabled}, rule inheritance, named consequences and
 * queries change when an activation may fire. Such rule sets keep the delete and insert. Not API.
 */
public final class InputReuse {
  private static final Set<String> INPUT_TYPES = Set.of("JourneyFacts", "dev.journey.drools.JourneyFacts");
  private static final Pattern INT = Pattern.compile("[+-]?\\d+");

  private InputReuse() {}

  /** Whether every rule of {@code packages} only matches the input through positive patterns. */
  public static boolean qualifies(Collection<PackageDescr> packages) {
    for (PackageDescr pkg : packages) {
      if (!plainAttributes(pkg.getAttributes())) {
        return false;
      }
      for (RuleDescr rule : pkg.getRules()) {
        if (!qualifies(rule)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean qualifies(RuleDescr rule) {
    if (rule.isQuery() || rule.getParentName() != null
        || (rule.getNamedConsequences() != null && !rule.getNamedConsequences().isEmpty())
        || !plainAttributes(rule.getAttributes().values())) {
      return false;
    }
    if (rule.getLhs() == null) {
      return true;
    }
    for (BaseDescr descr : rule.getLhs().getDescrs()) {
      if (!(descr instanceof PatternDescr pattern)
          || !INPUT_TYPES.contains(pattern.getObjectType())
          || pattern.getSource() != null
          || pattern.isQuery()
          || pattern.isUnification()
          || (pattern.getBehaviors() != null && !pattern.getBehaviors().isEmpty())) {
        return false;
      }
    }
    return true;
  }

  private static boolean plainAttributes(Collection<AttributeDescr> attributes) {
    for (AttributeDescr attribute : attributes) {
      String name = attribute.getName();
      if (name.equals("dialect")) {
        continue;
      }
      if (!name.equals("salience") || attribute.getValue() == null || !INT.matcher(attribute.getValue().trim()).matches()) {
        return false;
      }
    }
    return true;
  }
}
