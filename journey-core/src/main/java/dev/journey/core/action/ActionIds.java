package dev.journey.core.action;

import dev.journey.core.SubjectRef;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
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
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
