package dev.journey.core.state;

import dev.journey.core.internal.Redact;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A timer waiting to fire for a subject. The generation increases every time a timer of that name
 * is (re)scheduled, so a firing of an older generation is recognised as stale and ignored.
 *
 * @param name the timer name, e.g. {@code sla:first-touch}
 * @param dueAt when it fires
 * @param generation the generation (the snapshot version that scheduled it)
 * @param attributes string attributes passed to the firing signal
 */
public record PendingTimer(String name, Instant dueAt, long generation, Map<String, String> attributes) {
  /** Validates and copies. */
  public PendingTimer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dueAt, "dueAt");
    if (generation < 1) {
      throw new IllegalArgumentException("generation must be >= 1, but was " + generation);
    }
    attributes =
        attributes.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "PendingTimer[name=" + name + ", dueAt=" + dueAt + ", generation=" + generation + ", attributes=" + Redact.keys(attributes) + "]";
  }
}
