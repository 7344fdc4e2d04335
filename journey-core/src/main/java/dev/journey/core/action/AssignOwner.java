package dev.journey.core.action;

import dev.journey.core.internal.Redact;
import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;

/**
 * Makes {@code ownerId} the subject's accountable owner; {@code reason} explains the routing ("round robin pool emea, weight 2").
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param ownerId the owner id (e.g. a HubSpot owner id)
 * @param reason why this owner
 */
public record AssignOwner(String id, SubjectRef subject, String ownerId, String reason) implements Action {
  /** Validates. */
  public AssignOwner {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(ownerId, "ownerId");
    Checks.notNull(reason, "reason");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.ASSIGN_OWNER;
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "AssignOwner[id=" + id + ", subject=" + subject + ", ownerId=" + ownerId + ", reason=" + Redact.text(reason) + "]";
  }
}
