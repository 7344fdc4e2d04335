package dev.journey.core.spi;

import dev.journey.core.internal.Checks;

/**
 * What {@link Retention#purgeExpired} deleted.
 *
 * @param inboxRecords processed-signal ids older than the inbox retention
 * @param auditRecords audit records older than the audit retention
 * @param deadLetters dead letters older than the dead-letter retention
 * @param quarantined quarantined inputs older than the quarantine retention
 */
public record PurgeReport(int inboxRecords, int auditRecords, int deadLetters, int quarantined) {
  /** Validates. */
  public PurgeReport {
    Checks.atLeast(inboxRecords, 0, "inboxRecords");
    Checks.atLeast(auditRecords, 0, "auditRecords");
    Checks.atLeast(deadLetters, 0, "deadLetters");
    Checks.atLeast(quarantined, 0, "quarantined");
  }

  /** The total number of records deleted. */
  public int total() {
    return inboxRecords + auditRecords + deadLetters + quarantined;
  }
}
