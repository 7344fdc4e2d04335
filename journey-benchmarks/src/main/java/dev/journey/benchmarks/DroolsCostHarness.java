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
 * <p>Two more layers run the same rules as plain Java ({@code JourneyRules.toJava()} for 32,
 * {@code GeneratedRules.java} otherwise): {@code java_evaluator} on the same recorded inputs and
 * {@code engine_java}, the same engine on the same feed. So {@code engine - evaluator} (what the
 * engine adds around Drools) is measured next to {@code engine_java - java_evaluator} (what it adds
 * around a {@code JavaRuleSet}) in one run.
 *
 * <pre>{@code
 * java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar dev.journey.benchmarks.DroolsCostHarness 32 5 200000
 * }</pre>
 */
public final class DroolsCostHarness {
  private static final int WARM_UP_ROUNDS = 2;
  private static final String[] LAYERS = {
    "kie_session", "evaluator", "engine", "java_evaluator", "engine_java"
  };

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
    int differ = 0;
    for (DroolsOverheadBenchmark.Recorded r : rig.recorded) {
      dev.journey.core.decision.Decision drools = rig.evaluator.evaluate(r.snapshot(), r.signal(), r.now());
      dev.journey.core.decision.Decision java = rig.java.evaluate(r.snapshot(), r.signal(), r.now());
      if (!drools.stateAfter().equals(java.stateAfter())
          || drools.actions().size() != java.actions().size()
          || !drools.timerCommands().equals(java.timerCommands())
          || !drools.counterDeltas().equals(java.counterDeltas())) {
        differ++;
      }
    }
    System.out.printf(Locale.ROOT, "rules=%d: Drools and plain Java decide %d of %d recorded inputs alike%n",
        rules, rig.recorded.size() - differ, rig.recorded.size());
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
        JourneyEngine engine = v == 2 ? rig.engine(rig.evaluator) : v == 4 ? rig.engine(rig.java) : null;
        rig.engine = engine;
        cursor.ring.restart(); // a fresh engine: its feed starts over, outside the measurement
        long cpu0 = threads.getCurrentThreadCpuTime();
        long bytes0 = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < signals; i++) {
          switch (v) {
            case 0 -> sink += bench.kie_session(rig, cursor, raw).rulesFired().size();
            case 1 -> sink += bench.bare_1_thread(rig, cursor).rulesFired().size();
            case 3 -> sink += javaEvaluation(rig, cursor).rulesFired().size();
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
    System.out.printf(Locale.ROOT,
        "rules=%d engine around Drools %.0f CPU ns/op, around plain Java %.0f CPU ns/op;"
            + " engine_java/java_evaluator throughput %.2f%n",
        rules, median[2] - median[1], median[4] - median[3], median[3] / median[4]);
    raw.tearDown();
    rig.tearDown();
  }

  private static dev.journey.core.decision.Decision javaEvaluation(
      DroolsOverheadBenchmark.Rig rig, DroolsOverheadBenchmark.Cursor cursor) {
    DroolsOverheadBenchmark.Recorded r = cursor.nextInput(rig);
    return rig.java.evaluate(r.snapshot(), r.signal(), r.now());
  }
}
