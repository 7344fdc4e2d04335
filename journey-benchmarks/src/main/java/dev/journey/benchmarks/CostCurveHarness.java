package dev.journey.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cost curves of issue 23 as a harness, for the points JMH cannot hold (10M subjects) and for
 * figures that depend less on a shared machine's load than wall-clock throughput: per point, the
 * accepting thread's CPU time per signal, the process's CPU time per signal (GC threads
 * included), bytes the accepting thread allocates per signal, wall-clock signals per second, the
 * latency percentiles of single {@code accept} calls (p50, p99, p99.9; a {@code System.nanoTime()}
 * pair per signal), GC time, and the retained heap per tracked subject after full GCs. The first round of each point is a warm-up and is left
 * out; the points of one command are measured interleaved, round by round.
 *
 * <pre>{@code
 * java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar dev.journey.benchmarks.CostCurveHarness \
 *     subjects 10000,1000000 200000 5
 * java -Xmx10g ... CostCurveHarness subjects 10000000 200000 2 small  # alone
 * java -Xmx2g ... CostCurveHarness rules 32,200,1000 100000 5       # 100,000 subjects
 * java -Xmx2g ... CostCurveHarness dense-rules 32,200,1000 100000 5
 * java -Xmx3g ... CostCurveHarness timers 1000,1000000 200000 5      # the largest point's subjects
 * }</pre>
 */
public final class CostCurveHarness {
  /** Subjects of the rule-count curve. */
  static final int RULE_CURVE_SUBJECTS = 100_000;
  /** Due timers fired per slice in the timers curve (one becomes due per virtual second). */
  static final int SLICE = 100;
  /** Slices fired per round of the timers curve. */
  static final int SLICES_PER_ROUND = 20;

  private CostCurveHarness() {}

  /** One point of a curve: its fixture and what its measured rounds gave. */
  private static final class Point {
    final String label;
    final CurveFixture fixture;
    final long heapPerSubject;
    final List<double[]> rounds = new ArrayList<>();
    final List<double[]> slices = new ArrayList<>();

    Point(String label, CurveFixture fixture, long heapPerSubject) {
      this.label = label;
      this.fixture = fixture;
      this.heapPerSubject = heapPerSubject;
    }
  }

  /**
   * Runs one curve: {@code subjects|rules|dense-rules|timers <points> <signals per round> <rounds>
   * [journey|small]}. {@code subjects}: the 32 journey rules ({@code journey}, the default) or the
   * 4-rule {@code small} set of {@code MemoryPerSubject}, whose demo request then leaves each
   * subject as that harness does (heap per subject comparable);
   * {@code rules}: {@link GeneratedRules#realistic} as plain Java (at most one grouped rule fires);
   * {@code dense-rules}: the original generated set as plain Java (overlapping bands: firings grow
   * with the count).
   */
  public static void main(String[] args) {
    if (args.length != 4 && args.length != 5) {
      throw new IllegalArgumentException("usage: CostCurveHarness subjects|rules|dense-rules|timers"
          + " <point,point,...> <signals per round> <rounds> [journey|small]");
    }
    boolean small = args.length == 5 && args[4].equals("small");
    if (args.length == 5 && !small && !args[4].equals("journey")) {
      throw new IllegalArgumentException("the subjects curve's rules are journey or small, but were " + args[4]);
    }
    String curve = args[0];
    int[] points = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
    int signals = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    System.out.printf(Locale.ROOT, "curve=%s points=%s signals/round=%d rounds=%d+1 warm-up%s, -Xmx=%d MiB, load %s%n",
        curve, args[1], signals, rounds, small ? " (small rules)" : "", Runtime.getRuntime().maxMemory() >> 20,
        loadAverage());
    List<Point> measured = new ArrayList<>();
    for (int point : points) {
      long before = usedAfterGc();
      long start = System.nanoTime();
      CurveFixture fixture = switch (curve) {
        case "subjects" -> CurveFixture.populated(small ? PlainRules.rules() : JourneyRules.toJava(), point);
        case "rules" -> CurveFixture.populated(
            GeneratedRules.java(GeneratedRules.realistic(point), "realistic-" + point), RULE_CURVE_SUBJECTS,
            GeneratedRules.attributeSets(CurveFixture.ATTRIBUTE_SETS, 7));
        case "dense-rules" -> CurveFixture.populated(GeneratedRules.java(point), RULE_CURVE_SUBJECTS);
        case "timers" -> CurveFixture.withPendingTimers(Arrays.stream(points).max().orElseThrow(), point);
        default -> throw new IllegalArgumentException(
            "curve must be subjects, rules, dense-rules or timers, but was " + curve);
      };
      long populated = usedAfterGc();
      int tracked = fixture.refs.length;
      System.out.printf(Locale.ROOT, "%s=%d: populated %d subjects in %.1f s, heap %d MiB above the baseline, %d B per subject%n",
          curve, point, tracked, (System.nanoTime() - start) / 1e9, (populated - before) >> 20,
          (populated - before) / tracked);
      if (curve.equals("timers")) {
        fixture.advance(Duration.ofSeconds(CurveFixture.TimerRules.FIRST_DUE_SECONDS));
        fixture.engine.fireDueTimers();
      }
      measured.add(new Point(curve + "=" + point, fixture, (populated - before) / tracked));
    }
    for (int round = 0; round <= rounds; round++) {
      for (Point point : measured) {
        double[] r = round(point.fixture, signals);
        double[] s = curve.equals("timers") ? slices(point.fixture) : null;
        point.fixture.nextRound();
        if (round > 0) {
          point.rounds.add(r);
          if (s != null) {
            point.slices.add(s);
          }
        }
      }
    }
    for (Point point : measured) {
      report(point);
    }
    System.out.println("load " + loadAverage());
  }

