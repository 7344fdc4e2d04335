package dev.journey.core.internal;

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
 */
public final class Fingerprint {
  private static final ThreadLocal<Fingerprint> CURRENT = ThreadLocal.withInitial(Fingerprint::new);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  private final MessageDigest sha;
  private final byte[] buffer = new byte[512];
  private final byte[] digest = new byte[32];
  private final byte[] text = new byte[32];
  private int used;

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
    f.sha.reset();
    f.used = 0;
    return f;
  }

  /** Adds a string, length-prefixed. */
  public Fingerprint text(String s) {
    tag('s');
    number(s.length());
    for (int i = 0; i < s.length(); i++) {
      put(s.charAt(i));
    }
    return this;
  }

  /** Adds the concatenation {@code a + b} as {@link #text} would, without building it. */
  public Fingerprint text(String a, String b) {
    tag('s');
    number(a.length() + b.length());
    for (int i = 0; i < a.length(); i++) {
      put(a.charAt(i));
    }
    for (int i = 0; i < b.length(); i++) {
      put(b.charAt(i));
    }
    return this;
  }

  /** Adds a JSON-compatible value in canonical form. */
  public Fingerprint value(Object value) {
    if (value instanceof String stringValue) {
      return text(stringValue);
    }
    if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      tag('{');
      number(map.size());
      Object[] keys = map.keySet().toArray();
      if (keys.length > 1) {
        Arrays.sort(keys);
      }
      for (Object key : keys) {
        text(String.valueOf(key));
        value(map.get(key));
      }
      return this;
    }
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      tag('[');
      number(list.size());
      for (Object o : list) {
        value(o);
      }
      return this;
    }
    if (value instanceof Long || value instanceof Integer) {
      tag('l');
      number(((Number) value).longValue());
      return this;
    }
    if (value instanceof Double doubleValue) {
      tag('d');
      number(Double.doubleToLongBits(doubleValue));
      return this;
    }
    if (value instanceof Boolean booleanValue) {
      tag(booleanValue ? 't' : 'f');
      return this;
    }
    tag('?');
    return text(String.valueOf(value));
  }

  /** The first 128 bits of the digest as 32 hexadecimal digits. */
  public String hex() {
    flush();
    try {
      sha.digest(digest, 0, digest.length); // into the thread's own buffer: no array per call
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("a SHA-256 digest fits 32 bytes", e);
    }
    for (int i = 0; i < 16; i++) {
      text[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      text[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    // Latin-1 digits: one compact string, no intermediate char[]
    return new String(text, 0, 32, StandardCharsets.ISO_8859_1);
  }

  private void tag(char c) {
    put(c);
  }

  private void number(long n) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      if (used == buffer.length) {
        flush();
      }
      buffer[used++] = (byte) (n >>> shift);
    }
  }

  private void put(char c) {
    if (used + 2 > buffer.length) {
      flush();
    }
    buffer[used++] = (byte) (c >>> 8);
    buffer[used++] = (byte) c;
  }

  private void flush() {
    sha.update(buffer, 0, used);
    used = 0;
  }
}
