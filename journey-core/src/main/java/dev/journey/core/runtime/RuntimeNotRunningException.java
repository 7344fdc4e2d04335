package dev.journey.core.runtime;

import java.time.Duration;
import java.util.Locale;

/**
 * The runtime refused a signal because it is not running: not started yet, stopping or closed.
 * Nothing was written; deliver the signal again (to a running instance) after {@link
 * #retryAfter()}.
 */
public final class RuntimeNotRunningException extends SignalRefusedException {
  private static final long serialVersionUID = 1L;

  private final JourneyRuntime.State state;

  RuntimeNotRunningException(String signalId, JourneyRuntime.State state, Duration retryAfter) {
    super(
        String.format(
            Locale.ROOT,
            "signal %s refused: the runtime is %s, it accepts signals only when RUNNING;"
                + " nothing was written",
            signalId,
            state),
        signalId,
        retryAfter);
    this.state = state;
  }

  /** The runtime's state when it refused. */
  public JourneyRuntime.State state() {
    return state;
  }
}
