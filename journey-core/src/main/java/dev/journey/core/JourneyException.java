package dev.journey.core;

/**
 * The root of every domain failure Journey reports. Misuse of the API (a null argument, an
 * illegal builder value) is reported with the JDK's {@link NullPointerException}, {@link
 * IllegalArgumentException} and {@link IllegalStateException} instead.
 *
 * <p>Messages say what failed, where, what is allowed and what was found; they never contain
 * attribute values, emails, names or tokens.
 */
public abstract class JourneyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** For subclasses. */
  protected JourneyException(String message) {
    super(message);
  }

  /** For subclasses. */
  protected JourneyException(String message, Throwable cause) {
    super(message, cause);
  }
}
