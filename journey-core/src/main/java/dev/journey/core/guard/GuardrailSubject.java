package dev.journey.core.guard;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import dev.journey.core.metrics.SubjectMeasure;
import java.time.Instant;
import java.util.Objects;

/**
 * What the audit trail says about one subject, for guardrail metrics: the version it is pinned to
 * (the version of its first decision: an intention-to-treat cohort, kept even if the subject is
 * migrated later), its measurements, and counts of what went wrong for it.
 *
 * @param subject the subject
 * @param version the rule-set version of its first decision
 * @param firstSeen when its first decision was recorded
 * @param measure its measurements (milestones, intervals, SLA instances) from {@code MetricsCollector}
 * @param decisions its audited decisions (stale timer firings not counted)
 * @param rejected its decisions rejected as a whole
 * @param dropped its decisions from which a guardrail dropped at least one action
 * @param deadLetters its actions the relay gave up on
 */
public record GuardrailSubject(
    SubjectRef subject,
    String version,
    Instant firstSeen,
    SubjectMeasure measure,
    long decisions,
    long rejected,
    long dropped,
    long deadLetters) {
  /** Validates. */
  public GuardrailSubject {
    Objects.requireNonNull(subject, "subject");
    Checks.notBlank(version, "version");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(measure, "measure");
    if (decisions < 0 || rejected < 0 || dropped < 0 || deadLetters < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, but were decisions=" + decisions + ", rejected=" + rejected
              + ", dropped=" + dropped + ", deadLetters=" + deadLetters);
    }
  }
}
