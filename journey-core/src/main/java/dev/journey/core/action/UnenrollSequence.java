package dev.journey.core.action;

import dev.journey.core.internal.Redact;
import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;

/**
 * Removes the subject from a sequence (nurture or sales cadence).
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param sequenceId the sequence id
 * @param reason why
 */
public record UnenrollSequence(String id, SubjectRef subject, String sequenceId, String reason) implements Action {
  /** Validates. */
  public UnenrollSequence {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(sequenceId, "sequenceId");
    Checks.notNull(reason, "reason");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.UNENROLL_SEQUENCE;
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "UnenrollSequence[id=" + id + ", subject=" + subject + ", sequenceId=" + sequenceId + ", reason=" + Redact.text(reason) + "]";
  }
}
