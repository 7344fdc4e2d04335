package dev.journey.core.internal;

import dev.journey.core.spi.RuleSetSources;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;

/** Lookup by hash or hash prefix in a sorted map of archived rule-set sources. Not API. */
public final class Archives {
  /** The shortest prefix a lookup accepts (what {@code RuleSetRef.toString()} prints). */
  public static final int MIN_PREFIX = 12;

  private Archives() {}

  /** The sources under {@code hash}, or under the one key starting with it (12+ characters). */
  public static Optional<RuleSetSources> find(NavigableMap<String, RuleSetSources> byHash, String hash) {
    Objects.requireNonNull(hash, "hash");
    RuleSetSources exact = byHash.get(hash);
    if (exact != null || hash.length() < MIN_PREFIX) {
      return Optional.ofNullable(exact);
    }
    RuleSetSources found = null;
    for (Map.Entry<String, RuleSetSources> e : byHash.tailMap(hash, true).entrySet()) {
      if (!e.getKey().startsWith(hash)) {
        break;
      }
      if (found != null) {
        return Optional.empty(); // ambiguous
      }
      found = e.getValue();
    }
    return Optional.ofNullable(found);
  }
}
