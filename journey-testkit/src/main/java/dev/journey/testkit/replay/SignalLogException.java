package dev.journey.testkit.replay;

import dev.journey.core.JourneyException;
import java.util.Locale;

/**
 * A JSON-lines file could not be read: names the file, the line and what was wrong with it.
 * Messages never contain attribute values.
 */
public final class SignalLogException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String problem;

  SignalLogException(String file, int line, String problem, Throwable cause) {
    super(String.format(Locale.ROOT, "%s:%d: %s", file, line, problem), cause);
    this.file = file;
    this.line = line;
    this.problem = problem;
  }

  /** The file, as given. */
  public String file() {
    return file;
  }

  /** The 1-based line number; 0 when the file itself could not be read. */
  public int line() {
    return line;
  }

  /** What was wrong. */
  public String problem() {
    return problem;
  }
}
