package dev.journey.core.runtime;

import dev.journey.core.JourneyException;
import java.util.Locale;

/**
 * The runtime refused a signal because it is not running: not started yet, stopping or closed.
 * Nothing was written; deliver the signal to a running instance.
 */
public final class RuntimeNotRunningException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String signalId;
  private final JourneyRuntime.State state;

  RuntimeNotRunningException(String signalId, JourneyRuntime.State state) {
    super(
        String.format(
            Locale.ROOT,
            "signal %s refused: the runtime is %s, it accepts signals only when RUNNING;"
                + " nothing was written",
            signalId,
            state));
    this.signalId = signalId;
    this.state = state;
  }

  /** The refused signal's id. */
  public String signalId() {
    return signalId;
  }

  /** The runtime's state when it refused. */
  public JourneyRuntime.State state() {
    return state;
  }
}
