package dev.journey.core.spi;

import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;

/**
 * A step the engine applies to every decision after the evaluator: resolving capability requests
 * (routing, SLAs) or enforcing guardrails (single writer, suppression, frequency caps). Stages
 * run in the order they were registered.
 *
 * <p>Like evaluators, stages must be deterministic functions of their inputs (the context gives
 * the engine's {@code now}) and thread-safe.
 */
@FunctionalInterface
public interface DecisionStage {

  /**
   * Transforms a decision.
   *
   * @param decision the decision so far
   * @param context the inputs and shared state
   * @return the new decision (possibly the same)
   */
  Decision apply(Decision decision, Context context);

  /** What a stage may read, and where it writes shared state. */
  interface Context {
    /** The snapshot the evaluator saw. */
    JourneySnapshot snapshot();

    /** The signal. */
    Signal signal();

    /** The engine's clock reading. */
    Instant now();

    /** The journey model. */
    JourneyModel model();

    /**
     * What each action kind does to the snapshot in this journey (its definition's {@link
     * ActionEffects}): which properties an action writes. Default {@link ActionEffects#defaults()}.
     */
    default ActionEffects effects() {
      return ActionEffects.defaults();
    }

    /**
     * Reads shared state. Reads are remembered: writing with {@link #writeShared} uses the read
     * version for compare-and-set.
     */
    SharedState readShared(String key);

    /** Writes shared state, committed atomically with the decision. */
    void writeShared(String key, java.util.Map<String, Long> values);

    /**
     * Parks the signal (loop protection): nothing of the decision is applied, the signal is
     * recorded as processed and the audit says why.
     */
    void park(String reason);

    /**
     * The snapshot of the company the subject (a contact) is linked to in the store's identity
     * graph ({@link AliasStore}), read when asked; empty when the store keeps no aliases, the
     * contact has no company or the company has no snapshot yet.
     */
    default java.util.Optional<JourneySnapshot> account() {
      return java.util.Optional.empty();
    }

    /**
     * Notes a fact about an input the stage read from outside the store (an owner's availability,
     * a pool's members, a calendar's fingerprint), so that the audit can show what the stage saw
     * and a reproduction can tell when it sees something else. The value must not contain personal
     * data. Noting the same name twice keeps the last value. The default ignores the fact.
     *
     * @param name what the fact is about, e.g. {@code owner.o-7}
     * @param value what the stage saw, e.g. {@code available}
     */
    default void noteInput(String name, String value) {}
  }
}
