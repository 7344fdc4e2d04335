package dev.journey.core;

import dev.journey.core.internal.Fingerprint;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A trusted buyer event about one subject: a form fill, a demo request, a meeting booked, a
 * lifecycle change, an expired timer...
 *
 * <p>The {@link #id() id} is the idempotency key: the engine processes a signal id at most once,
 * so redelivery is harmless. {@link #attributes() Attributes} are JSON-compatible values, copied
 * deeply and immutable (integral numbers become {@code Long}, floating ones {@code Double}).
 * {@link #toString()} prints attribute <em>names</em> only, since values can be personal data.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Signal demo = Signal.builder()
 *     .id("form-7781")
 *     .subject(SubjectRef.contact("1001"))
 *     .type(SignalTypes.DEMO_REQUESTED)
 *     .occurredAt(Instant.parse("2026-03-02T09:15:00Z"))
 *     .source("hubspot")
 *     .attribute("fitScore", 82)
 *     .build();
 * }</pre>
 *
 * @param id the idempotency key, 1 to {@value #MAX_ID_LENGTH} characters without white space
 * @param subject the subject the signal is about
 * @param type the signal type, e.g. {@link SignalTypes#DEMO_REQUESTED}; letters, digits, {@code _
 *     . - :}
 * @param occurredAt when it happened
 * @param source who reported it, e.g. {@code hubspot} or {@code journey}
 * <p>A {@link SignalTypes#TIMER_FIRED} signal made by the engine carries the timer it fires as a
 * typed {@link #firing()}; its attributes are the timer's own. On the wire (JSON lines, stores)
 * the firing is written as the attributes {@code timer} and {@code generation} ({@link
 * #wireAttributes()}), and a {@code TIMER_FIRED} signal built from such attributes gets its firing
 * back from them.
 *
 * @param attributes JSON-compatible attributes
 * @param firing the timer a {@code TIMER_FIRED} signal fires; empty for every other signal
 */
public record Signal(
    String id,
    SubjectRef subject,
    String type,
    Instant occurredAt,
    String source,
    Map<String, Object> attributes,
    Optional<TimerFiring> firing) {

  /** The longest signal id accepted. */
  public static final int MAX_ID_LENGTH = 256;


  /**
   * Validates and copies.
   *
   * @throws InvalidSignalException naming the first invalid field, what is allowed and what was
   *     found
   */
  public Signal {
    if (id == null || id.isBlank()) {
      throw new InvalidSignalException(
          "signal.id", "1 to " + MAX_ID_LENGTH + " non-blank characters", quoteOrNull(id));
    }
    if (id.length() > MAX_ID_LENGTH) {
      throw new InvalidSignalException(
          "signal.id", "at most " + MAX_ID_LENGTH + " characters", id.length() + " characters");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidSignalException("signal.id", "free of white space", "'" + id + "'");
      }
    }
    if (subject == null) {
      throw new InvalidSignalException("signal.subject", "a subject such as contact:123", "null");
    }
    if (!isToken(type, false)) {
      throw new InvalidSignalException(
          "signal.type", "1 to 64 of letters, digits, '_', '.', '-', ':'", quoteOrNull(type));
    }
    if (occurredAt == null) {
      throw new InvalidSignalException("signal.occurredAt", "an instant", "null");
    }
    if (!isToken(source, true)) {
      throw new InvalidSignalException(
          "signal.source", "1 to 64 of letters, digits, '_', '.', '-', ':', '/'", quoteOrNull(source));
    }
    attributes = JsonValues.copyObject(attributes, "signal.attributes");
    if (!JsonValues.fits(attributes, Limits.ATTRIBUTES_LENGTH)) {
      throw new InvalidSignalException(
          "signal.attributes",
          "at most " + Limits.ATTRIBUTES_LENGTH + " characters as JSON",
          JsonValues.jsonLength(attributes) + " characters");
    }
    if (firing == null) {
      throw new InvalidSignalException("signal.firing", "a timer firing or empty", "null");
    }
    boolean timer = SignalTypes.TIMER_FIRED.equals(type);
    if (firing.isEmpty() && timer) {
      // the wire form: the firing in the attributes timer and generation
      Object name = attributes.get(TimerFiring.NAME_ATTRIBUTE);
      Object generation = attributes.get(TimerFiring.GENERATION_ATTRIBUTE);
      if (name instanceof String n && !n.isBlank() && generation instanceof Long g && g >= 0) {
        firing = Optional.of(new TimerFiring(n, g, occurredAt));
        Map<String, Object> rest = new LinkedHashMap<>(attributes);
        rest.remove(TimerFiring.NAME_ATTRIBUTE);
        rest.remove(TimerFiring.GENERATION_ATTRIBUTE);
        attributes = rest.isEmpty() ? Map.of() : Collections.unmodifiableMap(rest);
      }
    }
    if (firing.isPresent()) {
      TimerFiring f = firing.get();
      if (!timer) {
        throw new InvalidSignalException(
            "signal.firing", "only on a " + SignalTypes.TIMER_FIRED + " signal", "on " + type);
      }
      if (!f.dueAt().equals(occurredAt)) {
        throw new InvalidSignalException(
            "signal.firing.dueAt", "the signal's occurredAt (" + occurredAt + ")", f.dueAt().toString());
      }
      if (attributes.containsKey(TimerFiring.NAME_ATTRIBUTE)
          || attributes.containsKey(TimerFiring.GENERATION_ATTRIBUTE)) {
        throw new InvalidSignalException(
            "signal.attributes",
            "no 'timer' or 'generation' next to a typed firing (they are its wire form)",
            attributes.keySet().toString());
      }
    }
  }

  /**
   * A signal without a typed firing (a {@code TIMER_FIRED} one gets it from its {@code timer} and
   * {@code generation} attributes).
   *
   * @throws InvalidSignalException naming the first invalid field
   */
  public Signal(
      String id,
      SubjectRef subject,
      String type,
      Instant occurredAt,
      String source,
      Map<String, Object> attributes) {
    this(id, subject, type, occurredAt, source, attributes, Optional.empty());
  }

  /**
   * The firing of {@code timer}: the timer signal the engine creates when a pending timer is due.
   * Its id is {@code id}, its time the timer's due time, its source {@code journey}.
   *
   * @throws InvalidSignalException when a field is invalid
   */
  public static Signal timerFired(
      String id, SubjectRef subject, TimerFiring timer, Map<String, ?> attributes) {
    Objects.requireNonNull(timer, "timer");
    return new Signal(
        id,
        subject,
        SignalTypes.TIMER_FIRED,
        timer.dueAt(),
        "journey",
        new LinkedHashMap<>(Objects.requireNonNull(attributes, "attributes")),
        Optional.of(timer));
  }

  /** Returns {@code true} when this is the firing of the timer named {@code name}. */
  public boolean isTimer(String name) {
    Objects.requireNonNull(name, "name");
    return firing.isPresent() && firing.get().name().equals(name);
  }

  /**
   * The attributes as written to logs and stores: {@link #attributes()}, followed for a timer
   * firing by {@code timer} (its name) and {@code generation}.
   */
  public Map<String, Object> wireAttributes() {
    if (firing.isEmpty()) {
      return attributes;
    }
    Map<String, Object> wire = new LinkedHashMap<>(attributes);
    wire.put(TimerFiring.NAME_ATTRIBUTE, firing.get().name());
    wire.put(TimerFiring.GENERATION_ATTRIBUTE, firing.get().generation());
    return Collections.unmodifiableMap(wire);
  }

  /** 1 to 64 of letters, digits, '_', '.', '-', ':' (and '/' when {@code slash}). */
  private static boolean isToken(String s, boolean slash) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '.'
              || c == '-'
              || c == ':'
              || (slash && c == '/');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String quoteOrNull(String s) {
    return s == null ? "null" : "'" + s + "'";
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the attribute, if present. */
  public Optional<Object> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** Returns a string attribute, if present and a string. */
  public Optional<String> stringAttribute(String name) {
    Object value = attributes.get(name);
    return value instanceof String ? Optional.of((String) value) : Optional.empty();
  }

  /** Returns a numeric attribute as a long, if present and numeric (doubles are truncated). */
  public Optional<Long> longAttribute(String name) {
    Object value = attributes.get(name);
    return value instanceof Number ? Optional.of(((Number) value).longValue()) : Optional.empty();
  }

  /**
   * A fingerprint of the content: subject, type, source and attributes. A redelivery of a signal
   * has the fingerprint of the original; a different signal reusing its id almost surely has not.
   * The id and {@link #occurredAt()} are left out: some senders stamp the time again when they
   * redeliver, and a redelivery must not read as a conflict. 32 hexadecimal digits (128 bits of
   * SHA-256).
   */
  public String fingerprint() {
    return Fingerprint.ofSignal(this).hex();
  }

  static {
    Fingerprint.installSignalContent(
        (signal, into) -> {
          if (!(signal instanceof Signal s)) {
            throw new IllegalArgumentException(
                "a fingerprint's content must be a Signal, but was " + signal.getClass().getName());
          }
          s.feedContent(into);
        });
  }

  /** The fingerprinted content, in its stored order; the one definition of what it covers. */
  private void feedContent(Fingerprint into) {
    into.text(subject.prefix(), subject.id()) // as text(subject.toString()), without building it
        .text(type)
        .text(source)
        .value(wireAttributes());
  }

  /** Returns {@code true} when this is a timer firing created by the engine. */
  public boolean isTimer() {
    return SignalTypes.TIMER_FIRED.equals(type);
  }

  /** Prints everything but attribute values. */
  @Override
  public String toString() {
    return "Signal[id="
        + id
        + ", subject="
        + subject
        + ", type="
        + type
        + ", occurredAt="
        + occurredAt
        + ", source="
        + source
        + ", attributes="
        + attributes.keySet()
        + firing.map(f -> ", firing=" + f).orElse("")
        + "]";
  }

  /**
   * Builds a {@link Signal}. Not thread-safe; {@link #build()} validates and copies, so the built
   * signal is independent of the builder.
   */
  public static final class Builder {
    private String id;
    private SubjectRef subject;
    private String type;
    private Instant occurredAt;
    private String source = "app";
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private Optional<TimerFiring> firing = Optional.empty();

    Builder() {}

    /** Sets the idempotency key. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Sets the subject. */
    public Builder subject(SubjectRef subject) {
      this.subject = subject;
      return this;
    }

    /** Sets the type. */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /** Sets the time it happened. */
    public Builder occurredAt(Instant occurredAt) {
      this.occurredAt = occurredAt;
      return this;
    }

    /** Sets the source; default {@code app}. */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    /** Adds an attribute. */
    public Builder attribute(String name, Object value) {
      attributes.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /** Sets the timer a {@code TIMER_FIRED} signal fires; its due time must be the signal's time. */
    public Builder firing(TimerFiring firing) {
      this.firing = Optional.of(Objects.requireNonNull(firing, "firing"));
      return this;
    }

    /** Adds all attributes. */
    public Builder attributes(Map<String, ?> values) {
      attributes.putAll(values);
      return this;
    }

    /**
     * Builds the signal.
     *
     * @throws InvalidSignalException when a field is invalid
     */
    public Signal build() {
      return new Signal(id, subject, type, occurredAt, source, attributes, firing);
    }
  }
}
