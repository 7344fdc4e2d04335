package dev.journey.core;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** A state name is not part of the journey model. */
public final class UnknownStateException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String journey;
  private final String state;
  private final Set<String> known;

  /**
   * Creates the exception.
   *
   * @param journey the journey model name
   * @param state the unknown state name
   * @param known the model's states
   */
  public UnknownStateException(String journey, String state, Set<String> known) {
    super(
        String.format(
            Locale.ROOT,
            "journey '%s' has no state '%s'; states are %s",
            journey,
            state,
            new TreeSet<>(known)));
    this.journey = journey;
    this.state = state;
    this.known = Set.copyOf(known);
  }

  /** The journey model name. */
  public String journey() {
    return journey;
  }

  /** The unknown name. */
  public String state() {
    return state;
  }

  /** The model's states. */
  public Set<String> known() {
    return known;
  }
}
