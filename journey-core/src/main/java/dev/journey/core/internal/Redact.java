package dev.journey.core.internal;

import java.util.Collection;
import java.util.Map;

/**
 * Renders values that may be personal data for {@code toString}: free text as its length, maps as
 * their keys. Not API.
 */
public final class Redact {
  private Redact() {}

  /** {@code <n chars>} for free text ({@code ''} when empty). */
  public static String text(String value) {
    return value.isEmpty() ? "''" : "<" + value.length() + " chars>";
  }

  /** The keys of a map, in its order. */
  public static String keys(Map<String, ?> map) {
    return map.keySet().toString();
  }

  /** {@code <n lines>} for a list of free-text lines. */
  public static String lines(Collection<String> lines) {
    return "<" + lines.size() + " lines>";
  }
}
