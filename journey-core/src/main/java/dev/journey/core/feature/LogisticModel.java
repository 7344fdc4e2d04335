package dev.journey.core.feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A logistic-regression model: {@code scale / (1 + e^-(intercept + Σ weight_i · x_i))}, where
 * {@code x_i} is feature {@code i} capped at {@code cap} (a last-seen feature reads {@code +∞}
 * before its first signal: the cap keeps the score finite). With {@code scale} 100 the score reads
 * as a percentage ("fit 82").
 *
 * @param name the model's (and its score's) name
 * @param version the version
 * @param intercept the intercept, finite
 * @param weights the weight of each input feature, in order, each finite
 * @param cap every input is read as at most this, finite and positive
 * @param scale the score of a certain outcome, finite and positive (1 for a probability)
 */
public record LogisticModel(
    String name,
    String version,
    double intercept,
    Map<String, Double> weights,
    double cap,
    double scale)
    implements ScoringModel {

  /**
   * Validates and copies (keeping the order of {@code weights}).
   *
   * @throws IllegalArgumentException when a name is not valid, the version blank, there are no
   *     weights or a number is not finite or positive where it must be
   */
  public LogisticModel {
    Names.check(name);
    Objects.requireNonNull(version, "version");
    if (version.isBlank()) {
      throw new IllegalArgumentException("model '" + name + "': version must not be blank");
    }
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("model '" + name + "': a logistic model needs at least one weight");
    }
    Map<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      Names.check(e.getKey());
      finite(name, "weight of " + e.getKey(), e.getValue());
      copy.put(e.getKey(), e.getValue());
    }
    weights = java.util.Collections.unmodifiableMap(copy);
    finite(name, "intercept", intercept);
    finite(name, "cap", cap);
    finite(name, "scale", scale);
    if (cap <= 0 || scale <= 0) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "model '%s': cap and scale must be positive, but were %s and %s",
              name, cap, scale));
    }
  }

  private static void finite(String model, String what, Double value) {
    if (value == null || !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "model '%s': %s must be finite, but was %s", model, what, value));
    }
  }

  @Override
  public List<String> inputs() {
    return new ArrayList<>(weights.keySet());
  }

  @Override
  public double score(ToDoubleFunction<String> features) {
    double z = intercept;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      z += e.getValue() * Math.min(cap, features.applyAsDouble(e.getKey()));
    }
    return scale / (1 + Math.exp(-z));
  }

  @Override
  public String canonical() {
    return String.format(Locale.ROOT, "logistic %s@%s intercept=%s weights=%s cap=%s scale=%s",
        name, version, intercept, weights, cap, scale);
  }
}
