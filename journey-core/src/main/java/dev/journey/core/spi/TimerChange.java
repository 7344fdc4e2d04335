package dev.journey.core.spi;

import dev.journey.core.state.PendingTimer;
import java.util.Objects;

/**
 * A change to the due-timer index that a store commits with a decision. The engine derives these
 * from the difference between the old and new snapshot's pending timers.
 */
public sealed interface TimerChange {

  /** The timer name. */
  String name();

  /** The generation concerned. */
  long generation();

  /**
   * A timer is now pending.
   *
   * @param timer the pending timer
   */
  record Scheduled(PendingTimer timer) implements TimerChange {
    /** Validates. */
    public Scheduled {
      Objects.requireNonNull(timer, "timer");
    }

    @Override
    public String name() {
      return timer.name();
    }

    @Override
    public long generation() {
      return timer.generation();
    }
  }

  /**
   * A pending timer was cancelled or replaced by a newer generation.
   *
   * @param name the timer name
   * @param generation the cancelled generation
   */
  record Cancelled(String name, long generation) implements TimerChange {}

  /**
   * A timer fired and its firing was decided on (also for a stale generation, so that a claimed
   * stale timer row is removed).
   *
   * @param name the timer name
   * @param generation the fired generation
   */
  record Completed(String name, long generation) implements TimerChange {}
}
