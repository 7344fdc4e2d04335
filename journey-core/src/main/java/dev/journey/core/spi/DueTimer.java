package dev.journey.core.spi;

import dev.journey.core.SubjectRef;
import dev.journey.core.state.PendingTimer;
import java.util.Objects;

/**
 * A pending timer of a subject, as the store's due-timer index returns it.
 *
 * @param subject the subject
 * @param timer the timer
 */
public record DueTimer(SubjectRef subject, PendingTimer timer) {
  /** Validates. */
  public DueTimer {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(timer, "timer");
  }

  /**
   * The id of the signal that fires this timer: {@code timer:<subject>:<name>:<generation>},
   * unique per subject, timer and generation so a re-fire is deduplicated.
   */
  public String signalId() {
    return "timer:" + subject + ":" + timer.name() + ":" + timer.generation();
  }
}
