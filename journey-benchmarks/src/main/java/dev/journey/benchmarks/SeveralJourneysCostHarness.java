package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
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
    SubjectRef[] refs = CpuRounds.contacts(100_000);
    Signal[] feed = new Signal[signals];
    for (int n = 0; n < signals; n++) {
      feed[n] = new Signal("s-" + n, CpuRounds.subjectOf(refs, n), SeveralJourneysBenchmark.type(n),
          SeveralJourneysBenchmark.T0, "bench", Map.of());
    }
    String[] variants = {"1", "3"};
    double[] median = CpuRounds.medians("journeys", variants, rounds, feed,
        v -> SeveralJourneysBenchmark.engine(Integer.parseInt(variants[v])));
    System.out.printf(Locale.ROOT, "3/1 %.2f%n", median[1] / median[0]);
  }
}
