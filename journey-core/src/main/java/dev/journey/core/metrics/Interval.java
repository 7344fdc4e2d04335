package dev.journey.core.metrics;

import dev.journey.core.internal.Checks;

/**
 * A duration measured between two milestones of the same subject, e.g. time to first touch from
 * {@code handoff} to {@code first touch}; measured only when both are reached, the second not
 * before the first.
 *
 * @param name the interval's name, e.g. {@code time to first touch}
 * @param from the milestone it starts at
 * @param to the milestone it ends at
 */
public record Interval(String name, String from, String to) {
  /** Validates. */
  public Interval {
    Checks.notBlank(name, "name");
    Checks.notBlank(from, "from");
    Checks.notBlank(to, "to");
    if (from.equals(to)) {
      throw new IllegalArgumentException(
          "interval '" + name + "' must run between two different milestones, but both were '" + from + "'");
    }
  }
}
