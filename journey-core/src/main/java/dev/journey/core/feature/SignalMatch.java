package dev.journey.core.feature;

import dev.journey.core.Signal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which signals a feature counts: one of {@code types}, and every attribute of {@code where}
 * equal to its value (compared as text: {@code 42}, {@code true} and {@code "x"} match {@code
 * "42"}, {@code "true"} and {@code "x"}).
 *
 * @param types the signal types, at least one
 * @param where attribute values the signal must carry; empty for none
 */
public record SignalMatch(Set<String> types, Map<String, String> where) {

  /**
   * Validates and copies into sorted, unmodifiable collections.
   *
   * @throws IllegalArgumentException when {@code types} is empty or holds a blank type
   */
  public SignalMatch {
    Objects.requireNonNull(types, "types");
    Objects.requireNonNull(where, "where");
    if (types.isEmpty()) {
      throw new IllegalArgumentException("a feature must match at least one signal type");
    }
    for (String type : types) {
      if (type == null || type.isBlank()) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "signal types must not be blank, but were %s", types));
      }
    }
    types = Set.copyOf(new TreeSet<>(types));
    for (Map.Entry<String, String> e : where.entrySet()) {
      Objects.requireNonNull(e.getKey(), "where key");
      Objects.requireNonNull(e.getValue(), "where value of " + e.getKey());
    }
    where = java.util.Collections.unmodifiableMap(new TreeMap<>(where));
  }

  /** Signals of these types, with no attribute condition. */
  public static SignalMatch of(String... types) {
    return new SignalMatch(Set.of(types), Map.of());
  }

  /** This match, also requiring {@code attribute} to equal {@code value}. */
  public SignalMatch where(String attribute, String value) {
    Map<String, String> more = new TreeMap<>(where);
    more.put(attribute, value);
    return new SignalMatch(types, more);
  }

  /** Returns {@code true} when {@code signal} counts. */
  public boolean matches(Signal signal) {
    if (!types.contains(signal.type())) {
      return false;
    }
    if (where.isEmpty()) {
      return true;
    }
    for (Map.Entry<String, String> e : where.entrySet()) {
      Object value = signal.attributes().get(e.getKey());
      if (value == null || !e.getValue().equals(String.valueOf(value))) {
        return false;
      }
    }
    return true;
  }

  /** Types and the attribute names of {@code where}: its values stay out of logs. */
  @Override
  public String toString() {
    return "SignalMatch[types=" + types + ", where=" + where.keySet() + "]";
  }

  /** The canonical text of this match, part of a feature's content hash. */
  String canonical() {
    return "types=" + new TreeSet<>(types) + " where=" + where;
  }
}
