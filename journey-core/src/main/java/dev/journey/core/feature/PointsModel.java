package dev.journey.core.feature;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A points model: the sum of the points of every rule whose condition holds, clamped to {@code
 * [min, max]}. {@code demo requested in 30 days: +40; pricing_views_7d >= 3: +20}.
 *
 * @param name the model's (and its score's) name
 * @param version the version
 * @param rules the point rules, in order
 * @param min the lowest score
 * @param max the highest score
 */
public record PointsModel(String name, String version, List<Rule> rules, double min, double max)
    implements ScoringModel {

  /**
   * One rule: {@code points} when {@code when} holds.
   *
   * @param when the condition
   * @param points the points, finite (negative to subtract)
   */
  public record Rule(Condition when, double points) {
    /** Validates. */
    public Rule {
      Objects.requireNonNull(when, "when");
      if (!Double.isFinite(points)) {
        throw new IllegalArgumentException("points must be finite, but were " + points);
      }
    }
  }

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when the name is not valid, the version blank, there are no
   *     rules or {@code min > max}
   */
  public PointsModel {
    Names.check(name);
    Objects.requireNonNull(version, "version");
    if (version.isBlank()) {
      throw new IllegalArgumentException("model '" + name + "': version must not be blank");
    }
    rules = List.copyOf(rules);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("model '" + name + "': a points model needs at least one rule");
    }
    if (!(min <= max)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "model '%s': min (%s) must be <= max (%s)", name, min, max));
    }
  }

  @Override
  public List<String> inputs() {
    List<String> inputs = new ArrayList<>();
    for (Rule rule : rules) {
      if (!inputs.contains(rule.when().feature())) {
        inputs.add(rule.when().feature());
      }
    }
    return inputs;
  }

  @Override
  public double score(ToDoubleFunction<String> features) {
    double total = 0;
    for (Rule rule : rules) {
      if (rule.when().test(features)) {
        total += rule.points();
      }
    }
    return Math.max(min, Math.min(max, total));
  }

  @Override
  public String canonical() {
    StringBuilder b = new StringBuilder("points ").append(name).append('@').append(version);
    b.append(" min=").append(min).append(" max=").append(max);
    for (Rule rule : rules) {
      b.append(" [").append(rule.when()).append(" : ").append(rule.points()).append(']');
    }
    return b.toString();
  }
}
