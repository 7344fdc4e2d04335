package dev.journey.benchmarks;

import dev.journey.core.engine.JourneyEngine;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@link DroolsOverheadBenchmark}'s layers in CPU time and allocation per operation, which the
 * other processes on a shared machine disturb far less than JMH's wall clock: rounds of {@code
 * signals} operations per layer (a bare {@code KieSession}, the {@code DroolsEvaluator} on the
 * recorded inputs, the engine end to end with a fresh engine and store per round), the layers
 * interleaved, two warm-up rounds left out, the median of the rest. One thread.
 *
 * <pre>{@code
 * java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar dev.journey.benchmarks.DroolsCostHarness 32 5 200000
 * }</pre>
 */
public final class DroolsCostHarness {
  private static final int WARM_UP_ROUNDS = 2;
  private static final String[] LAYERS = {"kie_session", "evaluator", "engine"};

  private DroolsCostHarness() {}

  /**
   * Runs the harness.
   *
   * @param args rule count (32 for the journey set), measured rounds, operations per round
   */
  public static void main(String[] args) throws Exception {
    int rules = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int signals = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
    DroolsOverheadBenchmark.Rig rig = new DroolsOverheadBenchmark.Rig();
    rig.rules = rules;
    rig.subjects = 100_000;
    rig.compile();
    DroolsOverheadBenchmark.Raw raw = new DroolsOverheadBenchmark.Raw();
    raw.setUp(rig);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    List<List<double[]>> results = new ArrayList<>();
    for (int v = 0; v < LAYERS.length; v++) {
      results.add(new ArrayList<>());
    }
    DroolsOverheadBenchmark bench = new DroolsOverheadBenchmark();
    DroolsOverheadBenchmark.Cursor cursor = new DroolsOverheadBenchmark.Cursor();
    cursor.setUp(rig);
    long sink = 0;
    for (int round = 0; round < rounds + WARM_UP_ROUNDS; round++) {
      for (int v = 0; v < LAYERS.length; v++) {
        JourneyEngine engine = v == 2 ? rig.engine(rig.evaluator) : null;
        rig.engine = engine;
        long cpu0 = threads.getCurrentThreadCpuTime();
        long bytes0 = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < signals; i++) {
          switch (v) {
            case 0 -> sink += bench.kie_session(rig, cursor, raw).rulesFired().size();
            case 1 -> sink += bench.bare_1_thread(rig, cursor).rulesFired().size();
            default -> sink += bench.engine_1_thread(rig, cursor).status().ordinal();
          }
        }
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / (double) signals;
        double bytes = (threads.getThreadAllocatedBytes(thread) - bytes0) / (double) signals;
        if (round >= WARM_UP_ROUNDS) {
          results.get(v).add(new double[] {cpu, bytes});
        }
      }
    }
    double[] median = new double[LAYERS.length];
    for (int v = 0; v < LAYERS.length; v++) {
      List<Double> cpu = new ArrayList<>();
      List<Double> bytes = new ArrayList<>();
      for (double[] r : results.get(v)) {
        cpu.add(r[0]);
        bytes.add(r[1]);
      }
      List<Double> sorted = new ArrayList<>(cpu);
      Collections.sort(sorted);
      median[v] = sorted.get(sorted.size() / 2);
      Collections.sort(bytes);
      System.out.printf(Locale.ROOT, "rules=%d %s: median %.0f CPU ns/op, %.0f B/op (rounds: %s)%n",
          rules, LAYERS[v], median[v], bytes.get(bytes.size() / 2),
          cpu.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
    }
    System.out.printf(Locale.ROOT,
        "rules=%d engine/evaluator throughput %.2f, evaluator/kie_session %.2f (sink %d)%n",
        rules, median[1] / median[2], median[0] / median[1], sink);
    raw.tearDown();
    rig.tearDown();
  }
}
