package dev.journey.testkit.replay;

import dev.journey.core.Signal;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.AuditRecord;

/**
 * Observes a replay, e.g. to print progress. Every method has a default; an exception thrown here
 * fails the replay (it runs in the caller's thread).
 */
public interface ReplayListener {
  /**
   * Called after each signal of the log was delivered.
   *
   * @param index the 0-based position in the log
   * @param total the number of signals in the log
   * @param signal the signal
   * @param result what the engine did with it
   */
  default void onSignal(int index, int total, Signal signal, SignalResult result) {}

  /** Called for every audit record the engine committed, timer firings included, in order. */
  default void onRecord(AuditRecord record) {}
}
