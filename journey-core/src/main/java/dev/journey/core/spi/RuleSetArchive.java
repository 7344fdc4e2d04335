package dev.journey.core.spi;

import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a store keeps the sources of the rule sets its decisions were made with, under their
 * content hash: the engine archives each rule set its evaluator names ({@link
 * JourneyEvaluator#sources()}) when it starts, and {@code journey reproduce --store} rebuilds the
 * evaluator of a decision from its audit record's hash alone. Sources are kept for good
 * (retention purges audit records, not sources: they are small and shared by many decisions).
 *
 * <p>Implementations must be thread-safe; archiving is idempotent.
 */
public interface RuleSetArchive {
  /** The shortest hash prefix {@link #archived} looks up (what {@code RuleSetRef.toString()} prints). */
  int MIN_PREFIX = 12;

  /**
   * Keeps {@code sources} under their hash, unless sources are kept under that hash already (the
   * first kept stay: equal hashes mean equal rule files).
   *
   * @return {@code true} when newly kept, {@code false} when the hash was kept already
   * @throws NullPointerException when {@code sources} is null
   */
  boolean archive(RuleSetSources sources);

  /**
   * The sources kept under a hash, or under the one hash that starts with {@code hash} when it is
   * a prefix of at least 12 characters (as {@code RuleSetRef.toString()} prints it).
   *
   * @return the sources; empty when none (or, for a prefix, more than one) is kept
   * @throws NullPointerException when {@code hash} is null
   */
  Optional<RuleSetSources> archived(String hash);

  /**
   * The lookup {@link #archived} describes, over sources sorted by hash: the sources under {@code
   * hash}, or under the one hash starting with it when it has at least {@value #MIN_PREFIX}
   * characters; empty when none or several match. For implementations.
   */
  static Optional<RuleSetSources> lookup(NavigableMap<String, RuleSetSources> byHash, String hash) {
    Objects.requireNonNull(byHash, "byHash");
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
