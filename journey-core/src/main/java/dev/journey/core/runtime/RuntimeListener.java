package dev.journey.core.runtime;

import dev.journey.core.Signal;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;

/**
 * Observes a {@link JourneyRuntime}, e.g. for metrics. Every method has a default; an exception
 * thrown by a listener is logged and ignored. Called on the thread doing the work, so keep it
 * cheap. For commits, duplicates and conflicts register a {@link
 * dev.journey.core.engine.JourneyListener} on the engine.
 */
public interface RuntimeListener {

  /** A signal went through the engine; {@code nanos} is the time {@code accept} took. */
  default void onAccepted(SignalResult result, long nanos) {}

  /** A signal was refused by the intake (full, or the runtime not running). */
  default void onRefused(Signal signal, SignalRefusedException reason) {}

  /** The executor reported {@code result} for {@code entry} after {@code nanos}. */
  default void onExecuted(OutboxEntry entry, ExecutionResult result, long nanos) {}

  /** A lane (timers, relay, health) failed a tick; it runs again at its next interval. */
  default void onLaneFailed(String lane, RuntimeException failure) {}

  /** The health status changed. */
  default void onHealthChanged(RuntimeHealth previous, RuntimeHealth current) {}
}
