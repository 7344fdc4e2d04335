package dev.journey.core.rollout;

import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * One version of a journey's rules, as registered in its {@link JourneyDeployment}: the rule set
 * it decides as, its content hash and where its sources are.
 *
 * @param name the rule-set name its decisions carry (e.g. {@code lead-handoff})
 * @param version the version (e.g. {@code 2})
 * @param hash the content hash of its sources (empty when unknown)
 * @param source where its sources are (a path or URL; empty when built in code)
 * @param registeredAt when it was registered
 */
public record RegisteredVersion(
    String name, String version, String hash, String source, Instant registeredAt) {
  /**
   * Validates.
   *
   * @throws IllegalArgumentException when the name or version is blank
   */
  public RegisteredVersion {
    Checks.notBlank(name, "name");
    Checks.notBlank(version, "version");
    Checks.notNull(hash, "hash");
    Checks.notNull(source, "source");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }

  /** The version of {@code ref} (name, version, hash) from {@code source}, registered at {@code at}. */
  public static RegisteredVersion of(RuleSetRef ref, String source, Instant at) {
    Objects.requireNonNull(ref, "ref");
    return new RegisteredVersion(ref.name(), ref.version(), ref.hash().orElse(""), source, at);
  }

  /** The key a snapshot records for a decision of this version: {@code name@version}. */
  public String key() {
    return name + "@" + version;
  }
}
