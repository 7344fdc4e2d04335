package dev.journey.core.action;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;

/**
 * Ends the suppression of an outreach channel for the subject.
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param channel the channel, e.g. {@code nurture}
 */
public record ResumeOutreach(String id, SubjectRef subject, String channel) implements Action {
  /** Validates. */
  public ResumeOutreach {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(channel, "channel");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.RESUME_OUTREACH;
  }
}
