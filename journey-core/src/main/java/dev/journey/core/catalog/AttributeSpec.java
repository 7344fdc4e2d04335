package dev.journey.core.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One attribute a signal type carries: its name, its {@link AttributeType type}, whether it is
 * required, and for strings the allowed values, for numbers the allowed range (both bounds
 * inclusive). Immutable; start with {@link #string}, {@link #integer}, {@link #number} or {@link
 * #bool} and refine with {@link #asRequired()}, {@link #oneOf} and {@link #between}:
 *
 * <pre>{@code
 * AttributeSpec plan = AttributeSpec.string("plan").asRequired().oneOf("starter", "growth", "enterprise");
 * AttributeSpec drop = AttributeSpec.integer("usageDropPercent").asRequired().between(0, 100);
 * }</pre>
 *
 * @param name the attribute's name: 1 to 64 letters, digits, {@code _ . -}
 * @param type its JSON type
 * @param required whether every signal of the type must carry it
 * @param allowedValues the values a string may take; empty for any string (and for other types)
 * @param minimum the smallest number allowed (numbers only)
 * @param maximum the largest number allowed (numbers only)
 */
public record AttributeSpec(
    String name,
    AttributeType type,
    boolean required,
    List<String> allowedValues,
    Optional<Double> minimum,
    Optional<Double> maximum) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when the name is not valid, allowed values are given for a
   *     type other than string (or twice the same), a range for a type other than a number, the
   *     minimum is above the maximum, or an integer range holds no integer
   */
  public AttributeSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    allowedValues = List.copyOf(allowedValues);
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(maximum, "maximum");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "attribute name must be 1 to 64 letters, digits, '_', '.' or '-', but was '" + name + "'");
    }
    if (!allowedValues.isEmpty() && type != AttributeType.STRING) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "attribute '%s': allowed values are for strings only, but the type is %s",
              name,
              type.jsonName()));
    }
    if (allowedValues.stream().distinct().count() != allowedValues.size()) {
      throw new IllegalArgumentException(
          "attribute '" + name + "': allowed values must be distinct, but were " + allowedValues);
    }
    boolean numeric = type == AttributeType.INTEGER || type == AttributeType.NUMBER;
    if ((minimum.isPresent() || maximum.isPresent()) && !numeric) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "attribute '%s': a range is for integers and numbers only, but the type is %s",
              name,
              type.jsonName()));
    }
    for (Optional<Double> bound : List.of(minimum, maximum)) {
      if (bound.isPresent() && !Double.isFinite(bound.get())) {
        throw new IllegalArgumentException(
            "attribute '" + name + "': a bound must be finite, but was " + bound.get());
      }
    }
    if (minimum.isPresent() && maximum.isPresent() && minimum.get() > maximum.get()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "attribute '%s': minimum must be <= maximum, but was %s > %s",
              name,
              number(minimum.get()),
              number(maximum.get())));
    }
    if (type == AttributeType.INTEGER
        && minimum.isPresent()
        && maximum.isPresent()
        && Math.ceil(minimum.get()) > Math.floor(maximum.get())) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "attribute '%s': the range must hold an integer, but was %s to %s",
              name,
              number(minimum.get()),
              number(maximum.get())));
    }
  }

  /** An optional string attribute of any value. */
  public static AttributeSpec string(String name) {
    return of(name, AttributeType.STRING);
  }

  /** An optional integer attribute of any value. */
  public static AttributeSpec integer(String name) {
    return of(name, AttributeType.INTEGER);
  }

  /** An optional number attribute of any value. */
  public static AttributeSpec number(String name) {
    return of(name, AttributeType.NUMBER);
  }

  /** An optional boolean attribute. */
  public static AttributeSpec bool(String name) {
    return of(name, AttributeType.BOOLEAN);
  }

  /** An optional attribute of this type and any value. */
  public static AttributeSpec of(String name, AttributeType type) {
    return new AttributeSpec(name, type, false, List.of(), Optional.empty(), Optional.empty());
  }

  /** This attribute, required. */
  public AttributeSpec asRequired() {
    return new AttributeSpec(name, type, true, allowedValues, minimum, maximum);
  }

  /**
   * This string attribute, limited to these values.
   *
   * @throws IllegalArgumentException when the type is not string or a value repeats
   */
  public AttributeSpec oneOf(String... values) {
    return new AttributeSpec(name, type, required, List.of(values), minimum, maximum);
  }

  /**
   * This number attribute, limited to {@code [min, max]}.
   *
   * @throws IllegalArgumentException when the type is not a number or {@code min > max}
   */
  public AttributeSpec between(double min, double max) {
    return new AttributeSpec(name, type, required, allowedValues, Optional.of(min), Optional.of(max));
  }

  /**
   * This number attribute with a lower bound only.
   *
   * @throws IllegalArgumentException when the type is not a number
   */
  public AttributeSpec atLeast(double min) {
    return new AttributeSpec(name, type, required, allowedValues, Optional.of(min), maximum);
  }

  /**
   * This number attribute with an upper bound only.
   *
   * @throws IllegalArgumentException when the type is not a number
   */
  public AttributeSpec atMost(double max) {
    return new AttributeSpec(name, type, required, allowedValues, minimum, Optional.of(max));
  }

  /** What a value must be, in words: {@code "an integer from 0 to 100"}, {@code "one of [a, b]"}. */
  public String describe() {
    if (!allowedValues.isEmpty()) {
      return "one of " + allowedValues;
    }
    String what = type.described();
    if (minimum.isPresent() && maximum.isPresent()) {
      return what + " from " + number(minimum.get()) + " to " + number(maximum.get());
    }
    if (minimum.isPresent()) {
      return what + " >= " + number(minimum.get());
    }
    if (maximum.isPresent()) {
      return what + " <= " + number(maximum.get());
    }
    return what;
  }

  /**
   * Why {@code value} is not acceptable, or empty when it is. The reason names the value's type
   * or size, never a string's content (attribute values may be personal data).
   */
  Optional<String> problem(Object value) {
    if (value == null || !type.accepts(value)) {
      return Optional.of(kindOf(value));
    }
    if (!allowedValues.isEmpty() && !allowedValues.contains(value)) {
      return Optional.of("another string (" + ((String) value).length() + " characters)");
    }
    if (value instanceof Number) {
      double d = ((Number) value).doubleValue();
      if (minimum.isPresent() && d < minimum.get()) {
        return Optional.of("a number below " + number(minimum.get()));
      }
      if (maximum.isPresent() && d > maximum.get()) {
        return Optional.of("a number above " + number(maximum.get()));
      }
    }
    return Optional.empty();
  }

  static String kindOf(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Long || value instanceof Integer) {
      return "an integer";
    }
    if (value instanceof Number) {
      return "a floating-point number";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof List) {
      return "an array";
    }
    return "an object";
  }

  /** 100.0 as "100", 0.5 as "0.5". */
  static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
