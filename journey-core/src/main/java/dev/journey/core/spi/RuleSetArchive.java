package dev.journey.core.spi;

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
}
