package dev.journey.core;

import java.util.Locale;

/**
 * A value a rule or an application made is not acceptable: a timer name with white space, a
 * property value or a snapshot beyond the {@link Limits}. Nothing was written when this is
 * thrown.
 *
 * <p>The message reads {@code "<field> must be <allowed>, but was <actual>"}; the parts are
 * available through {@link #field()}, {@link #allowed()} and {@link #actual()}. Values that may be
 * personal data never appear in {@code actual}, only their sizes. {@link InvalidSignalException}
 * is the same for a signal at intake.
 */
public class InvalidValueException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String allowed;
  private final String actual;

  /**
   * Creates the exception.
   *
   * @param field where the problem is, e.g. {@code timer.name}
   * @param allowed what is allowed there
   * @param actual what was found (never a personal-data value)
   */
  public InvalidValueException(String field, String allowed, String actual) {
    super(String.format(Locale.ROOT, "%s must be %s, but was %s", field, allowed, actual));
    this.field = field;
    this.allowed = allowed;
    this.actual = actual;
  }

  /** Where the problem is. */
  public String field() {
    return field;
  }

  /** What is allowed. */
  public String allowed() {
    return allowed;
  }

  /** What was found. */
  public String actual() {
    return actual;
  }

  /**
   * Checks a timer name: 1 to {@link Limits#TIMER_NAME_LENGTH} characters, no white space or
   * control characters (the rules of a signal id, which the name becomes part of).
   *
   * @throws InvalidValueException when it is not
   */
  public static String checkTimerName(String name, String field) {
    if (name == null || name.isEmpty()) {
      throw new InvalidValueException(
          field, "1 to " + Limits.TIMER_NAME_LENGTH + " characters", name == null ? "null" : "''");
    }
    if (name.length() > Limits.TIMER_NAME_LENGTH) {
      throw new InvalidValueException(
          field,
          "at most " + Limits.TIMER_NAME_LENGTH + " characters",
          name.length() + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidValueException(
            field, "free of white space and control characters", "'" + name + "'");
      }
    }
    return name;
  }
}
