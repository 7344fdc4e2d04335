package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.state.JourneyModel;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The CPU time per signal of {@link FeatureBenchmark}'s path, measured with the thread's CPU clock
 * rather than the wall clock, so that other processes on a shared machine inflate it less: rounds
 * of {@code signals} signals (default 200,000) through a fresh engine and store with no features,
 * the example's ten, and the ten plus a score and two segments, interleaved, after warm-up rounds;
 * prints the median CPU ns per signal of each and the ratios.
 *
 * <p>Run: {@code java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar
 * dev.journey.benchmarks.FeatureCostHarness 200000 7 small}
 */
public final class FeatureCostHarness {
  private FeatureCostHarness() {}

  /** Runs the measurement. */
  public static void main(String[] args) {
    int signals = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    String evaluator = args.length > 2 ? args[2] : "small";
    SubjectRef[] refs = CpuRounds.contacts(100_000);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object>[] sets = new Map[1024];
    Random random = new Random(7);
    for (int i = 0; i < sets.length; i++) {
      sets[i] = Map.of("fitScore", random.nextInt(101), "intentScore", random.nextInt(101),
          "pageUrl", "/p/" + random.nextInt(40), "highValue", random.nextBoolean());
    }
    Signal[] feed = new Signal[signals];
    for (int n = 0; n < signals; n++) {
      feed[n] = new Signal("f-" + n, CpuRounds.subjectOf(refs, n), CpuRounds.TYPES[n % CpuRounds.TYPES.length],
          EngineBenchmark.T0.plusSeconds(n), "bench", sets[n & 1023]);
    }
    String[] variants = {"none", "ten", "scored"};
    double[] median = CpuRounds.medians("features", variants, rounds, feed, v -> {
      FeatureSet set = switch (variants[v]) {
        case "none" -> FeatureSet.none();
        case "ten" -> TenFeatures.features(false);
        default -> TenFeatures.features(true);
      };
      return JourneyEngine.builder()
          .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff())
              .evaluator(evaluator.equals("small") ? PlainRules.rules() : JourneyRules.toJava())
              .features(set).build())
          .store(InMemoryJourneyStore.builder().auditPerSubject(0).build())
          .clock(Clock.fixed(EngineBenchmark.T0.plus(Duration.ofDays(3650)), ZoneOffset.UTC))
          .build();
    });
    System.out.printf(Locale.ROOT, "ten/none %.2f, scored/none %.2f%n", median[1] / median[0], median[2] / median[0]);
  }
}
