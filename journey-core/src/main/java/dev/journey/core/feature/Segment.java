package dev.journey.core.feature;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A segment: a versioned predicate over features and scores, true when every condition holds
 * ({@code hot: lead_score >= 70 and pricing_views_7d >= 2}). Read like a feature by its name: 1
 * for a member, 0 otherwise; the snapshot keeps its version with the value.
 *
 * @param name the segment's name: a feature name, unique in the set
 * @param version the version
 * @param all the conditions, all of which must hold; at least one
 */
public record Segment(String name, String version, List<Condition> all) {
  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when the name is not valid, the version blank or there are
   *     no conditions
   */
  public Segment {
    Names.check(name);
    Objects.requireNonNull(version, "version");
    if (version.isBlank()) {
      throw new IllegalArgumentException("segment '" + name + "': version must not be blank");
    }
    all = List.copyOf(all);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("segment '" + name + "' needs at least one condition");
    }
  }

  /** Returns {@code true} when the subject whose features read as {@code features} is a member. */
  public boolean test(ToDoubleFunction<String> features) {
    for (Condition c : all) {
      if (!c.test(features)) {
        return false;
      }
    }
    return true;
  }

  /** The canonical text, part of the feature set's content hash. */
  public String canonical() {
    return "segment " + name + "@" + version + " " + all;
  }
}
