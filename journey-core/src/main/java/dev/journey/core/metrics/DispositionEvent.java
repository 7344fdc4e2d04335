package dev.journey.core.metrics;

import dev.journey.core.internal.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * One exit as it was taken: the disposition (exit and reason code), the time of the signal whose
 * decision took it, its ISO week on the definition's cohort zone, and the version of the rule set
 * that decided it. {@link Measurements#reasonsOverTime()} counts them by week, rule version and
 * segment.
 *
 * @param disposition the exit and reason code
 * @param at the time of the signal the deciding decision was made on
 * @param week its ISO week, e.g. {@code 2026-W10}
 * @param ruleSetVersion the version of the rule set that decided it
 */
public record DispositionEvent(Disposition disposition, Instant at, String week, String ruleSetVersion) {
  /** Validates. */
  public DispositionEvent {
    Objects.requireNonNull(disposition, "disposition");
    Objects.requireNonNull(at, "at");
    Checks.notBlank(week, "week");
    Checks.notBlank(ruleSetVersion, "ruleSetVersion");
  }
}
