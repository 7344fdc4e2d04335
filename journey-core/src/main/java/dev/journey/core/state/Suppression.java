package dev.journey.core.state;

import dev.journey.core.internal.Redact;
import java.time.Instant;
import java.util.Objects;

/**
 * An active suppression of an outreach channel (e.g. {@code nurture}) for a subject.
 *
 * @param channel the suppressed channel
 * @param reason why, e.g. {@code sales-engaged}
 * @param until when it lapses; {@link #UNTIL_RESUMED} for "until explicitly resumed"
 */
public record Suppression(String channel, String reason, Instant until) {
  /** The {@code until} of a suppression that lasts until a ResumeOutreach. */
  public static final Instant UNTIL_RESUMED = Instant.parse("9999-12-31T23:59:59Z");

  /** Validates. */
  public Suppression {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(until, "until");
  }

  /** Returns {@code true} while the suppression is in force at {@code now}. */
  public boolean activeAt(Instant now) {
    return now.isBefore(until);
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "Suppression[channel=" + channel + ", reason=" + Redact.text(reason) + ", until=" + until + "]";
  }
}
