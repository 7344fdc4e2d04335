package dev.journey.core.rollout;

/** What a rollback does to the subjects pinned to the candidate. */
public enum RollbackMode {
  /**
   * Only new entries get the live version; subjects pinned to the candidate keep it until they
   * exit (nothing flips mid-journey).
   */
  NEW_ENTRIES,
  /**
   * Subjects pinned to the candidate move to the live version too: each one at its next decision,
   * which the audit records as a migration ({@value DeploymentEvaluator#MIGRATED}).
   */
  MIGRATE_PINNED
}
