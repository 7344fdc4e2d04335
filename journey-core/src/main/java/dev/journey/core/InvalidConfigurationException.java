package dev.journey.core;

import java.util.Locale;

/**
 * A configuration document (an owner directory, a business calendar) is not acceptable: bad JSON
 * syntax, a missing or unknown field, a value of the wrong type or out of range.
 *
 * <p>The message reads {@code "<source> at <where>: <what> must be <allowed>, but was <actual>"};
 * the parts are available through the getters. {@code where} is a JSON path such as {@code
 * $.owners[2].dailyCap} or a position such as {@code line 4, column 17}.
 */
public final class InvalidConfigurationException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String where;
  private final String allowed;
  private final String actual;

  /**
   * Creates the exception.
   *
   * @param source the document, e.g. {@code owners.json}
   * @param where the JSON path or text position of the problem
   * @param allowed what is allowed there
   * @param actual what was found
   */
  public InvalidConfigurationException(String source, String where, String allowed, String actual) {
    super(
        String.format(
            Locale.ROOT, "%s at %s must be %s, but was %s", source, where, allowed, actual));
    this.source = source;
    this.where = where;
    this.allowed = allowed;
    this.actual = actual;
  }

  /** The document, e.g. {@code owners.json}. */
  public String source() {
    return source;
  }

  /** The JSON path or text position of the problem. */
  public String where() {
    return where;
  }

  /** What is allowed there. */
  public String allowed() {
    return allowed;
  }

  /** What was found. */
  public String actual() {
    return actual;
  }
}
