package dev.journey.core.engine;

import dev.journey.core.Signal;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link JourneyEngine#acceptAll} did with one signal of a batch: {@link Processed}, with the
 * {@link SignalResult} that {@link JourneyEngine#accept} returned for it, or {@link Failed}, with
 * the exception that call threw (a failure fails only its own signal). Match it with {@code
 * instanceof} patterns, or read it with {@link #resultOrThrow()}.
 */
public sealed interface Accepted permits Accepted.Processed, Accepted.Failed {

  /** Whether {@code accept} threw for this signal. */
  boolean failed();

  /**
   * The result, as {@link JourneyEngine#accept} would have returned it.
   *
   * @throws RuntimeException the failure, as {@code accept} would have thrown it
   */
  SignalResult resultOrThrow();

  /**
   * A signal {@code accept} processed.
   *
   * @param signal the signal, as it was in the batch
   * @param result what {@code accept} returned
   */
  record Processed(Signal signal, SignalResult result) implements Accepted {
    /** @throws NullPointerException when a component is null */
    public Processed {
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(result, "result");
    }

    @Override
    public boolean failed() {
      return false;
    }

    @Override
    public SignalResult resultOrThrow() {
      return result;
    }
  }

  /**
   * A signal for which {@code accept} threw; nothing of it was written.
   *
   * @param signal the signal, as it was in the batch; empty when the batch held a null
   * @param failure what {@code accept} threw
   */
  record Failed(Optional<Signal> signal, RuntimeException failure) implements Accepted {
    /** @throws NullPointerException when a component is null */
    public Failed {
      Objects.requireNonNull(signal, "signal");
      Objects.requireNonNull(failure, "failure");
    }

    @Override
    public boolean failed() {
      return true;
    }

    @Override
    public SignalResult resultOrThrow() {
      throw failure;
    }
  }
}
