package dev.journey.core.engine;

import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.QuarantinedInput;

/**
 * Observes the engine, e.g. for metrics. Every method has a default; an exception thrown by a
 * listener is logged and ignored, never allowed to fail a signal.
 */
public interface JourneyListener {

  /** Called after a decision (of any outcome) was committed. */
  default void onCommitted(AuditRecord record) {}

  /** Called when a signal was recognised as a duplicate. */
  default void onDuplicate(String signalId) {}

  /**
   * Called when an input was set aside in the store's quarantine: a timer that failed too often,
   * or a signal id reused with other content.
   */
  default void onQuarantined(QuarantinedInput input) {}

  /** Called when a commit conflicted and the signal is re-evaluated. */
  default void onConflict(String signalId, int attempt) {}
}
