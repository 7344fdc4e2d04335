package dev.journey.drools;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One DRL source of a {@link RuleSet}: a name (used in problem reports, e.g. {@code handoff.drl})
 * and its text.
 *
 * <p>Immutable and thread-safe. {@link #toString()} prints the name and size, not the text.
 *
 * @param name a relative file name ending in {@code .drl}: letters, digits, {@code _ . - /}
 * @param text the DRL text
 */
public record DrlSource(String name, String text) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*\\.drl");

  /**
   * Validates.
   *
   * @throws IllegalArgumentException when the name is not a relative {@code .drl} file name
   */
  public DrlSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException(
          "DRL source name must be a relative file name ending in .drl (letters, digits, '_', '.',"
              + " '-', '/'), but was '"
              + name
              + "'");
    }
  }

  @Override
  public String toString() {
    return "DrlSource[" + name + ", " + text.length() + " chars]";
  }
}
