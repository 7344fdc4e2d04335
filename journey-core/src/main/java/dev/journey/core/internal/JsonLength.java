package dev.journey.core.internal;

import java.util.List;
import java.util.Map;

/**
 * Lengths of values written as compact JSON, in characters, as a store's document would hold
 * them: for the size limits on attributes and snapshots. Pure, and a leaf (no Journey types), so
 * that every package may use it. Not API.
 */
public final class JsonLength {
  private JsonLength() {}

  /**
   * The length of {@code value} written as compact JSON, in characters (escapes counted), as a
   * store's document would hold it. Values are those {@code JsonValues.copyObject} returns, or any String,
   * Boolean, Number, Map or List.
   */
  public static long jsonLength(Object value) {
    if (value instanceof String stringValue) {
      return stringLength(stringValue);
    }
    if (value instanceof Map) {
      long n = 2;
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        n += (first ? 0 : 1) + stringLength(String.valueOf(e.getKey())) + 1 + jsonLength(e.getValue());
        first = false;
      }
      return n;
    }
    if (value instanceof List) {
      long n = 2;
      boolean first = true;
      for (Object o : (List<?>) value) {
        n += (first ? 0 : 1) + jsonLength(o);
        first = false;
      }
      return n;
    }
    return String.valueOf(value).length();
  }

  /** The length of {@code s} as a JSON string literal, quotes and escapes included. */
  public static long stringLength(String s) {
    long n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\t' || c == '\r' || c == '\b' || c == '\f') {
        n += 2;
      } else if (c < 0x20) {
        n += 6;
      } else {
        n += 1;
      }
    }
    return n;
  }
}
