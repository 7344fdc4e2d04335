package dev.journey.core;

import java.util.Locale;
import java.util.Set;

/**
 * A decision asked for a state change that the journey model does not allow. The engine records
 * the rejected decision in the audit and applies none of it.
 */
public final class IllegalTransitionException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String journey;
  private final String fromState;
  private final String toState;
  private final Set<String> allowed;

  /**
   * Creates the exception.
   *
   * @param journey the journey model name
   * @param fromState the current state
   * @param toState the requested state
   * @param allowed the states reachable from {@code fromState}
   */
  public IllegalTransitionException(
      String journey, String fromState, String toState, Set<String> allowed) {
    super(
        String.format(
            Locale.ROOT,
            "journey '%s' cannot go from %s to %s; allowed from %s: %s",
            journey,
            fromState,
            toState,
            fromState,
            allowed.isEmpty() ? "none" : new java.util.TreeSet<>(allowed)));
    this.journey = journey;
    this.fromState = fromState;
    this.toState = toState;
    this.allowed = Set.copyOf(allowed);
  }

  /** The journey model name. */
  public String journey() {
    return journey;
  }

  /** The state the subject was in. */
  public String fromState() {
    return fromState;
  }

  /** The state the decision asked for. */
  public String toState() {
    return toState;
  }

  /** The states that were allowed from {@link #fromState()}. */
  public Set<String> allowed() {
    return allowed;
  }
}
