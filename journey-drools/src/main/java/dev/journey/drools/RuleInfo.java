package dev.journey.drools;

import java.util.Objects;
import java.util.Set;

/**
 * What a compiled rule declares about itself through DRL metadata.
 *
 * <pre>{@code
 * rule "assign inbound owner"
 *   @label("inbound lead gets an owner")
 *   @writes("owner,lifecycle_stage")
 * when ... then ... end
 * }</pre>
 *
 * @param name the DRL rule name
 * @param label the human label from {@code @label}, recorded in {@link
 *     dev.journey.core.decision.Decision#rulesFired()}; the rule name when absent
 * @param writes the properties the rule may write, from {@code @writes} (comma separated)
 */
public record RuleInfo(String name, String label, Set<String> writes) {
  /** Validates and copies. */
  public RuleInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    writes = Set.copyOf(writes);
  }
}
