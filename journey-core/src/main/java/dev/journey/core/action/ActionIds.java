package dev.journey.core.action;

import dev.journey.core.ObjectType;
import dev.journey.core.SubjectRef;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * Derives deterministic action ids. The id of the {@code ordinal}-th action of the decision that
 * rule set {@code ruleSet} made for {@code signalId} about {@code subject} is always the same, so
 * redelivery, retry and replay produce the same ids.
 *
 * <p>The id is the RFC 4122 name-based (version 3, MD5) UUID of the UTF-8 bytes of {@code
 * subject|signalId|ruleSet|ordinal}, exactly {@code UUID.nameUUIDFromBytes} of that text. It is
 * computed without building the text, its bytes, the digest array or a {@code UUID}: the parts are
 * encoded into a per-thread buffer and digested by a per-thread {@code MessageDigest}; only the
 * returned string is allocated.
 */
public final class ActionIds {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
  private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);
  private static final byte[][] PREFIXES = prefixes();

  private ActionIds() {}

  private static byte[][] prefixes() {
    ObjectType[] types = ObjectType.values();
    byte[][] out = new byte[types.length][];
    for (ObjectType t : types) {
      // the prefix SubjectRef#toString prints: the lower-cased type name and a colon
      out[t.ordinal()] = (t.name().toLowerCase(Locale.ROOT) + ":").getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /**
   * Returns a name-based (version 3) UUID string over the four inputs.
   *
   * @param subject the subject
   * @param signalId the signal that caused the decision
   * @param ruleSet the rule set reference, e.g. {@code lead-handoff@2}
   * @param ordinal the position of the action in the decision
   * @return the id, e.g. {@code 3f0c...-...}
   */
  public static String derive(SubjectRef subject, String signalId, String ruleSet, int ordinal) {
    Objects.requireNonNull(ruleSet, "ruleSet");
    Encoder e = start(subject, signalId, ordinal);
    e.text(ruleSet);
    return e.finish(ordinal);
  }

  private static Encoder start(SubjectRef subject, String signalId, int ordinal) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(signalId, "signalId");
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must be >= 0, but was " + ordinal);
    }
    Encoder e = ENCODER.get();
    e.used = 0;
    e.bytes(PREFIXES[subject.type().ordinal()]);
    e.text(subject.id());
    e.ascii('|');
    e.text(signalId);
    e.ascii('|');
    return e;
  }

  /** A per-thread UTF-8 buffer and MD5 digest. */
  private static final class Encoder {
    private final MessageDigest md5;
    private final byte[] buffer = new byte[256];
    private final byte[] digest = new byte[16];
    private final byte[] out = new byte[36];
    int used;

    Encoder() {
      try {
        md5 = MessageDigest.getInstance("MD5");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has MD5", e);
      }
    }

    private void room(int n) {
      if (used + n > buffer.length) {
        md5.update(buffer, 0, used);
        used = 0;
      }
    }

    void ascii(char c) {
      room(1);
      buffer[used++] = (byte) c;
    }

    void bytes(byte[] b) {
      for (byte x : b) {
        room(1);
        buffer[used++] = x;
      }
    }

    /** Encodes as {@code String.getBytes(UTF_8)} does: an unpaired surrogate becomes '?'. */
    void text(String s) {
      int n = s.length();
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        room(4);
        if (c < 0x80) {
          buffer[used++] = (byte) c;
        } else if (c < 0x800) {
          buffer[used++] = (byte) (0xc0 | (c >> 6));
          buffer[used++] = (byte) (0x80 | (c & 0x3f));
        } else if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, s.charAt(++i));
            buffer[used++] = (byte) (0xf0 | (cp >> 18));
            buffer[used++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
            buffer[used++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
            buffer[used++] = (byte) (0x80 | (cp & 0x3f));
          } else {
            buffer[used++] = (byte) '?';
          }
        } else {
          buffer[used++] = (byte) (0xe0 | (c >> 12));
          buffer[used++] = (byte) (0x80 | ((c >> 6) & 0x3f));
          buffer[used++] = (byte) (0x80 | (c & 0x3f));
        }
      }
    }

    String finish(int ordinal) {
      room(12);
      buffer[used++] = '|';
      if (ordinal == 0) {
        buffer[used++] = '0';
      } else {
        int digits = 0;
        for (int v = ordinal; v > 0; v /= 10) {
          digits++;
        }
        for (int k = used + digits - 1, v = ordinal; v > 0; v /= 10, k--) {
          buffer[k] = (byte) ('0' + v % 10);
        }
        used += digits;
      }
      md5.update(buffer, 0, used);
      used = 0;
      try {
        md5.digest(digest, 0, 16);
      } catch (DigestException e) {
        throw new IllegalStateException("an MD5 digest fits 16 bytes", e);
      }
      // RFC 4122 name-based, version 3: as UUID.nameUUIDFromBytes
      digest[6] = (byte) ((digest[6] & 0x0f) | 0x30);
      digest[8] = (byte) ((digest[8] & 0x3f) | 0x80);
      int o = 0;
      for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
          out[o++] = '-';
        }
        out[o++] = HEX[(digest[i] >> 4) & 0xf];
        out[o++] = HEX[digest[i] & 0xf];
      }
      return new String(out, 0, 36, StandardCharsets.ISO_8859_1);
    }
  }
}
