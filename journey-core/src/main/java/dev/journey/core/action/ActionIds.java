package dev.journey.core.action;

import dev.journey.core.SubjectRef;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Derives deterministic action ids. The id of the {@code ordinal}-th action of the decision that
 * rule set {@code ruleSet} made for {@code signalId} about {@code subject} is always the same, so
 * redelivery, retry and replay produce the same ids.
 */
public final class ActionIds {
  private ActionIds() {}

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
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(signalId, "signalId");
    Objects.requireNonNull(ruleSet, "ruleSet");
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal must be >= 0, but was " + ordinal);
    }
    String key = subject + "|" + signalId + "|" + ruleSet + "|" + ordinal;
    byte[] md5 = MD5.get().digest(key.getBytes(StandardCharsets.UTF_8));
    // RFC 4122 name-based, version 3: identical to UUID.nameUUIDFromBytes, without the
    // provider lookup that method pays on every call
    md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
    md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (md5[i] & 0xff);
    }
    for (int i = 8; i < 16; i++) {
      lsb = (lsb << 8) | (md5[i] & 0xff);
    }
    return new UUID(msb, lsb).toString();
  }

  private static final ThreadLocal<MessageDigest> MD5 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every JDK has MD5", e);
            }
          });
}
