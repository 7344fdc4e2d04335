package dev.journey.benchmarks;

import dev.journey.core.Signal;
import java.util.function.LongFunction;

/**
 * One benchmark thread's pre-built feed, so that a measured operation pays for the engine and not
 * for building its signal (the id string, the validation and the deep copy of the attributes in
 * {@link Signal}'s constructor: about 17 % of the engine layer's CPU and 640 B per signal in
 * round 7's profile). The signals are built before the measurement, each with its own id, so the
 * inbox still sees a new id per signal.
 *
 * <p>Two ways to run past the end of the ring:
 *
 * <ul>
 *   <li>{@link #next} in a <em>growing</em> store (one that keeps every id it saw, e.g. a fresh store
 *       per iteration): past the ring, signals are built inline with the ids continuing after the
 *       ring's, so an id never repeats in that store; {@link #builtInline} counts them, so that a run
 *       whose ring was too small for its iteration shows it. {@link #restart} starts over for a new
 *       store.
 *   <li>{@link #cycle} in a store with a bounded inbox retention: the ring is replayed, so an id
 *       comes back after {@code size} signals of this thread, which must be more than the store
 *       retains (the caller sizes it; see {@link EngineBenchmark}).
 * </ul>
 */
final class SignalRing {
  private final Signal[] ring;
  private final LongFunction<Signal> make;
  private long next;
  private long builtInline;

  /** Builds {@code size} signals {@code make.apply(0 .. size - 1)} now. */
  SignalRing(int size, LongFunction<Signal> make) {
    if (size < 1) {
      throw new IllegalArgumentException("a ring holds at least one signal, not " + size);
    }
    this.make = make;
    ring = new Signal[size];
    for (int i = 0; i < size; i++) {
      ring[i] = make.apply(i);
    }
  }

  /** The {@code n}th signal of the feed: from the ring while it lasts, then built inline. */
  Signal next() {
    long n = next++;
    if (n < ring.length) {
      return ring[(int) n];
    }
    builtInline++;
    return make.apply(n);
  }

  /** The next signal of the ring replayed without end. */
  Signal cycle() {
    long n = next++;
    return ring[(int) (n % ring.length)];
  }

  /** Starts the feed over from the first signal, e.g. for a fresh store. */
  void restart() {
    next = 0;
  }

  /** How many signals taken so far (since the last {@link #restart}). */
  long taken() {
    return next;
  }

  /** How many signals {@link #next} had to build inline because the ring was used up. */
  long builtInline() {
    return builtInline;
  }

  /** How many signals the ring holds. */
  int size() {
    return ring.length;
  }

  /** Prints, at a benchmark iteration's end, how many signals {@code thread} built past the ring. */
  void reportInline(int thread) {
    if (builtInline > 0) {
      System.out.printf("%nthread %d: %d signals built inline past its ring of %d%n",
          thread, builtInline, size());
    }
  }
}
