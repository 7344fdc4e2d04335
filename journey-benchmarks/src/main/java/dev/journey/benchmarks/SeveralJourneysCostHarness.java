package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CPU time per signal of {@link SeveralJourneysBenchmark}'s path, measured with the thread's
 * CPU clock rather than the wall clock, so that other processes on a shared machine inflate it
 * less: rounds of {@code signals} signals (default 200,000, over 100,000 subjects) through a fresh
 * engine of one journey and one of three, interleaved, after two warm-up rounds; prints the
 * median CPU ns per signal of each and the ratio.
 *
 * <p>Run: {@code java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar
 * dev.journey.benchmarks.SeveralJourneysCostHarness 200000 7}
 */
public final class SeveralJourneysCostHarness {
  private SeveralJourneysCostHarness() {}

  /** Runs the measurement. */
  public static void main(String[] args) {
    int signals = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int subjects = 100_000;
    SubjectRef[] refs = new SubjectRef[subjects];
    for (int i = 0; i < subjects; i++) {
      refs[i] = SubjectRef.contact(Integer.toString(1_000_000 + i));
    }
    Signal[] feed = new Signal[signals];
    for (int n = 0; n < signals; n++) {
      int subject = (int) Math.floorMod(n * 2654435761L, (long) subjects);
      feed[n] = new Signal("s-" + n, refs[subject], SeveralJourneysBenchmark.type(n),
          SeveralJourneysBenchmark.T0, "bench", Map.of());
    }
    int[] variants = {1, 3};
    List<List<Double>> results = List.of(new ArrayList<>(), new ArrayList<>());
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds + 2; round++) {
      for (int v = 0; v < variants.length; v++) {
        JourneyEngine engine = SeveralJourneysBenchmark.engine(variants[v]);
        long start = cpu.getCurrentThreadCpuTime();
        for (Signal s : feed) {
          engine.accept(s);
        }
        double perSignal = (cpu.getCurrentThreadCpuTime() - start) / (double) signals;
        if (round >= 2) { // two warm-up rounds
          results.get(v).add(perSignal);
        }
      }
    }
    double[] median = new double[variants.length];
    for (int v = 0; v < variants.length; v++) {
      List<Double> r = results.get(v);
      Collections.sort(r);
      median[v] = r.get(r.size() / 2);
      System.out.printf(Locale.ROOT, "journeys=%d: median %.0f CPU ns/signal (rounds: %s)%n",
          variants[v], median[v], r.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
    }
    System.out.printf(Locale.ROOT, "3/1 %.2f%n", median[1] / median[0]);
  }
}
