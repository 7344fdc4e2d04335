package dev.journey.core.action;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;

/**
 * Enrolls the subject in a sequence. An outreach action: dropped while {@code channel} is suppressed.
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param sequenceId the sequence id
 * @param senderOwnerId the owner sending it; empty for the subject's owner
 * @param channel the outreach channel, e.g. {@code nurture} or {@code sales}
 */
public record EnrollSequence(String id, SubjectRef subject, String sequenceId, String senderOwnerId, String channel) implements Action {
  /** Validates. */
  public EnrollSequence {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(sequenceId, "sequenceId");
    Checks.notNull(senderOwnerId, "senderOwnerId");
    Checks.notBlank(channel, "channel");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.ENROLL_SEQUENCE;
  }
}
