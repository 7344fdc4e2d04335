package dev.journey.core.action;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;
import java.util.Optional;

/**
 * Enrolls the subject in a sequence. An outreach action: dropped while {@code channel} is suppressed.
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param sequenceId the sequence id
 * @param senderOwnerId the owner sending it; empty for the subject's owner after the decision (the
 *     engine binds it before the action reaches the outbox, when the subject has an owner)
 * @param channel the outreach channel, e.g. {@code nurture} or {@code sales}
 */
public record EnrollSequence(String id, SubjectRef subject, String sequenceId, Optional<String> senderOwnerId, String channel) implements Action {
  /** Validates. */
  public EnrollSequence {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(sequenceId, "sequenceId");
    Objects.requireNonNull(senderOwnerId, "senderOwnerId");
    senderOwnerId.ifPresent(o -> Checks.notBlank(o, "senderOwnerId"));
    Checks.notBlank(channel, "channel");
  }

  /** An enrollment sent by the owner {@code senderOwnerId} (not blank). */
  public EnrollSequence(String id, SubjectRef subject, String sequenceId, String senderOwnerId, String channel) {
    this(id, subject, sequenceId, Optional.of(Checks.notBlank(senderOwnerId, "senderOwnerId")), channel);
  }

  /** An enrollment sent by the subject's owner after the decision. */
  public EnrollSequence(String id, SubjectRef subject, String sequenceId, String channel) {
    this(id, subject, sequenceId, Optional.<String>empty(), channel);
  }

  /** Returns a copy sent by {@code owner} (not blank). */
  public EnrollSequence withSender(String owner) {
    return new EnrollSequence(id, subject, sequenceId, owner, channel);
  }

  @Override
  public ActionKind kind() {
    return ActionKind.ENROLL_SEQUENCE;
  }
}
