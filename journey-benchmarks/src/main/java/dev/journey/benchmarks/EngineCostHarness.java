package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.state.JourneyModel;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * {@link EngineBenchmark}'s path (one thread, 100,000 subjects, the 4-rule {@code small} set and
 * the 32-rule {@code java} set, in-memory store with audit off) measured in what the load of a
 * shared machine does not change much: the accepting thread's CPU time and the bytes it allocates
 * per signal ({@code com.sun.management.ThreadMXBean}). Rounds of {@code signals} new signals
 * through a fresh engine and store each, the two rule sets interleaved, after two warm-up rounds;
 * prints the median of each. GC threads' CPU is not in the figure (the allocation is).
 *
 * <p>A third argument, a batch size, feeds the signals through {@link JourneyEngine#acceptAll} in
 * batches of that many (0, the default, through {@code accept} one at a time).
 *
 * <p>Run: {@code java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar
 * dev.journey.benchmarks.EngineCostHarness 200000 7 [batch]}
 */
public final class EngineCostHarness {
  private EngineCostHarness() {}

  /** Runs the measurement. */
  public static void main(String[] args) throws Exception {
    int signals = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    SubjectRef[] refs = CpuRounds.contacts(100_000);
    Signal[] feed = CpuRounds.scoredFeed("e-", signals, refs);
    String[] variants = {"small", "java"};
    Clock clock = Clock.fixed(EngineBenchmark.T0, ZoneOffset.UTC);
    CpuRounds.Cost[] costs = CpuRounds.costs(variants.length, rounds, feed.length,
        v -> JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff())
                .evaluator(variants[v].equals("small") ? PlainRules.rules() : JourneyRules.toJava())
                .build())
            .store(InMemoryJourneyStore.builder().auditPerSubject(0).build())
            .clock(clock)
            .build(),
        (engine, v) -> {
          if (batch > 0) {
            java.util.List<Signal> all = java.util.Arrays.asList(feed);
            for (int from = 0; from < feed.length; from += batch) {
              engine.acceptAll(all.subList(from, Math.min(feed.length, from + batch)));
            }
            return feed.length;
          }
          for (Signal s : feed) {
            engine.accept(s);
          }
          return feed.length;
        });
    for (int v = 0; v < variants.length; v++) {
      System.out.printf(Locale.ROOT,
          "evaluator=%s%s: median %.0f CPU ns/signal (rounds %s), median %.0f B/signal allocated%n",
          variants[v], batch > 0 ? " batch=" + batch : "", costs[v].cpuNs(), costs[v].rounds(), costs[v].bytes());
    }
  }
}
