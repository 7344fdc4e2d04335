package dev.journey.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link Fingerprint} as it was before issue 23's round 12 (its streamed walk of rounds 7-11:
 * {@code getChars} runs, one two-byte store per char, the entries cleared in a second pass),
 * kept as the reference that the faster walk must match digest for digest: fingerprints are
 * stored by the durable inboxes and compared on redelivery. Only the methods the property
 * calls are kept; test code, never used by the library.
 */
final class PreviousFingerprint {
  private static final ThreadLocal<PreviousFingerprint> CURRENT = ThreadLocal.withInitial(PreviousFingerprint::new);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** Stores a char as its two big-endian bytes in one write. */
  private static final VarHandle CHARS =
      MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.BIG_ENDIAN);
  /** Chars copied out of a string per run: half the buffer, which holds them as two bytes each. */
  private static final int RUN = 512;

  private final MessageDigest sha;
  private final byte[] buffer = new byte[2 * RUN];
  /** A string's chars, copied in bulk ({@code String.getChars}) before they are written as bytes. */
  private final char[] run = new char[RUN];
  private final byte[] digest = new byte[32];
  private final byte[] text = new byte[32];
  /** Keys and values of the maps being added, nested maps above their parent's: no array per map. */
  private Object[] keys = new Object[16];
  private Object[] values = new Object[16];
  private int top;
  private int limit;
  private boolean nonString;
  /** Appends an entry to the buffers: one per thread, so that {@code forEach} allocates nothing. */
  private final java.util.function.BiConsumer<Object, Object> collect = this::collect;
  private int used;
  /** Whether the digest holds input since it last reset (a digest resets it). */
  private boolean dirty;
  /** Whether {@link #digest} holds this fingerprint's finished digest. */
  private boolean finished;

  private PreviousFingerprint() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The calling thread's fingerprint, reset. */
  static PreviousFingerprint start() {
    PreviousFingerprint f = CURRENT.get();
    if (f.dirty) {
      f.sha.reset(); // only after a fingerprint left unfinished: a digest resets itself
      f.dirty = false;
    }
    f.used = 0;
    f.finished = false;
    if (f.top != 0) {
      Arrays.fill(f.keys, 0, f.top, null);
      Arrays.fill(f.values, 0, f.top, null);
      f.top = 0;
    }
    return f;
  }

  /** Adds a string, length-prefixed. */
  PreviousFingerprint text(String s) {
    header('s', s.length());
    chars(s);
    return this;
  }

  /** Adds the concatenation {@code a + b} as {@link #text} would, without building it. */
  PreviousFingerprint text(String a, String b) {
    header('s', a.length() + b.length());
    chars(a);
    chars(b);
    return this;
  }

  /** Adds a JSON-compatible value in canonical form. */
  PreviousFingerprint value(Object value) {
    if (value instanceof String stringValue) {
      return text(stringValue);
    }
    if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      header('{', map.size());
      entries(map);
      return this;
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      header('[', list.size());
      for (Object o : list) {
        value(o);
      }
      return this;
    }
    if (value instanceof Long || value instanceof Integer) {
      header('l', ((Number) value).longValue());
      return this;
    }
    if (value instanceof Double doubleValue) {
      header('d', Double.doubleToLongBits(doubleValue));
      return this;
    }
    if (value instanceof Boolean booleanValue) {
      tag(booleanValue ? 't' : 'f');
      return this;
    }
    tag('?');
    return text(String.valueOf(value));
  }

  /**
   * Completes the digest into this thread's buffer (the digest resets for the next fingerprint);
   * read it with {@link #high}, {@link #low} or {@link #hex}. Once finished, adding more input is
   * a mistake the fingerprint does not detect; finishing again changes nothing.
   */
  PreviousFingerprint finish() {
    if (finished) {
      return this;
    }
    flush();
    try {
      sha.digest(digest, 0, digest.length); // into the thread's own buffer: no array per call
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("a SHA-256 digest fits 32 bytes", e);
    }
    dirty = false;
    finished = true;
    return this;
  }

  /**
   * The digest's first 64 bits, big-endian: the first 16 hexadecimal digits of {@link #hex}.
   *
   * @throws IllegalStateException when not {@linkplain #finish finished}
   */
  long high() {
    return (long) LONGS.get(finishedDigest(), 0);
  }

  /**
   * The digest's next 64 bits, big-endian: the last 16 hexadecimal digits of {@link #hex}.
   *
   * @throws IllegalStateException when not {@linkplain #finish finished}
   */
  long low() {
    return (long) LONGS.get(finishedDigest(), 8);
  }

  private byte[] finishedDigest() {
    if (!finished) {
      throw new IllegalStateException("the fingerprint is not finished: call finish() first");
    }
    return digest;
  }

  /** Finishes the digest; its first 128 bits as 32 hexadecimal digits. */
  String hex() {
    finish();
    for (int i = 0; i < 16; i++) {
      text[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      text[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    // Latin-1 digits: one compact string, no intermediate char[]
    return new String(text, 0, 32, StandardCharsets.ISO_8859_1);
  }

  /**
   * The entries of {@code map} in the natural order of their keys, as {@code Arrays.sort} of the
   * keys orders them, then each key and value. The entries are copied to this thread's buffers
   * (above those of the maps that contain this one) and insertion-sorted there when the keys are
   * strings: a signal's few attributes need no array, iterator copy or lookup per key.
   */
  private void entries(Map<?, ?> map) {
    int base = top;
    int n = map.size();
    if (base + n > keys.length) {
      int size = Math.max(keys.length * 2, base + n);
      keys = Arrays.copyOf(keys, size);
      values = Arrays.copyOf(values, size);
    }
    top = base;
    limit = base + n;
    nonString = false;
    map.forEach(collect); // no iterator, entry view or array per map
    int count = top - base;
    if (!nonString) {
      for (int i = base + 1; i < top; i++) { // insertion sort: keys of a map are distinct
        String key = (String) keys[i];
        Object v = values[i];
        int j = i - 1;
        while (j >= base && ((String) keys[j]).compareTo(key) > 0) {
          keys[j + 1] = keys[j];
          values[j + 1] = values[j];
          j--;
        }
        keys[j + 1] = key;
        values[j + 1] = v;
      }
    } else {
      Object[] sorted = Arrays.copyOfRange(keys, base, top);
      Arrays.sort(sorted); // natural order, as before; the values are looked up again
      for (int i = 0; i < sorted.length; i++) {
        keys[base + i] = sorted[i];
        values[base + i] = map.get(sorted[i]);
      }
    }
    boolean strings = !nonString; // a nested map's entries set the field again
    for (int i = base; i < base + count; i++) {
      Object key = keys[i];
      text(strings ? (String) key : String.valueOf(key)); // no call for a string key
      value(values[i]);
    }
    Arrays.fill(keys, base, base + count, null);
    Arrays.fill(values, base, base + count, null);
    top = base;
  }

  private void collect(Object key, Object value) {
    if (top == limit) {
      throw new java.util.ConcurrentModificationException("a map grew while it was fingerprinted");
    }
    nonString |= !(key instanceof String);
    keys[top] = key;
    values[top] = value;
    top++;
  }

  /**
   * Each char as two bytes, big-endian (lone surrogates included, as they are): the chars are
   * copied out of the string in bulk, a run at a time, and each written with one two-byte store,
   * instead of a {@code charAt} and two byte stores per char.
   */
  private void chars(String s) {
    int length = s.length();
    int i = 0;
    while (i < length) { // bounded: every pass writes at least one char
      if (used + 2 > buffer.length) {
        flush();
      }
      int n = Math.min(length - i, (buffer.length - used) >> 1); // <= RUN: the buffer is 2 * RUN
      char[] chars = run;
      s.getChars(i, i + n, chars, 0);
      byte[] b = buffer;
      int at = used;
      for (int k = 0; k < n; k++) {
        CHARS.set(b, at, chars[k]);
        at += 2;
      }
      used = at;
      i += n;
    }
  }

  private void tag(char c) {
    if (used + 2 > buffer.length) {
      flush();
    }
    CHARS.set(buffer, used, c);
    used += 2;
  }

  /** A tag and a number, as {@code tag(c)} then the number's eight bytes big-endian: two stores. */
  private void header(char c, long n) {
    if (used + 10 > buffer.length) {
      flush();
    }
    CHARS.set(buffer, used, c);
    LONGS.set(buffer, used + 2, n);
    used += 10;
  }

  private void flush() {
    sha.update(buffer, 0, used);
    dirty = true;
    used = 0;
  }
}
