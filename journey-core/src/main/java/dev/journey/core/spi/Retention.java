package dev.journey.core.spi;

import java.time.Instant;

/**
 * An optional store capability: deleting what its configured retentions have expired. Every
 * bundled store implements it; the engine never calls it, the application does (e.g. daily).
 */
public interface Retention {

  /**
   * Deletes, measured back from {@code now}, inbox records older than the store's inbox retention
   * and audit records, dead letters and quarantined inputs older than their retentions, where the
   * store has them configured.
   *
   * @return how many of each were deleted
   */
  PurgeReport purgeExpired(Instant now);
}
