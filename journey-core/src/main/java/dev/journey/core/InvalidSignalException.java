package dev.journey.core;

/**
 * A signal (or a part of it) is not acceptable. Nothing was written when this is thrown.
 *
 * <p>The message reads {@code "<field> must be <allowed>, but was <actual>"}; the parts are
 * available through {@link #field()}, {@link #allowed()} and {@link #actual()}. Attribute
 * <em>values</em> never appear in {@code actual}, only their types or sizes.
 */
public final class InvalidSignalException extends InvalidValueException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param field where the problem is, e.g. {@code signal.id} or {@code attributes.pages[2]}
   * @param allowed what is allowed there
   * @param actual what was found (never a personal-data value)
   */
  public InvalidSignalException(String field, String allowed, String actual) {
    super(field, allowed, actual);
  }
}
