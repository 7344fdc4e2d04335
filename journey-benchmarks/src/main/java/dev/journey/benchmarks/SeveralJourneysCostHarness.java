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
 * engine of one journey, one of three that every signal concerns, and one of three where the
 * subject is in the first alone ({@code 3in1}), interleaved, after two warm-up rounds; prints the
 * median CPU ns and bytes allocated per signal of each and the ratios to one journey.
 *
 * <p>Run: {@code java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar
 * dev.journey.benchmarks.SeveralJourneysCostHarness 200000 7}
 */
public final class SeveralJourneysCostHarness {
  private SeveralJourneysCostHarness() {}

  /** Runs the measurement. */
  public static void main(String[] args) throws Exception {
    int signals = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    SubjectRef[] refs = CpuRounds.contacts(100_000);
    Signal[] feed = new Signal[signals];
    for (int n = 0; n < signals; n++) {
      feed[n] = new Signal("s-" + n, CpuRounds.subjectOf(refs, n), SeveralJourneysBenchmark.type(n),
          SeveralJourneysBenchmark.T0, "bench", Map.of());
    }
    // "3in1": three journeys hosted, the subject in the primary one only (the others' entry
    // criteria never hold): it should cost about what "1" costs, not what "3" costs
    String[] variants = {"1", "3", "3in1"};
    CpuRounds.Cost[] costs = CpuRounds.costs(variants.length, rounds, feed.length,
        v -> SeveralJourneysBenchmark.engine(v == 0 ? 1 : 3, v != 2),
        (engine, v) -> {
          for (Signal s : feed) {
            engine.accept(s);
          }
          return feed.length;
        });
    for (int v = 0; v < variants.length; v++) {
      System.out.printf(Locale.ROOT,
          "journeys=%s: median %.0f CPU ns/signal (rounds: %s), median %.0f B/signal allocated%n",
          variants[v], costs[v].cpuNs(), costs[v].rounds(), costs[v].bytes());
    }
    System.out.printf(Locale.ROOT, "3/1 %.2f, 3in1/1 %.2f (CPU); 3/1 %.2f, 3in1/1 %.2f (bytes)%n",
        costs[1].cpuNs() / costs[0].cpuNs(), costs[2].cpuNs() / costs[0].cpuNs(),
        costs[1].bytes() / costs[0].bytes(), costs[2].bytes() / costs[0].bytes());
  }
}
