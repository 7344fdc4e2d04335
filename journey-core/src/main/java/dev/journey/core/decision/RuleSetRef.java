package dev.journey.core.decision;

import dev.journey.core.internal.Checks;

/**
 * Identifies the rule set that made a decision: its name, version and content hash.
 *
 * @param name the rule-set name, e.g. {@code lead-handoff}; also the writer name used by the
 *     single-writer guardrail
 * @param version the version, e.g. {@code 2}
 * @param hash the content hash (empty when unknown)
 */
public record RuleSetRef(String name, String version, String hash) {
  /** Validates. */
  public RuleSetRef {
    Checks.notBlank(name, "name");
    Checks.notBlank(version, "version");
    Checks.notNull(hash, "hash");
  }

  /** Creates a reference without a hash. */
  public static RuleSetRef of(String name, String version) {
    return new RuleSetRef(name, version, "");
  }

  /** Returns {@code name@version}. */
  public String key() {
    return name + "@" + version;
  }

  @Override
  public String toString() {
    return hash.isEmpty() ? key() : key() + "#" + hash.substring(0, Math.min(12, hash.length()));
  }
}
