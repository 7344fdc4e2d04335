package dev.journey.benchmarks;

import dev.journey.core.Signal;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What sets {@link EngineBenchmark#latency}'s tail, in figures a shared machine's load does not
 * change much: every operation's wall time <em>and</em> the accepting thread's CPU time, so an
 * operation that took long because of its own work (a table's growth, a purge run inline) is told
 * apart from one that waited (a collection's or another safepoint's pause, a lock, the scheduler).
 * One thread, {@code EngineBenchmark}'s engine and feed ({@code -p evaluator=small}, 100,000
 * subjects, the ring feed), after {@code warm-up} operations; also counts the collections and
 * their accumulated time during the measured operations ({@link GarbageCollectorMXBean}).
 *
 * <p>Reading the thread's CPU clock costs each operation about a microsecond on Linux, in both
 * figures alike; the percentiles are of the measured operations, exact (all of them kept).
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -XX:+UseG1GC -cp journey-benchmarks/target/benchmarks.jar
 * dev.journey.benchmarks.LatencyTailHarness steady 300000 600000} (store {@code fresh} or {@code
 * steady}, warm-up operations, measured operations; a fourth argument {@code inline} builds each
 * signal in the operation as before issue 23, round 8).
 */
public final class LatencyTailHarness {
  /** The target's bound on the p99.9, in microseconds. */
  private static final long BOUND_MICROS = 200;

  private LatencyTailHarness() {}

  /** Runs the measurement. */
  public static void main(String[] args) throws Exception {
    String store = args.length > 0 ? args[0] : "steady";
    int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    int ops = args.length > 2 ? Integer.parseInt(args[2]) : 600_000;
    String feedMode = args.length > 3 ? args[3] : "ring";
    EngineBenchmark.Engine engine = new EngineBenchmark.Engine();
    engine.evaluator = "small";
    engine.identity = "off";
    engine.subjects = 100_000;
    engine.store = store;
    engine.housekeeping = "thread";
    engine.feed = feedMode;
    engine.compile();
    engine.setUp();
    EngineBenchmark.Feed feed = new EngineBenchmark.Feed();
    feed.setUp(engine);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    for (int i = 0; i < warmUp; i++) {
      engine.engine.accept(feed.nextSignal(engine));
    }
    long[] wall = new long[ops];
    long[] cpu = new long[ops];
    long[] began = new long[ops];
    List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    Pauses pauses = new Pauses(collectors);
    long gcCount0 = gcCount(collectors);
    long gcTime0 = gcTime(collectors);
    long bytes0 = threads.getThreadAllocatedBytes(id);
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long sink = 0;
    for (int i = 0; i < ops; i++) {
      Signal s = feed.nextSignal(engine);
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      sink += engine.engine.accept(s).status().ordinal();
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      wall[i] = t1 - t0;
      cpu[i] = c1 - c0;
      began[i] = t0;
    }
    long elapsed = System.nanoTime() - start;
    long cpuElapsed = threads.getCurrentThreadCpuTime() - cpuStart;
    long bytes = threads.getThreadAllocatedBytes(id) - bytes0;
    long gcs = gcCount(collectors) - gcCount0;
    long gcMillis = gcTime(collectors) - gcTime0;
    long overWall = 0;
    long overWallOwnWork = 0;
    long overCpu = 0;
    long overWallInPause = 0;
    long bound = BOUND_MICROS * 1000;
    for (int i = 0; i < ops; i++) {
      if (wall[i] > bound) {
        overWall++;
        if (cpu[i] > bound) {
          overWallOwnWork++;
        } else if (pauses.overlaps(began[i], began[i] + wall[i])) {
          overWallInPause++;
        }
      }
      if (cpu[i] > bound) {
        overCpu++;
      }
    }
    engine.tearDown();
    long[] w = wall.clone();
    long[] c = cpu.clone();
    Arrays.sort(w);
    Arrays.sort(c);
    String gcNames = String.join("+", collectors.stream().map(GarbageCollectorMXBean::getName).toList());
    System.out.printf(Locale.ROOT,
        "store=%s feed=%s collector=%s: %d ops in %.2f s wall, %.2f s CPU (thread %.0f%% on CPU),"
            + " %.0f B/op%n",
        store, feedMode, gcNames, ops, elapsed / 1e9, cpuElapsed / 1e9,
        100.0 * cpuElapsed / elapsed, bytes / (double) ops);
    System.out.printf(Locale.ROOT,
        "  wall µs: p50 %.1f  p99 %.1f  p99.9 %.1f  p99.99 %.1f  max %.1f%n",
        p(w, 0.5), p(w, 0.99), p(w, 0.999), p(w, 0.9999), w[ops - 1] / 1e3);
    System.out.printf(Locale.ROOT,
        "  CPU µs:  p50 %.1f  p99 %.1f  p99.9 %.1f  p99.99 %.1f  max %.1f%n",
        p(c, 0.5), p(c, 0.99), p(c, 0.999), p(c, 0.9999), c[ops - 1] / 1e3);
    System.out.printf(Locale.ROOT,
        "  ops over %d µs: wall %d (%.3f%%), of which %d over it in CPU too (own work), %d"
            + " waiting in a collection's pause, %d waiting otherwise (scheduler, lock, other"
            + " safepoint); CPU %d%n",
        BOUND_MICROS, overWall, 100.0 * overWall / ops, overWallOwnWork, overWallInPause,
        overWall - overWallOwnWork - overWallInPause, overCpu);
    System.out.printf(Locale.ROOT,
        "  collections during the measured ops: %d (%.2f per 1,000 ops), %d ms (%.2f%% of the wall"
            + " time) (sink %d)%n",
        gcs, 1000.0 * gcs / ops, gcMillis, 100.0 * gcMillis * 1e6 / elapsed, sink);
  }

