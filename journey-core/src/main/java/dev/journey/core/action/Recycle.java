package dev.journey.core.action;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;

/**
 * Hands the subject back to marketing with a reason code (e.g. {@code LOW_INTENT}, {@code CLOSED_LOST}).
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param reasonCode the reason code
 */
public record Recycle(String id, SubjectRef subject, String reasonCode) implements Action {
  /** Validates. */
  public Recycle {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(reasonCode, "reasonCode");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RECYCLE;
  }
}
