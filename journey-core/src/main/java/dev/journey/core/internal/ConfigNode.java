package dev.journey.core.internal;

import dev.journey.core.InvalidConfigurationException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A value read by {@link JsonReader} with its JSON path, offering typed, strict access that
 * fails with {@link InvalidConfigurationException} naming the path. Not API.
 */
public final class ConfigNode {
  private final String source;
  private final String path;
  private final Object value;

  private ConfigNode(String source, String path, Object value) {
    this.source = source;
    this.path = path;
    this.value = value;
  }

  /** Parses {@code text} and returns its root node ({@code $}). */
  public static ConfigNode parse(String source, String text) {
    return new ConfigNode(source, "$", JsonReader.parse(source, text));
  }

  /** The JSON path of this node, e.g. {@code $.owners[2]}. */
  public String path() {
    return path;
  }

  /** An error at this node. */
  public InvalidConfigurationException error(String allowed, String actual) {
    return new InvalidConfigurationException(source, path, allowed, actual);
  }

  private static String typeOf(Object v) {
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map() {
    if (!(value instanceof Map)) {
      throw error("an object", typeOf(value));
    }
    return (Map<String, Object>) value;
  }

  /**
   * Requires an object whose keys are all in {@code allowed}.
   *
   * @return this
   */
  public ConfigNode requireObject(String... allowed) {
    Map<String, Object> map = map();
    Set<String> known = new TreeSet<>(List.of(allowed));
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        throw new InvalidConfigurationException(
            source, path + "." + key, "one of the fields " + known, "an unknown field");
      }
    }
    return this;
  }

  /** The keys of this object, in document order. */
  public List<String> keys() {
    return new ArrayList<>(map().keySet());
  }

  /** Whether this object has {@code key}. */
  public boolean has(String key) {
    return map().containsKey(key);
  }

  /** The child {@code key}; fails when missing. */
  public ConfigNode get(String key) {
    Object child = map().get(key);
    if (child == null) {
      throw new InvalidConfigurationException(
          source, path + "." + key, "present", "missing");
    }
    return new ConfigNode(source, path + "." + key, child);
  }

  /** The child {@code key}, if present. */
  public Optional<ConfigNode> find(String key) {
    return has(key) ? Optional.of(get(key)) : Optional.empty();
  }

  /** The elements of this array. */
  public List<ConfigNode> elements() {
    if (!(value instanceof List)) {
      throw error("an array", typeOf(value));
    }
    List<?> list = (List<?>) value;
    List<ConfigNode> nodes = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      nodes.add(new ConfigNode(source, path + "[" + i + "]", list.get(i)));
    }
    return nodes;
  }

  /** This value as a non-blank string. */
  public String asString() {
    if (!(value instanceof String)) {
      throw error("a string", typeOf(value));
    }
    String s = (String) value;
    if (s.isBlank()) {
      throw error("a non-blank string", "''");
    }
    return s;
  }

  /** This value as a boolean. */
  public boolean asBoolean() {
    if (!(value instanceof Boolean)) {
      throw error("a boolean", typeOf(value));
    }
    return (Boolean) value;
  }

  /** This value as an integer in {@code [min, max]}. */
  public int asInt(int min, int max) {
    if (!(value instanceof Long)) {
      throw error("an integer", value instanceof Double ? "a decimal number" : typeOf(value));
    }
    long v = (Long) value;
    if (v < min || v > max) {
      throw error("an integer from " + min + " to " + max, String.valueOf(v));
    }
    return (int) v;
  }

  /** This value as an ISO-8601 instant, e.g. {@code 2026-03-02T09:00:00Z}. */
  public Instant asInstant() {
    String s = asString();
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw error("an ISO-8601 instant such as 2026-03-02T09:00:00Z", "'" + s + "'");
    }
  }

  /** This value as an ISO-8601 date, e.g. {@code 2026-12-25}. */
  public LocalDate asDate() {
    String s = asString();
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw error("an ISO-8601 date such as 2026-12-25", "'" + s + "'");
    }
  }

  /** This value as a time-zone id, e.g. {@code Europe/Berlin}. */
  public ZoneId asZone() {
    String s = asString();
    try {
      return ZoneId.of(s);
    } catch (DateTimeException e) {
      throw error("a time-zone id such as Europe/Berlin", "'" + s + "'");
    }
  }

  /** The elements of this array as non-blank strings. */
  public List<String> asStrings() {
    List<String> out = new ArrayList<>();
    for (ConfigNode node : elements()) {
      out.add(node.asString());
    }
    return out;
  }
}
