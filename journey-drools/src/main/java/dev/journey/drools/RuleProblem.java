package dev.journey.drools;

import java.util.Locale;
import java.util.Objects;

/**
 * One problem found while linting or compiling a rule set: its level, the DRL source it is in,
 * where, and what is wrong.
 *
 * @param level how serious it is
 * @param source the DRL source name (see {@link DrlSource#name()}), or the rule set key when a
 *     problem has no single source
 * @param line the 1-based line, 0 when unknown
 * @param column the 1-based column, 0 when unknown
 * @param message what is wrong
 */
public record RuleProblem(Level level, String source, int line, int column, String message) {

  /** How serious a problem is. */
  public enum Level {
    /** The rule set cannot be loaded. */
    ERROR,
    /** The rule set loads, but something looks wrong. */
    WARNING,
    /** For information. */
    INFO
  }

  /** Validates. */
  public RuleProblem {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, but was " + line);
    }
    if (column < 0) {
      throw new IllegalArgumentException("column must be >= 0, but was " + column);
    }
  }

  /** Returns {@code source:line:column: message} (with the level unless it is an error). */
  public String format() {
    String prefix = level == Level.ERROR ? "" : level.name().toLowerCase(Locale.ROOT) + ": ";
    return source + ":" + line + ":" + column + ": " + prefix + message;
  }
}
