package dev.journey.core.metrics;

import dev.journey.core.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A point in a journey worth measuring — a handoff, a first touch, a meeting — reached by a subject
 * the first time it enters one of the given states ({@link Kind#STATE}) or receives a signal of one
 * of the given types ({@link Kind#SIGNAL}).
 *
 * @param name the milestone's name, e.g. {@code handoff}
 * @param kind what reaches it
 * @param values the states or signal types that reach it, never empty
 */
public record Milestone(String name, Kind kind, Set<String> values) {
  /** What reaches a milestone. */
  public enum Kind {
    /** Entering one of the states (a committed decision whose state after is one of them). */
    STATE,
    /** A signal of one of the types, whatever the decision on it. */
    SIGNAL
  }

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when the name is blank or no value is given
   */
  public Milestone {
    Checks.notBlank(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(values, "values");
    if (values.isEmpty()) {
      throw new IllegalArgumentException(
          "milestone '" + name + "' must name at least one " + kind.name().toLowerCase(java.util.Locale.ROOT)
              + ", but named none");
    }
    Set<String> copy = new LinkedHashSet<>();
    for (String v : values) {
      copy.add(Checks.notBlank(v, "milestone '" + name + "' value"));
    }
    values = Collections.unmodifiableSet(copy);
  }

  /** A milestone reached by entering one of the states. */
  public static Milestone state(String name, String... states) {
    return new Milestone(name, Kind.STATE, Set.of(states));
  }

  /** A milestone reached by a signal of one of the types. */
  public static Milestone signal(String name, String... signalTypes) {
    return new Milestone(name, Kind.SIGNAL, Set.of(signalTypes));
  }
}
