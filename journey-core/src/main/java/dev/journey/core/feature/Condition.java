package dev.journey.core.feature;

import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A comparison of one feature (or score) with a number: {@code pricing_views_7d >= 3}.
 *
 * @param feature the feature or score read
 * @param op the comparison
 * @param value the number compared with, finite
 */
public record Condition(String feature, Op op, double value) {

  /** The comparisons. */
  public enum Op {
    /** {@code >=}. */
    AT_LEAST(">="),
    /** {@code >}. */
    ABOVE(">"),
    /** {@code <=}. */
    AT_MOST("<="),
    /** {@code <}. */
    BELOW("<"),
    /** {@code ==}. */
    EQUALS("==");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written: {@code >=}, {@code >}, {@code <=}, {@code <}, {@code ==}. */
    public String symbol() {
      return symbol;
    }

    /**
     * The comparison written {@code symbol}.
     *
     * @throws IllegalArgumentException when it is none of them
     */
    public static Op of(String symbol) {
      for (Op op : values()) {
        if (op.symbol.equals(symbol)) {
          return op;
        }
      }
      throw new IllegalArgumentException(
          "a comparison must be one of >=, >, <=, <, ==, but was '" + symbol + "'");
    }
  }

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when the feature name is not valid or the value not finite
   */
  public Condition {
    Names.check(feature);
    Objects.requireNonNull(op, "op");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "condition on '%s': value must be finite, but was %s", feature, value));
    }
  }

  /** Returns {@code true} when the feature read through {@code features} satisfies this. */
  public boolean test(ToDoubleFunction<String> features) {
    double x = features.applyAsDouble(feature);
    return switch (op) {
      case AT_LEAST -> x >= value;
      case ABOVE -> x > value;
      case AT_MOST -> x <= value;
      case BELOW -> x < value;
      case EQUALS -> x == value;
    };
  }

  /** {@code feature op value}, as in a rule. */
  @Override
  public String toString() {
    return feature + " " + op.symbol() + " " + value;
  }
}
