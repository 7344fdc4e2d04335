package dev.journey.core.action;

import dev.journey.core.internal.Redact;
import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;

/**
 * Notifies a person (an owner or a manager) about the subject.
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param recipientId the owner id of the recipient
 * @param message the text (no personal data of the subject beyond its id)
 */
public record Notify(String id, SubjectRef subject, String recipientId, String message) implements Action {
  /** Validates. */
  public Notify {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(recipientId, "recipientId");
    Checks.notNull(message, "message");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.NOTIFY;
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "Notify[id=" + id + ", subject=" + subject + ", recipientId=" + recipientId + ", message=" + Redact.text(message) + "]";
  }
}
