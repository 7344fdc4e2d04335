package dev.journey.core.runtime;

import java.time.Duration;

/**
 * Where a {@link JourneyRuntime} runs its repeating work. Each lane (timers, each relay worker,
 * health) is scheduled separately, so that a slow lane never delays another: {@link #threads}
 * gives every lane its own daemon thread; the testkit's {@code VirtualScheduler} runs lanes on
 * the test's thread as a virtual clock advances, so tests never sleep.
 *
 * <p>Implementations must be thread-safe.
 */
public interface RuntimeScheduler {

  /**
   * Runs {@code task} repeatedly on lane {@code lane}: first as soon as possible, then {@code
   * interval} after each run ends. A run of one lane never overlaps another run of the same lane.
   * The task handles its own exceptions.
   *
   * @param lane a name for the lane, unique per runtime (e.g. {@code "timers"}, {@code "relay-0"})
   * @param interval the pause between the end of one run and the start of the next, &gt; 0
   * @param task the work
   * @return a handle to stop the lane
   */
  Lane repeat(String lane, Duration interval, Runnable task);

  /** Releases the scheduler's resources (threads); lanes still scheduled stop. Idempotent. */
  void shutdown();

  /**
   * A scheduler with one daemon thread per lane, named {@code <prefix>-<lane>}.
   *
   * @throws IllegalArgumentException when {@code prefix} is blank
   */
  static RuntimeScheduler threads(String prefix) {
    return new ThreadScheduler(prefix);
  }

  /** A scheduled lane. */
  interface Lane {
    /** Stops further runs; a run in progress completes. Idempotent. */
    void cancel();

    /**
     * Waits up to {@code timeout} (real time: a thread is waited for) until no run is in progress.
     *
     * @return {@code true} when the lane is idle
     * @throws InterruptedException when interrupted while waiting
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException;
  }
}