  /**
   * One round: {@code signals} signals through the engine. Returns thread CPU ns/signal, process
   * CPU ns/signal, wall signals/s, p50, p99, p99.9 (ns), GC ms, bytes allocated per signal by the
   * accepting thread.
   */
  private static double[] round(CurveFixture fixture, int signals) {
    dev.journey.core.Signal[] feed = new dev.journey.core.Signal[signals];
    for (int i = 0; i < signals; i++) {
      feed[i] = fixture.nextSignal();
    }
    long[] latency = new long[signals];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long gc0 = gcMillis();
    long allocated0 = allocatedBytes(cpu);
    long process0 = processCpu();
    long cpu0 = cpu.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    for (int i = 0; i < signals; i++) {
      long t = System.nanoTime();
      fixture.engine.accept(feed[i]);
      latency[i] = System.nanoTime() - t;
    }
    long wall = System.nanoTime() - wall0;
    long thread = cpu.getCurrentThreadCpuTime() - cpu0;
    long process = processCpu() - process0;
    long allocated = allocatedBytes(cpu) - allocated0;
    long gc = gcMillis() - gc0;
    Arrays.sort(latency);
    return new double[] {
      thread / (double) signals, process / (double) signals, signals / (wall / 1e9),
      latency[signals / 2], latency[(int) (signals * 0.99)], latency[(int) (signals * 0.999)], gc,
      allocated / (double) signals
    };
  }

  /**
   * {@link #SLICES_PER_ROUND} slices: the clock moves {@link #SLICE} seconds and {@code
   * fireDueTimers} fires what came due. Returns thread CPU ns and wall ns per fired timer, and how
   * many fired.
   */
  private static double[] slices(CurveFixture fixture) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long fired = 0;
    long thread = 0;
    long wall = 0;
    for (int i = 0; i < SLICES_PER_ROUND; i++) {
      fixture.advance(Duration.ofSeconds(SLICE));
      long cpu0 = cpu.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      fired += fixture.engine.fireDueTimers();
      wall += System.nanoTime() - wall0;
      thread += cpu.getCurrentThreadCpuTime() - cpu0;
    }
    if (fired == 0) {
      throw new IllegalStateException("no timer came due in " + SLICES_PER_ROUND + " slices");
    }
    return new double[] {thread / (double) fired, wall / (double) fired, fired};
  }

  private static void report(Point point) {
    System.out.printf(Locale.ROOT,
        "%s: thread CPU %s ns/signal, process CPU %s ns/signal, wall %s signals/s, p50 %s ns, p99 %s ns,"
            + " p99.9 %s ns, GC %s ms per round, %s B allocated/signal; heap %d B per tracked subject%n",
        point.label, summary(point.rounds, 0), summary(point.rounds, 1), summary(point.rounds, 2),
        summary(point.rounds, 3), summary(point.rounds, 4), summary(point.rounds, 5), summary(point.rounds, 6),
        summary(point.rounds, 7), point.heapPerSubject);
    if (!point.slices.isEmpty()) {
      System.out.printf(Locale.ROOT,
          "%s: fireDueTimers thread CPU %s ns/timer, wall %s ns/timer, fired %s per round%n",
          point.label, summary(point.slices, 0), summary(point.slices, 1), summary(point.slices, 2));
    }
  }

  /** "median (min-max)" of column {@code column} over the rounds. */
  private static String summary(List<double[]> rounds, int column) {
    double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)",
        values[values.length / 2], values[0], values[values.length - 1]);
  }

  private static long allocatedBytes(ThreadMXBean threads) {
    return threads instanceof com.sun.management.ThreadMXBean sun ? sun.getCurrentThreadAllocatedBytes() : 0;
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private static long processCpu() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : 0;
  }

  private static String loadAverage() {
    return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
