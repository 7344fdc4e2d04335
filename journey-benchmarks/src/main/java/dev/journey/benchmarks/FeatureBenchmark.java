package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What declared features cost the engine end to end: {@link EngineBenchmark}'s path (one new
 * signal through dedupe, load, evaluation, reduction and an in-memory commit, 100,000 subjects) on
 * one thread, with no features, with the example's ten features, and with the ten features plus a
 * points score and two segments. Signals advance in time (1 s apart, 12 types, web attributes), so
 * windows slide and sums decay as in production.
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar FeatureBenchmark -f 1 -wi 3 -w 3s -i 5 -r 3s
 * }</pre>
 */
public class FeatureBenchmark {
  private static final String[] TYPES = {
    "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "INACTIVITY",
    "CONTENT_ENGAGED", "FORM_SUBMITTED", "DEMO_REQUESTED", "MEETING_BOOKED", "SALES_ACTIVITY",
    "USAGE_DROPPED", "DEAL_STAGE_CHANGED", "LIFECYCLE_CHANGED"
  };
  private static final int ATTRIBUTE_SETS = 1024;

  /** One engine, a fresh store per iteration. */
  @State(Scope.Benchmark)
  public static class Engine {
    /** {@code none}, {@code ten} features, or {@code scored}: ten features, a score, two segments. */
    @Param({"none", "ten", "scored"})
    public String features;

    /** {@code small}: a 4-rule plain-Java set (mostly engine overhead); {@code java}: 32 rules. */
    @Param({"small", "java"})
    public String evaluator;

    /** How many distinct subjects the signals spread over. */
    @Param({"100000"})
    public int subjects;

    JourneyEngine engine;
    SubjectRef[] refs;
    Map<String, Object>[] attributes;
    Instant start;

    /** Subjects and attribute sets. */
    @Setup(Level.Trial)
    public void prepare() {
      refs = new SubjectRef[subjects];
      for (int i = 0; i < subjects; i++) {
        refs[i] = SubjectRef.contact(Integer.toString(1_000_000 + i));
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      Map<String, Object>[] sets = new Map[ATTRIBUTE_SETS];
      Random random = new Random(7);
      for (int i = 0; i < ATTRIBUTE_SETS; i++) {
        sets[i] = Map.of("fitScore", random.nextInt(101), "intentScore", random.nextInt(101),
            "pageUrl", "/p/" + random.nextInt(40), "highValue", random.nextBoolean());
      }
      attributes = sets;
    }

    /** A fresh engine and store per iteration, so the inbox does not grow without bound. */
    @Setup(Level.Iteration)
    public void setUp() {
      JourneyEvaluator rules = evaluator.equals("small") ? PlainRules.rules() : JourneyRules.toJava();
      FeatureSet set = switch (features) {
        case "none" -> FeatureSet.none();
        case "ten" -> TenFeatures.features(false);
        default -> TenFeatures.features(true);
      };
      start = EngineBenchmark.T0;
      engine =
          JourneyEngine.builder()
              .definition(JourneyDefinition.builder("lead-handoff")
                  .model(JourneyModel.leadHandoff())
                  .evaluator(rules)
                  .features(set)
                  .build())
              .store(InMemoryJourneyStore.builder().auditPerSubject(0).build())
              .clock(Clock.fixed(EngineBenchmark.T0.plus(Duration.ofDays(3650)), ZoneOffset.UTC))
              .build();
    }
  }

  /** Each thread's own counter, so signal ids are unique. */
  @State(Scope.Thread)
  public static class Feed {
    long next;

    Signal nextSignal(Engine engine) {
      long n = next++;
      int subject = (int) Math.floorMod(n * 2654435761L, (long) engine.subjects);
      return new Signal(
          "f-" + n,
          engine.refs[subject],
          TYPES[(int) (n % TYPES.length)],
          engine.start.plusSeconds(n),
          "bench",
          engine.attributes[(int) (n & (ATTRIBUTE_SETS - 1))]);
    }
  }

  /** One signal through the engine, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public SignalResult accept(Engine engine, Feed feed) {
    return engine.engine.accept(feed.nextSignal(engine));
  }
}
