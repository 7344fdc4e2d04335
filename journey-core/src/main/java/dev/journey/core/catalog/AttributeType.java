package dev.journey.core.catalog;

import java.util.Locale;

/**
 * The JSON type of a signal attribute, as the catalog declares it. Signal attributes are copied
 * into JSON-compatible values (integral numbers become {@code Long}, floating ones {@code
 * Double}), so the check is exact: an {@link #INTEGER} must be an integral number, a {@link
 * #NUMBER} any number.
 */
public enum AttributeType {
  /** A string. */
  STRING,
  /** An integral number ({@code 3}, not {@code 3.0}). */
  INTEGER,
  /** Any number, integral or not. */
  NUMBER,
  /** {@code true} or {@code false}. */
  BOOLEAN;

  /** The name the journey file uses: {@code string}, {@code integer}, {@code number}, {@code boolean}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code value} (a JSON-compatible attribute value) is of this type. */
  boolean accepts(Object value) {
    switch (this) {
      case STRING:
        return value instanceof String;
      case INTEGER:
        return value instanceof Long || value instanceof Integer;
      case NUMBER:
        return value instanceof Number;
      case BOOLEAN:
        return value instanceof Boolean;
      default:
        throw new IllegalStateException("unknown type " + this);
    }
  }

  /** "a string", "an integer", ... for messages. */
  String described() {
    return this == INTEGER ? "an integer" : "a " + jsonName();
  }
}
