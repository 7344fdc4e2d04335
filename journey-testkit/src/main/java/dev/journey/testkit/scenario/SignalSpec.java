package dev.journey.testkit.scenario;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A signal without subject or time: what arrives in a scenario's {@code when}. The scenario fills
 * in the subject, the instant and, unless {@link #id(String) set}, a deterministic id. Create one
 * with {@link Scenario#signal(String)} or a shortcut like {@link Scenario#demoRequested()}.
 * Immutable: every {@code with} returns a copy.
 */
public final class SignalSpec {
  private final String type;
  private final String source;
  private final String id;
  private final Map<String, Object> attributes;

  SignalSpec(String type, String source, String id, Map<String, Object> attributes) {
    this.type = Objects.requireNonNull(type, "type");
    this.source = Objects.requireNonNull(source, "source");
    this.id = id;
    this.attributes = attributes;
  }

  /** The signal type. */
  public String type() {
    return type;
  }

  /** The explicit id, if set. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** A copy with an attribute added; values are JSON-compatible (strings, numbers, booleans, lists, maps). */
  public SignalSpec with(String name, Object value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, Object> copy = new LinkedHashMap<>(attributes);
    copy.put(name, value);
    return new SignalSpec(type, source, id, copy);
  }

  /** A copy with an explicit signal id (to send the same id twice, for instance). */
  public SignalSpec id(String id) {
    return new SignalSpec(type, source, Objects.requireNonNull(id, "id"), attributes);
  }

  /** A copy with another source; default {@code hubspot}. */
  public SignalSpec source(String source) {
    return new SignalSpec(type, Objects.requireNonNull(source, "source"), id, attributes);
  }

  /**
   * The signal about {@code subject} at {@code at}.
   *
   * @throws dev.journey.core.InvalidSignalException when a part is invalid
   */
  public Signal toSignal(SubjectRef subject, Instant at, String defaultId) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(defaultId, "defaultId");
    return Signal.builder()
        .id(id != null ? id : defaultId)
        .subject(subject)
        .type(type)
        .occurredAt(at)
        .source(source)
        .attributes(attributes)
        .build();
  }

  @Override
  public String toString() {
    return type + attributes.keySet();
  }
}
