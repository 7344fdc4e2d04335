package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.state.JourneyModel;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The CPU time per signal of {@link EngineBenchmark}'s path with the identity step off and on
 * (signals without aliases), measured with the thread's CPU clock rather than the wall clock, so
 * that other processes on a shared machine inflate it less: rounds of {@code signals} signals
 * (default 200,000, over 100,000 subjects) through a fresh engine and store per round, the two
 * settings interleaved, after two warm-up rounds; prints the median CPU ns per signal of each and
 * the ratio.
 *
 * <p>Run: {@code java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar
 * dev.journey.benchmarks.IdentityCostHarness 200000 7 small}
 */
public final class IdentityCostHarness {
  private IdentityCostHarness() {}

  /** Runs the measurement. */
  public static void main(String[] args) {
    int signals = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    String evaluator = args.length > 2 ? args[2] : "small";
    SubjectRef[] refs = CpuRounds.contacts(100_000);
    Signal[] feed = CpuRounds.scoredFeed("i-", signals, refs);
    String[] variants = {"off", "on"};
    Clock clock = Clock.fixed(EngineBenchmark.T0, ZoneOffset.UTC);
    double[] median = CpuRounds.medians("identity", variants, rounds, feed, v -> {
      InMemoryJourneyStore store = InMemoryJourneyStore.builder().auditPerSubject(0).build();
      JourneyEngine.Builder builder = JourneyEngine.builder()
          .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff())
              .evaluator(evaluator.equals("small") ? PlainRules.rules() : JourneyRules.toJava()).build())
          .store(store)
          .clock(clock);
      if (variants[v].equals("on")) {
        builder.identity(IdentityResolver.builder().store(store).model(JourneyModel.leadHandoff()).clock(clock)
            .build());
      }
      return builder.build();
    });
    System.out.printf(Locale.ROOT, "on/off %.3f%n", median[1] / median[0]);
  }
}
