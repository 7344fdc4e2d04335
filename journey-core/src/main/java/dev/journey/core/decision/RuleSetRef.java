package dev.journey.core.decision;

import dev.journey.core.internal.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * Identifies the rule set that made a decision: its name, version and content hash.
 *
 * @param name the rule-set name, e.g. {@code lead-handoff}; also the writer name used by the
 *     single-writer guardrail
 * @param version the version, e.g. {@code 2}
 * @param hash the content hash; empty when unknown (rules written in Java have none)
 */
public record RuleSetRef(String name, String version, Optional<String> hash) {
  /** Validates. */
  public RuleSetRef {
    Checks.notBlank(name, "name");
    Checks.notBlank(version, "version");
    Objects.requireNonNull(hash, "hash");
    hash.ifPresent(h -> Checks.notBlank(h, "hash"));
  }

  /** A reference with the content hash {@code hash} (not blank). */
  public RuleSetRef(String name, String version, String hash) {
    this(name, version, Optional.of(Checks.notBlank(hash, "hash")));
  }

  /** Creates a reference without a hash. */
  public static RuleSetRef of(String name, String version) {
    return new RuleSetRef(name, version, Optional.empty());
  }

  /** Returns {@code name@version}. */
  public String key() {
    return name + "@" + version;
  }

  @Override
  public String toString() {
    return hash.map(h -> key() + "#" + h.substring(0, Math.min(12, h.length()))).orElse(key());
  }
}
