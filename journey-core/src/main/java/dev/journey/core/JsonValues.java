package dev.journey.core;

import dev.journey.core.internal.JsonLength;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates and deep-copies JSON-compatible values into an immutable, normalized form. Not API.
 *
 * <p>Allowed: {@code String}, {@code Boolean}, integral numbers (normalized to {@code Long}),
 * finite floating numbers (normalized to {@code Double}), {@code List} and {@code Map} with
 * {@code String} keys, nested up to {@value #MAX_DEPTH} levels. Nulls are rejected: omit the key.
 */
final class JsonValues {
  /** The deepest nesting accepted. */
  public static final int MAX_DEPTH = 16;

  private static final String ALLOWED =
      "a JSON value (String, Boolean, integral or finite number, List, Map with String keys)";

  private JsonValues() {}

  /**
   * Returns an immutable, normalized deep copy of {@code map}.
   *
   * @param path the name used in error messages, e.g. {@code attributes}
   * @throws InvalidSignalException naming the path of the first invalid value
   */
  public static Map<String, Object> copyObject(Map<?, ?> map, String path) {
    if (map == null) {
      throw new InvalidSignalException(path, "a map (possibly empty)", "null");
    }
    if (map.isEmpty()) {
      return Map.of();
    }
    return copyMap(map, new Where(null, path, -1), 0);
  }

  /** Where a value sits, turned into text only for an error message. */
  private static final class Where {
    final Where parent;
    final String name;
    final int index;

    Where(Where parent, String name, int index) {
      this.parent = parent;
      this.name = name;
      this.index = index;
    }

    @Override
    public String toString() {
      if (parent == null) {
        return name;
      }
      return index >= 0 ? parent + "[" + index + "]" : parent + "." + name;
    }
  }

  private static Map<String, Object> copyMap(Map<?, ?> map, Where path, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidSignalException(
          path.toString(), "nested at most " + MAX_DEPTH + " levels", "deeper");
    }
    Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object key = entry.getKey();
      if (!(key instanceof String)) {
        throw new InvalidSignalException(
            path + " key", "a String", key == null ? "null" : key.getClass().getSimpleName());
      }
      String name = (String) key;
      if (name.isEmpty()) {
        throw new InvalidSignalException(path + " key", "a non-empty String", "''");
      }
      copy.put(name, copyValue(entry.getValue(), new Where(path, name, -1), depth + 1));
    }
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(Object value, Where path, int depth) {
    if (value == null) {
      throw new InvalidSignalException(
          path.toString(), ALLOWED + "; omit the key instead of null", "null");
    }
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new InvalidSignalException(path.toString(), "a finite number", String.valueOf(d));
      }
      return d;
    }
    if (value instanceof BigInteger big) {
      if (big.bitLength() > 63) {
        throw new InvalidSignalException(
            path.toString(), "an integer within 64 bits", "a larger integer");
      }
      return big.longValue();
    }
    if (value instanceof BigDecimal bigDecimal) {
      double d = bigDecimal.doubleValue();
      if (Double.isInfinite(d)) {
        throw new InvalidSignalException(path.toString(), "a finite number", "out of range");
      }
      return d;
    }
    if (value instanceof Map) {
      return copyMap((Map<?, ?>) value, path, depth);
    }
    if (value instanceof List) {
      if (depth > MAX_DEPTH) {
        throw new InvalidSignalException(
            path.toString(), "nested at most " + MAX_DEPTH + " levels", "deeper");
      }
      List<?> list = (List<?>) value;
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(copyValue(list.get(i), new Where(path, null, i), depth + 1));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new InvalidSignalException(path.toString(), ALLOWED, value.getClass().getName());
  }

  /** The length of {@code value} as compact JSON (see {@link JsonLength#jsonLength}). */
  public static long jsonLength(Object value) {
    return JsonLength.jsonLength(value);
  }

  /**
   * Returns {@code true} when {@code value} written as compact JSON takes at most {@code limit}
   * characters. Cheap for small values: it scans strings for escapes only when an upper bound
   * (every character escaped) exceeds the limit.
   */
  public static boolean fits(Object value, long limit) {
    return upperBound(value) <= limit || jsonLength(value) <= limit;
  }

  /** An upper bound of {@link #jsonLength}: strings as if every character needed a 6-character escape. */
  private static long upperBound(Object value) {
    if (value instanceof String stringValue) {
      return 6L * stringValue.length() + 2;
    }
    if (value instanceof Map) {
      long n = 2;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        n += 2 + upperBound(String.valueOf(e.getKey())) + upperBound(e.getValue());
      }
      return n;
    }
    if (value instanceof List) {
      long n = 2;
      for (Object o : (List<?>) value) {
        n += 1 + upperBound(o);
      }
      return n;
    }
    return 32; // numbers and booleans: at most 24 characters
  }
}
