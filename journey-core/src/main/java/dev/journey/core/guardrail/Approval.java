package dev.journey.core.guardrail;

import dev.journey.core.internal.Redact;
import dev.journey.core.action.Action;
import dev.journey.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An entry of the {@link ApprovalQueue}: a high-impact action and where its approval stands.
 *
 * @param action the action waiting (or no longer waiting) for approval
 * @param status where it stands
 * @param requestedAt when the gate first saw it
 * @param expiresAt when a pending approval expires
 * @param decidedBy who approved or rejected it; empty while pending and when it expired
 * @param note the rejection reason or the expiry note; empty when there is none (pending, approved,
 *     or rejected without a reason)
 */
public record Approval(
    Action action,
    Status status,
    Instant requestedAt,
    Instant expiresAt,
    Optional<String> decidedBy,
    Optional<String> note) {
  /** Prints everything but free text, which may be personal data. */
  @Override
  public String toString() {
    return "Approval[action=" + action + ", status=" + status + ", requestedAt=" + requestedAt
        + ", expiresAt=" + expiresAt + ", decidedBy=" + decidedBy.orElse("") + ", note="
        + Redact.text(note.orElse("")) + "]";
  }


  /** Validates. */
  public Approval {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(decidedBy, "decidedBy");
    decidedBy.ifPresent(who -> Checks.notBlank(who, "decidedBy"));
    Objects.requireNonNull(note, "note");
    note.ifPresent(text -> Checks.notBlank(text, "note"));
  }

  /** Where an approval stands. */
  public enum Status {
    /** Waiting for a person. */
    PENDING,
    /** Approved: the gate executes the action. */
    APPROVED,
    /** Rejected: the action fails permanently. */
    REJECTED,
    /** Not decided in time: the action fails permanently. */
    EXPIRED
  }
}
