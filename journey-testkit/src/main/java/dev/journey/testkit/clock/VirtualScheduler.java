package dev.journey.testkit.clock;

import dev.journey.core.runtime.RuntimeScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A {@link RuntimeScheduler} on a {@link VirtualClock}: nothing runs by itself; the test runs the
 * lanes that are due with {@link #runDue()}, or moves time with {@link #advance(Duration)}, which
 * stops at every instant a lane is due on the way. Lanes run on the calling thread, in the order
 * they were scheduled, so a runtime on virtual time is deterministic and its tests never sleep.
 *
 * <p>Thread-safe; one thread at a time runs lanes.
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T08:00:00Z"));
 * VirtualScheduler scheduler = VirtualScheduler.on(clock);
 * JourneyRuntime runtime = JourneyRuntime.builder(engine, executor).scheduler(scheduler).build();
 * runtime.start();
 * scheduler.advance(Duration.ofMinutes(5)); // timers, relay and health run as they come due
 * }</pre>
 */
public final class VirtualScheduler implements RuntimeScheduler {
  /** The most lane runs one call makes before it gives up (a lane that never lets time pass). */
  public static final int MAX_RUNS_PER_CALL = 10_000_000;

  private final VirtualClock clock;
  private final List<VirtualLane> lanes = new ArrayList<>();
  private final ReentrantLock driving = new ReentrantLock();
  private boolean shutdown;

  private VirtualScheduler(VirtualClock clock) {
    this.clock = clock;
  }

  /** A scheduler whose lanes come due on {@code clock}. */
  public static VirtualScheduler on(VirtualClock clock) {
    return new VirtualScheduler(Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public Lane repeat(String lane, Duration interval, Runnable task) {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(task, "task");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be > 0, but was " + interval);
    }
    synchronized (lanes) {
      if (shutdown) {
        throw new IllegalStateException("the scheduler is shut down: cannot schedule lane " + lane);
      }
      VirtualLane l = new VirtualLane(lane, interval, task, clock.instant());
      lanes.add(l);
      return l;
    }
  }

  @Override
  public void shutdown() {
    synchronized (lanes) {
      shutdown = true;
      lanes.forEach(l -> l.cancelled = true);
    }
  }

  /** The names of the lanes still scheduled, in order. */
  public List<String> lanes() {
    synchronized (lanes) {
      return lanes.stream().filter(l -> !l.cancelled).map(l -> l.name).toList();
    }
  }

  /**
   * Runs every lane due at the clock's instant, once each (a lane's next run is an interval
   * later).
   *
   * @return how many lane runs there were
   */
  public int runDue() {
    driving.lock();
    try {
      Instant now = clock.instant();
      int runs = 0;
      for (VirtualLane lane : snapshot()) {
        if (!lane.cancelled && !lane.nextRun.isAfter(now)) {
          lane.run(clock);
          runs++;
        }
      }
      return runs;
    } finally {
      driving.unlock();
    }
  }

  /**
   * Moves the clock forward by {@code step}, stopping at every instant a lane comes due on the
   * way and running the due lanes there, and finally at the end.
   *
   * @return this scheduler
   * @throws IllegalArgumentException when {@code step} is negative
   */
  public VirtualScheduler advance(Duration step) {
    Objects.requireNonNull(step, "step");
    if (step.isNegative()) {
      throw new IllegalArgumentException("step must be >= 0, but was " + step);
    }
    Instant end = clock.instant().plus(step);
    advanceUntil(() -> false, end);
    return this;
  }

  /**
   * Moves the clock from lane run to lane run, as {@link #advance(Duration)} does, until {@code
   * done} is true (checked after every instant) or {@code limit} is reached.
   *
   * @return {@code true} when {@code done} became true
   * @throws IllegalArgumentException when {@code limit} is before the clock's instant
   */
  public boolean advanceUntil(BooleanSupplier done, Instant limit) {
    Objects.requireNonNull(done, "done");
    Objects.requireNonNull(limit, "limit");
    if (limit.isBefore(clock.instant())) {
      throw new IllegalArgumentException(
          "limit must be >= the clock's instant (" + clock.instant() + "), but was " + limit);
    }
    int runs = 0;
    while (runs < MAX_RUNS_PER_CALL) {
      runs += runDue();
      if (done.getAsBoolean()) {
        return true;
      }
      Optional<Instant> next = nextRun();
      if (next.isEmpty() || next.get().isAfter(limit)) {
        if (clock.instant().isBefore(limit)) {
          clock.set(limit);
          runs += runDue();
        }
        return done.getAsBoolean();
      }
      if (next.get().isAfter(clock.instant())) {
        clock.set(next.get());
      }
    }
    throw new IllegalStateException(
        "gave up after " + MAX_RUNS_PER_CALL + " lane runs without reaching " + limit);
  }

  /** When the next lane is due, if any is scheduled. */
  public Optional<Instant> nextRun() {
    Instant next = null;
    for (VirtualLane lane : snapshot()) {
      if (!lane.cancelled && (next == null || lane.nextRun.isBefore(next))) {
        next = lane.nextRun;
      }
    }
    return Optional.ofNullable(next);
  }

  private List<VirtualLane> snapshot() {
    synchronized (lanes) {
      return new ArrayList<>(lanes);
    }
  }

  private static final class VirtualLane implements Lane {
    final String name;
    final Duration interval;
    final Runnable task;
    final ReentrantLock running = new ReentrantLock();
    volatile Instant nextRun;
    volatile boolean cancelled;

    VirtualLane(String name, Duration interval, Runnable task, Instant first) {
      this.name = name;
      this.interval = interval;
      this.task = task;
      this.nextRun = first;
    }

    void run(VirtualClock clock) {
      running.lock();
      try {
        task.run();
      } finally {
        nextRun = clock.instant().plus(interval);
        running.unlock();
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
      if (running.isHeldByCurrentThread()) {
        return false;
      }
      if (running.tryLock(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
        running.unlock();
        return true;
      }
      return false;
    }
  }
}
