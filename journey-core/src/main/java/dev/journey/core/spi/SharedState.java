package dev.journey.core.spi;

import dev.journey.core.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small piece of state shared across subjects (round-robin pointers, capacity counters), read
 * by decision stages and written back with compare-and-set in the same commit as the decision that
 * used it.
 *
 * @param key the key, e.g. {@code routing:pool:emea}
 * @param version the version; 0 when never written
 * @param values counter values
 */
public record SharedState(String key, long version, Map<String, Long> values) {
  /** Validates and copies. */
  public SharedState {
    Checks.notBlank(key, "key");
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** The state of a key never written. */
  public static SharedState empty(String key) {
    return new SharedState(key, 0, Map.of());
  }

  /** A value, 0 when absent. */
  public long value(String name) {
    return values.getOrDefault(name, 0L);
  }
}
