package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.state.JourneyModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

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
  private static final String[] TYPES = {
    "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "INACTIVITY",
    "CONTENT_ENGAGED", "FORM_SUBMITTED", "DEMO_REQUESTED", "MEETING_BOOKED", "SALES_ACTIVITY",
    "USAGE_DROPPED", "DEAL_STAGE_CHANGED", "LIFECYCLE_CHANGED"
  };

  private IdentityCostHarness() {}

  /** Runs the measurement. */
  public static void main(String[] args) {
    int signals = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    String evaluator = args.length > 2 ? args[2] : "small";
    int subjects = 100_000;
    SubjectRef[] refs = new SubjectRef[subjects];
    for (int i = 0; i < subjects; i++) {
      refs[i] = SubjectRef.contact(Integer.toString(1_000_000 + i));
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object>[] sets = new Map[1024];
    Random random = new Random(7);
    for (int i = 0; i < sets.length; i++) {
      sets[i] = Map.of("fitScore", random.nextInt(101), "intentScore", random.nextInt(101));
    }
    Signal[] feed = new Signal[signals];
    for (int n = 0; n < signals; n++) {
      int subject = (int) Math.floorMod(n * 2654435761L, (long) subjects);
      feed[n] = new Signal("i-" + n, refs[subject], TYPES[n % TYPES.length], EngineBenchmark.T0, "bench",
          sets[n & 1023]);
    }
    String[] variants = {"off", "on"};
    List<List<Double>> results = List.of(new ArrayList<>(), new ArrayList<>());
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    Clock clock = Clock.fixed(EngineBenchmark.T0, ZoneOffset.UTC);
    for (int round = 0; round < rounds + 2; round++) {
      for (int v = 0; v < variants.length; v++) {
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
        JourneyEngine engine = builder.build();
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
      List<Double> r = new ArrayList<>(results.get(v));
      Collections.sort(r);
      median[v] = r.get(r.size() / 2);
      System.out.printf(Locale.ROOT, "identity=%-3s evaluator=%s: median %.0f CPU ns/signal (rounds: %s)%n",
          variants[v], evaluator, median[v],
          results.get(v).stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
    }
    System.out.printf(Locale.ROOT, "on/off %.3f%n", median[1] / median[0]);
  }
}