  /**
   * The collections' pauses as {@link System#nanoTime} intervals, from the collectors'
   * notifications (their times are whole milliseconds of JVM uptime, so each interval is widened
   * by a millisecond on either side).
   */
  static final class Pauses implements javax.management.NotificationListener {
    private final long originNanos;
    private final long originUptimeMillis;
    private final java.util.List<long[]> intervals =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    Pauses(List<GarbageCollectorMXBean> collectors) {
      originNanos = System.nanoTime();
      originUptimeMillis = ManagementFactory.getRuntimeMXBean().getUptime();
      for (GarbageCollectorMXBean gc : collectors) {
        if (gc instanceof javax.management.NotificationEmitter emitter) {
          emitter.addNotificationListener(this, null, null);
        }
      }
    }

    @Override
    public void handleNotification(javax.management.Notification n, Object handback) {
      if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
          .equals(n.getType())) {
        return;
      }
      com.sun.management.GarbageCollectionNotificationInfo info =
          com.sun.management.GarbageCollectionNotificationInfo.from(
              (javax.management.openmbean.CompositeData) n.getUserData());
      if (info.getGcName().contains("Concurrent")) {
        return; // not a pause
      }
      long start = originNanos + (info.getGcInfo().getStartTime() - originUptimeMillis - 1) * 1_000_000;
      long end = originNanos + (info.getGcInfo().getEndTime() - originUptimeMillis + 1) * 1_000_000;
      intervals.add(new long[] {start, end});
    }

    boolean overlaps(long from, long to) {
      synchronized (intervals) {
        for (long[] i : intervals) { // a handful per run
          if (from < i[1] && to > i[0]) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static double p(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e3;
  }

  private static long gcCount(List<GarbageCollectorMXBean> collectors) {
    long n = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static long gcTime(List<GarbageCollectorMXBean> collectors) {
    long n = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      n += Math.max(0, gc.getCollectionTime());
    }
    return n;
  }
}
