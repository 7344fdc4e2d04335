package dev.journey.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a run of {@link EngineBenchmark}'s workload spends the machine's CPU, by thread group of
 * this JVM: the accepting threads, the garbage collector's (G1's concurrent refinement among
 * them), the JIT compilers', the housekeeping thread's. JMH reports signals per second; this says
 * what else the two cores did meanwhile, which is what decides whether a second accepting thread
 * can double the rate. The CPU is read from {@code /proc/self/task/<tid>/stat} (user + system
 * ticks per native thread, Linux only), before and after a timed window that follows a warm-up.
 *
 * <pre>{@code
 * java -XX:+UseG1GC -cp journey-benchmarks/target/benchmarks.jar dev.journey.benchmarks.ThreadCpuHarness small steady 2 10 15
 * java -XX:+UseParallelGC -cp journey-benchmarks/target/benchmarks.jar dev.journey.benchmarks.ThreadCpuHarness small steady 2 10 15
 * }</pre>
 *
 * <p>Arguments: {@code evaluator} ({@code small}, {@code java} or {@code drools}), {@code store}
 * ({@code steady} or {@code fresh}), accepting threads, warm-up seconds, measured seconds, and
 * optionally where the steady store's purge and relay run ({@code thread}, the default, or {@code
 * inline}: {@link EngineBenchmark.Engine#housekeeping}).
 */
public final class ThreadCpuHarness {
  /** Clock ticks per second of {@code /proc}'s CPU times (USER_HZ, 100 on Linux). */
  private static final double TICKS_PER_SECOND = 100;

  private ThreadCpuHarness() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    String evaluator = args.length > 0 ? args[0] : "small";
    String store = args.length > 1 ? args[1] : "steady";
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 15;
    String housekeeping = args.length > 5 ? args[5] : "thread";
    if (!Files.isDirectory(Path.of("/proc/self/task"))) {
      throw new IllegalStateException("ThreadCpuHarness reads /proc/self/task: Linux only");
    }
    EngineBenchmark.Engine engine = new EngineBenchmark.Engine();
    engine.evaluator = evaluator;
    engine.identity = "off";
    engine.subjects = 100_000;
    engine.store = store;
    engine.housekeeping = housekeeping;
    engine.feed = "ring";
    engine.compile();
    engine.setUp();
    AtomicLong accepted = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      EngineBenchmark.Feed feed = new EngineBenchmark.Feed();
      feed.setUp(engine);
      Thread worker =
          new Thread(
              () -> {
                while (!stop.get()) { // bounded: the main thread stops it after the window
                  for (int i = 0; i < 1_024; i++) {
                    engine.engine.accept(feed.nextSignal(engine));
                  }
                  accepted.addAndGet(1_024);
                }
              },
              "accepting-" + t);
      workers.add(worker);
      worker.start();
    }
    // the window: CPU and signals read at its start and end, the accepting threads still running
    Thread.sleep(warmupSeconds * 1_000L);
    Map<String, Double> cpuBefore = threadCpu();
    long acceptedBefore = accepted.get();
    long start = System.nanoTime();
    Thread.sleep(seconds * 1_000L);
    Map<String, Double> cpuAfter = threadCpu();
    long signals = accepted.get() - acceptedBefore;
    double window = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf(Locale.ROOT,
        "%s, %s store, %d accepting thread(s), housekeeping %s, java %s, %s: %,.0f signals/s over %.1f s%n",
        evaluator, store, threads, housekeeping, System.getProperty("java.version"), collector(),
        signals / window, window);
    double total = 0;
    Map<String, Double> groups = new TreeMap<>();
    for (Map.Entry<String, Double> e : cpuAfter.entrySet()) {
      double used = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0.0);
      groups.merge(group(e.getKey()), used, Double::sum);
      total += used;
    }
    int cores = Runtime.getRuntime().availableProcessors();
    for (Map.Entry<String, Double> e : groups.entrySet()) {
      if (e.getValue() >= 0.05) {
        System.out.printf(Locale.ROOT, "  %-28s %6.2f s CPU  %5.1f %% of the window's %d cores  %7.0f ns per signal%n",
            e.getKey(), e.getValue(), 100 * e.getValue() / (window * cores), cores,
            e.getValue() * 1e9 / Math.max(1, signals));
      }
    }
    System.out.printf(Locale.ROOT, "  %-28s %6.2f s CPU  %5.1f %%                    %7.0f ns per signal%n",
        "all threads", total, 100 * total / (window * cores), total * 1e9 / Math.max(1, signals));
    engine.tearDown();
  }

  private static String collector() {
    List<String> names = new ArrayList<>();
    for (java.lang.management.GarbageCollectorMXBean gc :
        java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      names.add(gc.getName());
    }
    return String.join(" + ", names);
  }

  /**
   * A thread's group, from its key "name tid": the name without its trailing number ({@code G1
   * Refine#0}: G1 Refine).
   */
  private static String group(String key) {
    String name = key.substring(0, key.lastIndexOf(' '));
    if (name.startsWith("accepting-")) {
      return "accepting threads";
    }
    return name.replaceAll("[#\\s]*\\d+$", "");
  }

  /** CPU seconds so far of every thread of this process, by "name tid" (grouped when printed). */
  private static Map<String, Double> threadCpu() throws IOException {
    Map<String, Double> cpu = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
          String comm = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).trim();
          // fields after the parenthesised name: state is field 3, utime 14, stime 15
          String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double seconds = (Long.parseLong(rest[11]) + Long.parseLong(rest[12])) / TICKS_PER_SECOND;
          cpu.put(comm + " " + task.getFileName(), seconds);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    }
    return cpu;
  }
}
