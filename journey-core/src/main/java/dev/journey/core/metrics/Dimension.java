package dev.journey.core.metrics;

/**
 * What a figure can be sliced by. Segment, source and region are signal attributes (named in
 * {@link MetricsDefinition}); a subject's value is the last one seen. The others come from the
 * decisions themselves.
 */
public enum Dimension {
  /** The subject's segment (a signal attribute, default {@code segment}). */
  SEGMENT,
  /** The subject's source (a signal attribute, default {@code leadSource}). */
  SOURCE,
  /** The subject's region (a signal attribute, default {@code region}). */
  REGION,
  /** The subject's accountable owner: the last one assigned, else the snapshot's. */
  OWNER,
  /** The version of the rule set that decided the subject's entry milestone (else its last decision). */
  RULE_SET_VERSION,
  /**
   * The rollout bucket range of the entry decision, from the audit annotation {@code rollout.bucket}
   * (0..9999) grouped by thousands, e.g. {@code 2000-2999}; {@code (unknown)} without a rollout.
   */
  ROLLOUT_BUCKET,
  /** The ISO week the subject reached the entry milestone, e.g. {@code 2026-W10}: its cohort. */
  COHORT_WEEK
}
