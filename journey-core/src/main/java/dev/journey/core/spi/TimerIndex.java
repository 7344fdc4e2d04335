package dev.journey.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The due-timer index a store keeps beside the snapshots (written by {@link SnapshotStore#commit}
 * through {@link TimerChange}s). Implementations must be thread-safe.
 */
public interface TimerIndex {

  /**
   * Claims up to {@code limit} timers due at {@code now}, earliest first. A claimed timer is not
   * returned again until {@code lease} has passed, unless a commit completes or cancels it; a
   * {@linkplain Quarantine quarantined} timer is not returned until it is requeued.
   */
  List<DueTimer> claimDueTimers(Instant now, Duration lease, int limit);

  /** The earliest due time of any pending timer, if any. */
  Optional<Instant> nextTimerDue();
}
