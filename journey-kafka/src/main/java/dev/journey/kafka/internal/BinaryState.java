package dev.journey.kafka.internal;

import dev.journey.core.SubjectRef;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import dev.journey.core.state.PendingTimer;
import dev.journey.core.state.PropertyValue;
import dev.journey.core.state.Suppression;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The binary format of the values the journey state stores keep: snapshots, inbox entries and
 * the timer index's due timers. A value is one format byte ({@link #FORMAT_V1}) and the fields in
 * a fixed order: strings as a varint byte length and UTF-8, longs as zig-zag varints, instants as
 * seconds (zig-zag varint) and nanos (varint), maps as a varint count and their entries in key
 * order, optionals as a presence byte. Features are {@link FeatureSnapshot#encode()}'s text.
 *
 * <p>Values written by earlier versions are JSON documents (first byte {@code '{'}); {@link
 * #isJson} tells them apart so that a store restored from an old changelog stays readable. Any
 * other first byte is refused with a {@link StateFormatException}. Stateless and thread-safe.
 */
public final class BinaryState {
  /** The first byte of every value in format 1. */
  public static final byte FORMAT_V1 = 1;
  /**
   * The first byte of a snapshot value in format 2: format 1's snapshot fields, then the signal
   * ids its subject committed within the inbox retention ({@link Seen}: a varint count, then per
   * id its text, its fingerprint and its commit instant). Only snapshot values have a format 2.
   */
  public static final byte FORMAT_V2 = 2;

  private BinaryState() {}

  /** Whether a stored value is a JSON document of an earlier version (starts with '{'). */
  static boolean isJson(byte[] value) {
    return value.length > 0 && value[0] == '{';
  }

  // ------------------------------------------------------------------ snapshots

  /** A snapshot in format 1. */
  public static byte[] writeSnapshot(JourneySnapshot s) {
    Out out = new Out(128);
    out.bytes[out.size++] = FORMAT_V1;
    snapshot(out, s);
    return out.result();
  }

  /**
   * A snapshot with the signal ids its subject committed: in format 2, or in format 1 when there
   * are none (format 1 is format 2 without the ids).
   */
  public static byte[] writeSubject(JourneySnapshot s, java.util.List<Seen> seen) {
    if (seen.isEmpty()) {
      return writeSnapshot(s);
    }
    Out out = new Out(128 + 48 * seen.size());
    out.bytes[out.size++] = FORMAT_V2;
    snapshot(out, s);
    out.varint(seen.size());
    for (Seen id : seen) {
      out.string(id.signalId());
      out.fingerprint(id.fingerprint());
      out.instant(id.committedAt());
    }
    return out.result();
  }

  /**
   * A signal id its subject committed, as a snapshot in format 2 keeps it; an empty fingerprint
   * stands for none.
   */
  public record Seen(String signalId, String fingerprint, Instant committedAt) {}

  /** A snapshot with the signal ids kept beside it (none in format 1). */
  public record Subject(JourneySnapshot snapshot, java.util.List<Seen> seen) {}

  /**
   * Reads a snapshot value in format 1 or 2.
   *
   * @throws StateFormatException when the bytes are neither
   */
  public static Subject readSubject(byte[] value) {
    In in = new In(value, "snapshot", true);
    try {
      JourneySnapshot snapshot = snapshot(in);
      java.util.List<Seen> seen = java.util.List.of();
      if (in.format == FORMAT_V2) {
        int n = in.count();
        Seen[] ids = new Seen[n];
        for (int i = 0; i < n; i++) {
          ids[i] = new Seen(in.string(), in.fingerprint(), in.instant());
        }
        seen = java.util.List.of(ids);
      }
      in.end();
      return new Subject(snapshot, seen);
    } catch (StateFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw in.refused(e);
    }
  }

  private static void snapshot(Out out, JourneySnapshot s) {
    out.string(s.subject().toString());
    out.string(s.state());
    out.instant(s.stateSince());
    out.varint(s.properties().size());
    for (Map.Entry<String, PropertyValue> e : s.properties().entrySet()) {
      out.string(e.getKey());
      out.string(e.getValue().value());
      out.string(e.getValue().writer());
      out.instant(e.getValue().writtenAt());
    }
    out.varint(s.timers().size());
    for (Map.Entry<String, PendingTimer> e : s.timers().entrySet()) {
      out.string(e.getKey());
      timer(out, e.getValue());
    }
    out.varint(s.suppressions().size());
    for (Map.Entry<String, Suppression> e : s.suppressions().entrySet()) {
      out.string(e.getKey());
      out.string(e.getValue().channel());
      out.string(e.getValue().reason());
      out.instant(e.getValue().until());
    }
    out.varint(s.counters().size());
    for (Map.Entry<String, Long> e : s.counters().entrySet()) {
      out.string(e.getKey());
      out.zigzag(e.getValue());
    }
    out.optional(s.ruleSet());
    out.zigzag(s.version());
    out.instant(s.updatedAt());
    out.string(s.features().encode());
    out.varint(s.journeys().size());
    for (Map.Entry<String, JourneyState> e : s.journeys().entrySet()) {
      out.string(e.getKey());
      out.string(e.getValue().state());
      out.instant(e.getValue().since());
      out.optional(e.getValue().ruleSet());
    }
  }

  /**
   * Reads a snapshot in format 1 or 2 (without the signal ids a format-2 value keeps).
   *
   * @throws StateFormatException when the bytes are neither
   */
  public static JourneySnapshot readSnapshot(byte[] value) {
    return readSubject(value).snapshot();
  }

  private static JourneySnapshot snapshot(In in) {
      SubjectRef subject = SubjectRef.parse(in.string());
      String state = in.string();
      Instant stateSince = in.instant();
      int n = in.count();
      Map<String, PropertyValue> properties = new LinkedHashMap<>(capacity(n));
      for (int i = 0; i < n; i++) {
        properties.put(in.string(), new PropertyValue(in.string(), in.string(), in.instant()));
      }
      n = in.count();
      Map<String, PendingTimer> timers = new LinkedHashMap<>(capacity(n));
      for (int i = 0; i < n; i++) {
        timers.put(in.string(), timer(in));
      }
      n = in.count();
      Map<String, Suppression> suppressions = new LinkedHashMap<>(capacity(n));
      for (int i = 0; i < n; i++) {
        suppressions.put(in.string(), new Suppression(in.string(), in.string(), in.instant()));
      }
      n = in.count();
      Map<String, Long> counters = new LinkedHashMap<>(capacity(n));
      for (int i = 0; i < n; i++) {
        counters.put(in.string(), in.zigzag());
      }
      Optional<String> ruleSet = in.optional();
      long version = in.zigzag();
      Instant updatedAt = in.instant();
      FeatureSnapshot features = FeatureSnapshot.decode(in.string());
      n = in.count();
      Map<String, JourneyState> journeys = new LinkedHashMap<>(capacity(n));
      for (int i = 0; i < n; i++) {
        journeys.put(in.string(), new JourneyState(in.string(), in.instant(), in.optional()));
      }
      return new JourneySnapshot(subject, state, stateSince, properties, timers, suppressions,
          counters, ruleSet, version, updatedAt, features, journeys);
  }

  // ------------------------------------------------------------------ inbox

  /** An inbox entry in format 1: subject, fingerprint (empty for none), receivedAt. */
  public static byte[] writeInbox(String subject, String fingerprint, Instant receivedAt) {
    Out out = new Out(16 + subject.length() + fingerprint.length());
    out.bytes[out.size++] = FORMAT_V1;
    out.string(subject);
    out.string(fingerprint);
    out.instant(receivedAt);
    return out.result();
  }

  /** The fields of an inbox entry; an empty fingerprint stands for none. */
  public record Inbox(String subject, String fingerprint, Instant receivedAt) {}

  /**
   * Reads an inbox entry in format 1.
   *
   * @throws StateFormatException when the bytes are not one
   */
  public static Inbox readInbox(byte[] value) {
    In in = new In(value, "inbox entry");
    try {
      Inbox inbox = new Inbox(in.string(), in.string(), in.instant());
      in.end();
      return inbox;
    } catch (StateFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw in.refused(e);
    }
  }

  // ------------------------------------------------------------------ inbox expiry buckets

  /**
   * The start of an inbox-expiry bucket in format 1: the format byte and its first entry. A
   * bucket's value is a sequence of entries (signal id, commit instant), appended with {@link
   * #appendExpiry}.
   */
  public static byte[] expiryBucket(String signalId, Instant committedAt) {
    Out out = new Out(16 + signalId.length());
    out.bytes[out.size++] = FORMAT_V1;
    out.string(signalId);
    out.instant(committedAt);
    return out.result();
  }

  /** The bucket {@code bucket} with one more entry at its end. */
  public static byte[] appendExpiry(byte[] bucket, String signalId, Instant committedAt) {
    Out out = new Out(bucket.length + 16 + signalId.length());
    System.arraycopy(bucket, 0, out.bytes, 0, bucket.length);
    out.size = bucket.length;
    out.string(signalId);
    out.instant(committedAt);
    return out.result();
  }

  /** One entry of an inbox-expiry bucket. */
  public record Expiry(String signalId, Instant committedAt) {}

  /**
   * The entries of an inbox-expiry bucket in format 1, in the order they were appended.
   *
   * @throws StateFormatException when the bytes are not a bucket
   */
  public static java.util.List<Expiry> readExpiries(byte[] bucket) {
    In in = new In(bucket, "inbox-expiry bucket");
    java.util.List<Expiry> entries = new java.util.ArrayList<>();
    try {
      while (!in.atEnd()) {
        entries.add(new Expiry(in.string(), in.instant()));
      }
      return entries;
    } catch (StateFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw in.refused(e);
    }
  }

  /** A bucket holding {@code entries} (at least one), in their order. */
  public static byte[] expiryBucket(java.util.List<Expiry> entries) {
    byte[] bucket = expiryBucket(entries.get(0).signalId(), entries.get(0).committedAt());
    for (int i = 1; i < entries.size(); i++) {
      bucket = appendExpiry(bucket, entries.get(i).signalId(), entries.get(i).committedAt());
    }
    return bucket;
  }

  // ------------------------------------------------------------------ timer index

  /** A due timer of the timer index in format 1: subject, then the pending timer. */
  public static byte[] writeDueTimer(DueTimer timer) {
    Out out = new Out(64);
    out.bytes[out.size++] = FORMAT_V1;
    out.string(timer.subject().toString());
    timer(out, timer.timer());
    return out.result();
  }

  /**
   * Reads a due timer in format 1.
   *
   * @throws StateFormatException when the bytes are not one
   */
  public static DueTimer readDueTimer(byte[] value) {
    In in = new In(value, "due timer");
    try {
      DueTimer timer = new DueTimer(SubjectRef.parse(in.string()), timer(in));
      in.end();
      return timer;
    } catch (StateFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      throw in.refused(e);
    }
  }

  private static void timer(Out out, PendingTimer t) {
    out.string(t.name());
    out.instant(t.dueAt());
    out.zigzag(t.generation());
    out.varint(t.attributes().size());
    for (Map.Entry<String, String> a : t.attributes().entrySet()) {
      out.string(a.getKey());
      out.string(a.getValue());
    }
  }

  private static PendingTimer timer(In in) {
    String name = in.string();
    Instant dueAt = in.instant();
    long generation = in.zigzag();
    int n = in.count();
    Map<String, String> attributes = n == 0 ? Map.of() : new LinkedHashMap<>(capacity(n));
    for (int i = 0; i < n; i++) {
      attributes.put(in.string(), in.string());
    }
    return new PendingTimer(name, dueAt, generation, attributes);
  }

  private static int capacity(int n) {
    return n < 3 ? n + 1 : (int) (n / 0.75f) + 1;
  }

  // ------------------------------------------------------------------ primitives

  /** A growing byte buffer. */
  private static final class Out {
    byte[] bytes;
    int size;

    Out(int initial) {
      bytes = new byte[initial];
    }

    void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void varint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        bytes[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      bytes[size++] = (byte) v;
    }

    void zigzag(long v) {
      varint((v << 1) ^ (v >> 63));
    }

    void string(String s) {
      int n = s.length();
      boolean ascii = true;
      for (int i = 0; i < n; i++) {
        if (s.charAt(i) >= 0x80) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        varint(n);
        ensure(n);
        for (int i = 0; i < n; i++) {
          bytes[size++] = (byte) s.charAt(i);
        }
      } else {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, size, utf8.length);
        size += utf8.length;
      }
    }

    void instant(Instant at) {
      zigzag(at.getEpochSecond());
      varint(at.getNano());
    }

    /**
     * A fingerprint: 32 lower-case hexadecimal digits (what {@code Signal.fingerprint} gives) as
     * a 0 byte and their 16 bytes, any other text as a 1 byte and a string.
     */
    void fingerprint(String f) {
      if (isHex32(f)) {
        ensure(17);
        bytes[size++] = 0;
        for (int i = 0; i < 32; i += 2) {
          bytes[size++] = (byte) ((Character.digit(f.charAt(i), 16) << 4) | Character.digit(f.charAt(i + 1), 16));
        }
      } else {
        ensure(1);
        bytes[size++] = 1;
        string(f);
      }
    }

    private static boolean isHex32(String f) {
      if (f.length() != 32) {
        return false;
      }
      for (int i = 0; i < 32; i++) {
        char c = f.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      return true;
    }

    void optional(Optional<String> value) {
      ensure(1);
      if (value.isPresent()) {
        bytes[size++] = 1;
        string(value.get());
      } else {
        bytes[size++] = 0;
      }
    }

    byte[] result() {
      return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
  }

  /** Reads format 1 after checking the format byte; every read is bounded by the array. */
  private static final class In {
    private final byte[] bytes;
    private final String what;
    private int at;

    /** The value's format byte. */
    final byte format;

    In(byte[] bytes, String what) {
      this(bytes, what, false);
    }

    /** {@code v2}: whether format 2 is one for this kind of value (snapshots only). */
    In(byte[] bytes, String what, boolean v2) {
      this.bytes = bytes;
      this.what = what;
      if (bytes.length == 0 || !(bytes[0] == FORMAT_V1 || (v2 && bytes[0] == FORMAT_V2))) {
        throw new StateFormatException(
            "a journey state store holds a " + what + " of unknown format "
                + (bytes.length == 0 ? "(an empty value)" : "byte " + (bytes[0] & 0xFF))
                + "; this version reads format " + FORMAT_V1 + (v2 ? ", " + FORMAT_V2 : "") + " and JSON");
      }
      this.format = bytes[0];
      this.at = 1;
    }

    private StateFormatException truncated() {
      return new StateFormatException(
          "a journey state store holds a truncated " + what + " (" + bytes.length
              + " bytes, read past the end at byte " + at + ")");
    }

    StateFormatException refused(RuntimeException e) {
      return new StateFormatException(
          "a journey state store holds an invalid " + what + " near byte " + at + ": " + e.getMessage(), e);
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (at >= bytes.length) {
          throw truncated();
        }
        byte b = bytes[at++];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return v;
        }
      }
      throw new StateFormatException(
          "a journey state store holds a " + what + " with a varint longer than 10 bytes at byte " + at);
    }

    long zigzag() {
      long v = varint();
      return (v >>> 1) ^ -(v & 1);
    }

    int count() {
      long n = varint();
      if (n < 0 || n > bytes.length - at) {
        throw new StateFormatException(
            "a journey state store holds a " + what + " with a length of " + n + " at byte " + at
                + ", more than the " + (bytes.length - at) + " bytes left");
      }
      return (int) n;
    }

    String string() {
      int n = count();
      String s = new String(bytes, at, n, StandardCharsets.UTF_8);
      at += n;
      return s;
    }

    Instant instant() {
      long seconds = zigzag();
      long nanos = varint();
      if (nanos < 0 || nanos > 999_999_999) {
        throw new StateFormatException(
            "a journey state store holds a " + what + " with " + nanos + " nanoseconds at byte " + at
                + "; allowed: 0 to 999999999");
      }
      return Instant.ofEpochSecond(seconds, nanos);
    }

    String fingerprint() {
      if (at >= bytes.length) {
        throw truncated();
      }
      byte flag = bytes[at++];
      if (flag == 1) {
        return string();
      }
      if (flag != 0) {
        throw new StateFormatException(
            "a journey state store holds a " + what + " with fingerprint tag " + flag + " at byte "
                + (at - 1) + "; allowed: 0 or 1");
      }
      if (bytes.length - at < 16) {
        throw truncated();
      }
      char[] hex = new char[32];
      for (int i = 0; i < 16; i++) {
        int b = bytes[at++] & 0xFF;
        hex[2 * i] = Character.forDigit(b >>> 4, 16);
        hex[2 * i + 1] = Character.forDigit(b & 0xF, 16);
      }
      return new String(hex);
    }

    Optional<String> optional() {
      if (at >= bytes.length) {
        throw truncated();
      }
      byte flag = bytes[at++];
      if (flag == 0) {
        return Optional.empty();
      }
      if (flag != 1) {
        throw new StateFormatException(
            "a journey state store holds a " + what + " with presence byte " + flag + " at byte "
                + (at - 1) + "; allowed: 0 or 1");
      }
      return Optional.of(string());
    }

    boolean atEnd() {
      return at == bytes.length;
    }

    void end() {
      if (at != bytes.length) {
        throw new StateFormatException(
            "a journey state store holds a " + what + " with " + (bytes.length - at)
                + " bytes after its last field");
      }
    }
  }
}
