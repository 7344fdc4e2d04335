package dev.journey.jdbc;

/**
 * What {@link JdbcJourneyStore#purgeExpired()} deleted.
 *
 * @param inboxRows processed-signal ids older than the inbox retention
 * @param auditRecords audit records older than the audit retention
 * @param deadLetters dead letters older than the dead-letter retention
 */
public record PurgeReport(int inboxRows, int auditRecords, int deadLetters) {}
