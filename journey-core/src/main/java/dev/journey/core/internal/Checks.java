package dev.journey.core.internal;

import java.util.Locale;
import java.util.Objects;

/** Argument checks with messages in the house form. Not API. */
public final class Checks {
  private Checks() {}

  /**
   * Requires a non-blank string.
   *
   * @throws NullPointerException when null
   * @throws IllegalArgumentException when blank
   */
  public static String notBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, but was '" + value + "'");
    }
    return value;
  }

  /** Requires a non-null string, empty allowed (meaning "none"). */
  public static String notNull(String value, String name) {
    return Objects.requireNonNull(value, name);
  }

  /** Requires {@code value >= min}. */
  public static long atLeast(long value, long min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s must be >= %d, but was %d", name, min, value));
    }
    return value;
  }
}
