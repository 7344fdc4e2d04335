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
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The measuring loop the CPU-cost harnesses share: rounds of one feed through a fresh engine per
 * variant, the variants interleaved so that a change of load on a shared machine touches them
 * alike, two warm-up rounds left out, the thread's CPU time per signal reported as the median of
 * the rest.
 */
final class CpuRounds {
  /** The signal types the engine benchmarks cycle through, the pricing views weighted three times. */
  static final String[] TYPES = {
    "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "INACTIVITY",
    "CONTENT_ENGAGED", "FORM_SUBMITTED", "DEMO_REQUESTED", "MEETING_BOOKED", "SALES_ACTIVITY",
    "USAGE_DROPPED", "DEAL_STAGE_CHANGED", "LIFECYCLE_CHANGED"
  };

  private static final int WARM_UP_ROUNDS = 2;

  private CpuRounds() {}

  /** {@code count} contacts with ids from 1,000,000 up. */
  static SubjectRef[] contacts(int count) {
    SubjectRef[] refs = new SubjectRef[count];
    for (int i = 0; i < count; i++) {
      refs[i] = SubjectRef.contact(Integer.toString(1_000_000 + i));
    }
    return refs;
  }

  /** The subject of the {@code n}th signal: a multiplicative hash spreads the feed over them. */
  static SubjectRef subjectOf(SubjectRef[] refs, int n) {
    return refs[(int) Math.floorMod(n * 2654435761L, (long) refs.length)];
  }

  /**
   * {@code signals} signals with ids {@code idPrefix + n}, all at {@link EngineBenchmark#T0}, spread
   * over {@code refs} by {@link #subjectOf}, cycling through {@link #TYPES}, with one of 1,024 fixed
   * pairs of fit and intent scores (seeded, so every run feeds the same signals).
   */
  static Signal[] scoredFeed(String idPrefix, int signals, SubjectRef[] refs) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object>[] sets = new Map[1024];
    Random random = new Random(7);
    for (int i = 0; i < sets.length; i++) {
      sets[i] = Map.of("fitScore", random.nextInt(101), "intentScore", random.nextInt(101));
    }
    Signal[] feed = new Signal[signals];
    for (int n = 0; n < signals; n++) {
      feed[n] = new Signal(idPrefix + n, subjectOf(refs, n), TYPES[n % TYPES.length],
          EngineBenchmark.T0, "bench", sets[n & 1023]);
    }
    return feed;
  }

  /**
   * Runs {@code rounds} measured rounds (after the warm-up ones) of {@code feed} through {@code
   * engineFor.apply(v)} for every variant {@code v}, prints one line per variant headed {@code
   * label} and returns the medians in CPU ns per signal, in the variants' order.
   */
  static double[] medians(String label, String[] variants, int rounds, Signal[] feed,
      IntFunction<JourneyEngine> engineFor) {
    List<List<Double>> results = new ArrayList<>();
    for (int v = 0; v < variants.length; v++) {
      results.add(new ArrayList<>());
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds + WARM_UP_ROUNDS; round++) {
      for (int v = 0; v < variants.length; v++) {
        JourneyEngine engine = engineFor.apply(v);
        long start = cpu.getCurrentThreadCpuTime();
        for (Signal s : feed) {
          engine.accept(s);
        }
        double perSignal = (cpu.getCurrentThreadCpuTime() - start) / (double) feed.length;
        if (round >= WARM_UP_ROUNDS) {
          results.get(v).add(perSignal);
        }
      }
    }
    double[] median = new double[variants.length];
    for (int v = 0; v < variants.length; v++) {
      List<Double> sorted = new ArrayList<>(results.get(v));
      Collections.sort(sorted);
      median[v] = sorted.get(sorted.size() / 2);
      System.out.printf(Locale.ROOT, "%s=%s: median %.0f CPU ns/signal (rounds: %s)%n",
          label, variants[v], median[v],
          results.get(v).stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
    }
    return median;
  }

  /** What one variant cost per operation: medians of the measured rounds, and the rounds' CPU. */
  record Cost(double cpuNs, double bytes, List<Double> cpuRounds) {
    /** The rounds' CPU per operation, rounded, for the printed line. */
    String rounds() {
      return cpuRounds.stream()
          .map(x -> String.format(Locale.ROOT, "%.0f", x))
          .collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /** The measured part of a round: runs the operations on what {@code prepare} made. */
  interface Measured<T> {
    /** Runs one round's operations of variant {@code variant}; returns a value to keep alive. */
    long run(T prepared, int variant) throws Exception;
  }

  /**
   * Runs {@code rounds} measured rounds (after the warm-up ones) for each of {@code variants}
   * variants, interleaved: per round and variant, {@code prepare} unmeasured, then {@code
   * measured} counting the calling thread's CPU time and allocated bytes, divided by {@code ops}.
   */
  static <T> Cost[] costs(int variants, int rounds, int ops, IntFunction<T> prepare,
      Measured<T> measured) throws Exception {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    List<List<Double>> cpu = new ArrayList<>();
    List<List<Double>> bytes = new ArrayList<>();
    for (int v = 0; v < variants; v++) {
      cpu.add(new ArrayList<>());
      bytes.add(new ArrayList<>());
    }
    long sink = 0;
    for (int round = 0; round < rounds + WARM_UP_ROUNDS; round++) {
      for (int v = 0; v < variants; v++) {
        T prepared = prepare.apply(v);
        long allocated = threads.getThreadAllocatedBytes(id);
        long start = threads.getCurrentThreadCpuTime();
        sink += measured.run(prepared, v);
        long used = threads.getCurrentThreadCpuTime() - start;
        long alloc = threads.getThreadAllocatedBytes(id) - allocated;
        if (round >= WARM_UP_ROUNDS) {
          cpu.get(v).add(used / (double) ops);
          bytes.get(v).add(alloc / (double) ops);
        }
      }
    }
    if (sink == Long.MIN_VALUE) {
      System.out.println(); // keeps the results alive
    }
    Cost[] out = new Cost[variants];
    for (int v = 0; v < variants; v++) {
      out[v] = new Cost(median(cpu.get(v)), median(bytes.get(v)), List.copyOf(cpu.get(v)));
    }
    return out;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
