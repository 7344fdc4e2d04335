package dev.journey.core.engine;

import dev.journey.core.Signal;
import java.util.Objects;

/**
 * What {@link JourneyEngine#acceptAll} did with one signal of a batch: the {@link SignalResult}
 * that {@link JourneyEngine#accept} returned for it, or the exception that call threw (a failure
 * fails only its own signal). Exactly one of the two is present.
 *
 * @param signal the signal, as it was in the batch (null when the batch held a null)
 * @param result the result, or null when the signal failed
 * @param failure what {@code accept} threw, or null when it returned a result
 */
public record Accepted(Signal signal, SignalResult result, RuntimeException failure) {
  /**
   * @throws IllegalArgumentException unless exactly one of {@code result} and {@code failure} is
   *     given
   */
  public Accepted {
    if ((result == null) == (failure == null)) {
      throw new IllegalArgumentException(
          "an accepted signal has a result or a failure, not "
              + (result == null ? "neither" : "both") + " (signal "
              + (signal == null ? "null" : signal.id()) + ")");
    }
  }

  /** Whether {@code accept} threw for this signal. */
  public boolean failed() {
    return failure != null;
  }

  /**
   * The result, as {@link JourneyEngine#accept} would have returned it.
   *
   * @throws RuntimeException the failure, as {@code accept} would have thrown it
   */
  public SignalResult resultOrThrow() {
    if (failure != null) {
      throw failure;
    }
    return Objects.requireNonNull(result);
  }
}
