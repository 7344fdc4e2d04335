package dev.journey.core.spi;

import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;

/**
 * Decides what a signal means for a subject. An evaluator is a <strong>pure function</strong> of
 * (snapshot, signal, now): no I/O, no wall clock, no randomness, no state kept between calls.
 * That is what makes redelivery, conflict retries, replay and shadow runs safe.
 *
 * <p>Implementations must be thread-safe: the engine calls them from several threads for
 * different subjects.
 */
@FunctionalInterface
public interface JourneyEvaluator {

  /**
   * Evaluates one signal.
   *
   * @param snapshot the subject's current snapshot (version 0 for a subject never seen)
   * @param signal the signal
   * @param now the engine's clock reading, to be used instead of any clock
   * @return the decision
   */
  Decision evaluate(JourneySnapshot snapshot, Signal signal, Instant now);

  /**
   * The sources of the rule sets this evaluator decides with (a shadow or rollout names both),
   * for the store to {@linkplain RuleSetArchive archive} by hash; empty (the default) when they
   * are not files, as for Java rules.
   */
  default java.util.List<RuleSetSources> sources() {
    return java.util.List.of();
  }
}
