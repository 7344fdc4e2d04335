package dev.journey.core.action;

import dev.journey.core.internal.Redact;
import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import java.util.Objects;
import java.time.Instant;

/**
 * Suppresses an outreach channel for the subject until {@code until} or a ResumeOutreach.
 *
 * @param id the deterministic action id
 * @param subject the subject
 * @param channel the channel, e.g. {@code nurture}
 * @param reason why, e.g. {@code sales-engaged}
 * @param until when it lapses ({@link dev.journey.core.state.Suppression#UNTIL_RESUMED} for never)
 */
public record SuppressOutreach(String id, SubjectRef subject, String channel, String reason, Instant until) implements Action {
  /** Validates. */
  public SuppressOutreach {
    Checks.notBlank(id, "id");
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(channel, "channel");
    Checks.notNull(reason, "reason");
    Objects.requireNonNull(until, "until");
  }

  @Override
  public ActionKind kind() {
    return ActionKind.SUPPRESS_OUTREACH;
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "SuppressOutreach[id=" + id + ", subject=" + subject + ", channel=" + channel + ", reason=" + Redact.text(reason) + ", until=" + until + "]";
  }
}
