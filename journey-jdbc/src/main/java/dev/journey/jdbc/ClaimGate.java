package dev.journey.jdbc;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * At most {@code permits} claims of one store in flight at once (PostgreSQL: {@link
 * JdbcJourneyStore.Builder#commitLanes}); the others wait, first come first served. Every
 * claimer of a drain starts its scan at the head of the same due rows and sorts them, and locks
 * past the rows the claimers ahead of it hold ({@code FOR UPDATE SKIP LOCKED}): more claims at
 * once than the server has cores to run them only share those cores among identical scans.
 */
final class ClaimGate {
  private final Semaphore permits;

  ClaimGate(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be >= 1, but was " + permits);
    }
    this.permits = new Semaphore(permits, true);
  }

  /**
   * Runs {@code claim} once a permit is free. The wait is not interruptible (a claim is one
   * statement; an interrupt meanwhile stays set for the caller), as a coalesced lookup's.
   */
  <T> T run(Supplier<T> claim) {
    permits.acquireUninterruptibly();
    try {
      return claim.get();
    } finally {
      permits.release();
    }
  }

  /** About how many claims wait for a permit (for tests). */
  int waiting() {
    return permits.getQueueLength();
  }
}
