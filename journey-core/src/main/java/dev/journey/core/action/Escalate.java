package dev.journey.core.action;

import dev.journey.core.internal.Redact;
import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;

/**
 * Escalates the subject to a manager (level 1 = first escalation).
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param toOwnerId the manager's owner id
 * @param level the escalation level, from 1
 * @param reason why, e.g. {@code sla:first-touch breached}
 */
public record Escalate(String id, SubjectRef subject, String toOwnerId, int level, String reason) implements Action {
  /** Validates. */
  public Escalate {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(toOwnerId, "toOwnerId");
    Checks.atLeast(level, 1, "level");
    Checks.notNull(reason, "reason");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.ESCALATE;
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "Escalate[id=" + id + ", subject=" + subject + ", toOwnerId=" + toOwnerId + ", level=" + level + ", reason=" + Redact.text(reason) + "]";
  }
}
