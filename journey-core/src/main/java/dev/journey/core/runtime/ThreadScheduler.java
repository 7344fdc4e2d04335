package dev.journey.core.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** {@link RuntimeScheduler#threads}: one single-thread scheduled executor per lane. */
final class ThreadScheduler implements RuntimeScheduler {
  private final String prefix;
  private final List<ScheduledExecutorService> executors = new CopyOnWriteArrayList<>();

  ThreadScheduler(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("prefix must not be blank");
    }
    this.prefix = prefix;
  }

  @Override
  public Lane repeat(String lane, Duration interval, Runnable task) {
    Objects.requireNonNull(lane, "lane");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(task, "task");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be > 0, but was " + interval);
    }
    String name = prefix + "-" + lane;
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    executors.add(executor);
    ThreadLane handle = new ThreadLane(executor, task);
    handle.future =
        executor.scheduleWithFixedDelay(handle::run, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    return handle;
  }

  @Override
  public void shutdown() {
    for (ScheduledExecutorService executor : executors) {
      executor.shutdown();
    }
  }

  private static final class ThreadLane implements Lane {
    private final ScheduledExecutorService executor;
    private final Runnable task;
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean cancelled;
    private volatile ScheduledFuture<?> future;

    ThreadLane(ScheduledExecutorService executor, Runnable task) {
      this.executor = executor;
      this.task = task;
    }

    void run() {
      running.lock();
      try {
        if (!cancelled) {
          task.run();
        }
      } finally {
        running.unlock();
      }
    }

    @Override
    public void cancel() {
      cancelled = true;
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
      executor.shutdown();
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
      if (running.tryLock(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS)) {
        running.unlock();
        return true;
      }
      return false;
    }
  }
}
