package dev.journey.config;

import dev.journey.core.JourneyException;
import java.util.Locale;
import java.util.Objects;

/**
 * A journey configuration file is not acceptable: malformed JSON, a field the format does not
 * know, a value of the wrong type or form, or a reference to something the file does not define
 * (a calendar, a state, a routing policy, a pool member).
 *
 * <p>The message reads {@code "<file> at <pointer> must be <allowed>, but was <actual>"}, for
 * example {@code journey.json at /slas/0/calendar must be one of the calendars [na, emea], but
 * was 'apac'}. The pointer is an RFC 6901 JSON Pointer into the file ({@code ""} is the whole
 * document); for malformed JSON the actual part names the line and column. The parts are
 * available through the getters. Messages name fields and references, never signal data.
 */
public final class JourneyConfigException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String pointer;
  private final String allowed;
  private final String actual;

  /**
   * Creates the exception.
   *
   * @param file the configuration file, as given to the loader
   * @param pointer the JSON Pointer of the problem, {@code ""} for the whole document
   * @param allowed what is allowed there
   * @param actual what was found
   */
  public JourneyConfigException(String file, String pointer, String allowed, String actual) {
    super(
        String.format(
            Locale.ROOT,
            "%s at %s must be %s, but was %s",
            Objects.requireNonNull(file, "file"),
            Objects.requireNonNull(pointer, "pointer").isEmpty() ? "\"\" (the document)" : pointer,
            Objects.requireNonNull(allowed, "allowed"),
            Objects.requireNonNull(actual, "actual")));
    this.file = file;
    this.pointer = pointer;
    this.allowed = allowed;
    this.actual = actual;
  }

  /** The configuration file, as given to the loader. */
  public String file() {
    return file;
  }

  /** The RFC 6901 JSON Pointer of the problem; {@code ""} for the whole document. */
  public String pointer() {
    return pointer;
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
