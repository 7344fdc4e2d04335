package dev.journey.core.spi;

import dev.journey.core.internal.Checks;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A compare-and-set write of {@link SharedState}: it succeeds only when the stored version is
 * still {@code expectedVersion}; the stored version then becomes {@code expectedVersion + 1}.
 *
 * @param key the key
 * @param expectedVersion the version read
 * @param values the new values
 */
public record SharedWrite(String key, long expectedVersion, Map<String, Long> values) {
  /** Validates and copies. */
  public SharedWrite {
    Checks.notBlank(key, "key");
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }
}
