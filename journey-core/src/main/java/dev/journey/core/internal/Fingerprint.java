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
 * A SHA-256 fingerprint of a canonical form of JSON-compatible values, streamed into one digest
 * per thread without building the canonical text: maps with their keys sorted, every value
 * tagged with its type and strings with their length, so that equal values and only those give
 * equal input. Not API.
 *
 * <p>A finished fingerprint reads as 32 hexadecimal digits ({@link #hex}) or as the same 128 bits
 * in two {@code long}s ({@link #high}, {@link #low}), which a store keeps without building the
 * text. {@link #ofSignal} digests a signal's content as {@code Signal.fingerprint()} does: the
 * signal class installs how ({@link #installSignalContent}), since this package may not name it
 * (no package cycle).
 */
public final class Fingerprint {
  private static final ThreadLocal<Fingerprint> CURRENT = ThreadLocal.withInitial(Fingerprint::new);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** Stores a char as its two big-endian bytes in one write. */
  private static final VarHandle CHARS =
      MethodHandles.byteArrayViewVarHandle(char[].class, ByteOrder.BIG_ENDIAN);
  /** Chars the buffer holds, as two bytes each. */
  private static final int RUN = 512;
  /** Feeds a signal's content into a started fingerprint; installed once by the signal class. */
  private static volatile java.util.function.BiConsumer<Object, Fingerprint> signalContent;

  private final MessageDigest sha;
  private final byte[] buffer = new byte[2 * RUN];
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

  private Fingerprint() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The calling thread's fingerprint, reset. */
  public static Fingerprint start() {
    Fingerprint f = CURRENT.get();
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
  public Fingerprint text(String s) {
    int n = s.length();
    int at = used;
    if (n <= RUN && at + 10 + 2 * n <= buffer.length) { // the usual: header and chars fit
      byte[] b = buffer;
      CHARS.set(b, at, 's');
      LONGS.set(b, at + 2, (long) n);
      used = put(s, 0, n, b, at + 10);
      return this;
    }
    header('s', n);
    chars(s);
    return this;
  }

  /** Adds the concatenation {@code a + b} as {@link #text} would, without building it. */
  public Fingerprint text(String a, String b) {
    int n = a.length();
    int m = b.length();
    int at = used;
    if (n <= RUN && m <= RUN && at + 10 + 2 * (n + m) <= buffer.length) {
      byte[] bytes = buffer;
      CHARS.set(bytes, at, 's');
      LONGS.set(bytes, at + 2, (long) (n + m));
      used = put(b, 0, m, bytes, put(a, 0, n, bytes, at + 10));
      return this;
    }
    header('s', n + m);
    chars(a);
    chars(b);
    return this;
  }

  /**
   * Adds a JSON-compatible value in canonical form. The final classes are tested first, each by
   * one compare of its class, so that a string or a number is told without a search of its
   * interfaces for {@code Map} and {@code List} (the order changes nothing: no value is both).
   */
  public Fingerprint value(Object value) {
    if (value instanceof String stringValue) {
      return text(stringValue);
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
    tag('?');
    return text(String.valueOf(value));
  }

  /**
   * Installs how a signal's content is fed ({@code Signal} does, once, when its class is
   * initialized).
   *
   * @throws IllegalStateException when one is installed already
   */
  public static synchronized void installSignalContent(
      java.util.function.BiConsumer<Object, Fingerprint> content) {
    java.util.Objects.requireNonNull(content, "content");
    if (signalContent != null) {
      throw new IllegalStateException("the signal content of fingerprints is installed already");
    }
    signalContent = content;
  }

  /**
   * The calling thread's fingerprint of {@code signal}'s content, finished: the digest behind
   * {@code signal.fingerprint()}, whose bits {@link #high} and {@link #low} read until the thread
   * starts another fingerprint.
   *
   * @throws IllegalArgumentException when {@code signal} is not a {@code dev.journey.core.Signal}
   */
  public static Fingerprint ofSignal(Object signal) {
    java.util.Objects.requireNonNull(signal, "signal");
    java.util.function.BiConsumer<Object, Fingerprint> content = signalContent;
    if (content == null) {
      // no signal was ever made, so this is none: the signal class installs its content
      throw new IllegalArgumentException(
          "a fingerprint's content must be a Signal, but was " + signal.getClass().getName());
    }
    Fingerprint f = start();
    content.accept(signal, f);
    return f.finish();
  }

  /**
   * Completes the digest into this thread's buffer (the digest resets for the next fingerprint);
   * read it with {@link #high}, {@link #low} or {@link #hex}. Once finished, adding more input is
   * a mistake the fingerprint does not detect; finishing again changes nothing.
   */
  public Fingerprint finish() {
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
  public long high() {
    return (long) LONGS.get(finishedDigest(), 0);
  }

  /**
   * The digest's next 64 bits, big-endian: the last 16 hexadecimal digits of {@link #hex}.
   *
   * @throws IllegalStateException when not {@linkplain #finish finished}
   */
  public long low() {
    return (long) LONGS.get(finishedDigest(), 8);
  }

  private byte[] finishedDigest() {
    if (!finished) {
      throw new IllegalStateException("the fingerprint is not finished: call finish() first");
    }
    return digest;
  }

  /** Finishes the digest; its first 128 bits as 32 hexadecimal digits. */
  public String hex() {
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
      Object value = values[i];
      keys[i] = null; // cleared as it is written: nothing of the signal kept, no second pass
      values[i] = null;
      text(strings ? (String) key : String.valueOf(key)); // no call for a string key
      value(value); // a nested map may grow the buffers: they are read again for the next entry
    }
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
   * Each char as two bytes, big-endian (lone surrogates included, as they are), a buffer's room
   * at a time: a string longer than the buffer's room is the rare case, {@link #text}'s fast path
   * the usual one.
   */
  private void chars(String s) {
    int length = s.length();
    int i = 0;
    while (i < length) { // bounded: every pass writes at least one char
      if (used + 2 > buffer.length) {
        flush();
      }
      int n = Math.min(length - i, (buffer.length - used) >> 1);
      used = put(s, i, i + n, buffer, used);
      i += n;
    }
  }

  /**
   * Writes chars {@code from} to {@code to} of {@code s} as two bytes each, big-endian, at {@code
   * at} of {@code b}, which has room for them; returns the end. Four chars go in one eight-byte
   * store, read with {@code charAt}: no copy of the chars first, and a quarter of the stores of one
   * char at a time (a signal's strings are short, so the per-string cost counts as much).
   */
  private static int put(String s, int from, int to, byte[] b, int at) {
    int k = from;
    for (; k + 4 <= to; k += 4) {
      LONGS.set(
          b,
          at,
          ((long) s.charAt(k) << 48)
              | ((long) s.charAt(k + 1) << 32)
              | ((long) s.charAt(k + 2) << 16)
              | s.charAt(k + 3));
      at += 8;
    }
    for (; k < to; k++) {
      CHARS.set(b, at, s.charAt(k));
      at += 2;
    }
    return at;
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
