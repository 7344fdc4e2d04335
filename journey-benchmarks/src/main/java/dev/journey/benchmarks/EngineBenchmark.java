package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import dev.journey.drools.BuildPath;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The engine end to end through the public API: signal validation, dedupe, load, evaluation by
 * the 32-rule journey rule set (Drools classic path, or the same logic as a plain-Java {@code
 * JavaRuleSet}), transition check, reduction and one atomic commit with outbox (in-memory store,
 * audit off), over 100,000 subjects, on 1 and 2 threads sharing one engine. {@code latency}
 * samples the time of one decision (SampleTime: p50, p99, p99.9).
 *
 * <p>{@code -p store=steady} keeps one store for the whole trial at its steady state: the clock
 * advances 10 µs of virtual time per signal, and every {@value #HOUSEKEEPING_SIGNALS} signals the
 * thread that crosses the mark purges the inbox (retention {@value #RETENTION_MILLIS} ms of that
 * time: about 100,000 records held) and drains the outbox through an {@link OutboxRelay} whose
 * executor does nothing, as an application's scheduler would: by default on a housekeeping thread
 * of its own ({@code -p housekeeping=thread}), which shares the CPUs but no measured operation;
 * {@code -p housekeeping=inline} runs it inside the operation that crosses the mark.
 * The default, {@code fresh}, is the figure of earlier rounds: a new store per iteration under a
 * fixed clock, which grows by every signal's inbox record and actions until the iteration ends.
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar EngineBenchmark -f 1 -wi 2 -w 3s -i 3 -r 3s
 * }</pre>
 */
public class EngineBenchmark {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String[] TYPES = {
    "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "INACTIVITY",
    "CONTENT_ENGAGED", "FORM_SUBMITTED", "DEMO_REQUESTED", "MEETING_BOOKED", "SALES_ACTIVITY",
    "USAGE_DROPPED", "DEAL_STAGE_CHANGED", "LIFECYCLE_CHANGED"
  };
  private static final int ATTRIBUTE_SETS = 1024;
  /** Virtual time per signal with {@code store=steady}. */
  static final long MICROS_PER_SIGNAL = 10;
  /** Signals between two purges and drains with {@code store=steady}. */
  static final int HOUSEKEEPING_SIGNALS = 16_384;
  /** Inbox retention with {@code store=steady}, in virtual milliseconds. */
  static final long RETENTION_MILLIS = 1_000;
  /** Signals a thread accepts between two moves of the steady clock. */
  private static final int CLOCK_STEP_SIGNALS = 1_024;

  /** One engine shared by all benchmark threads, as in an application. */
  @State(Scope.Benchmark)
  public static class Engine {
    /**
     * {@code java}: the 32 rules as plain Java; {@code drools}: the same rules in DRL, classic path;
     * {@code small}: a 4-rule plain-Java set, so that the score is mostly the engine's own overhead.
     */
    @Param({"java", "drools", "small"})
    public String evaluator;

    /**
     * {@code off}: no identity step; {@code on}: the engine resolves every signal through an
     * {@link IdentityResolver} on the same store (the signals carry no aliases), e.g. {@code -p
     * identity=off,on}.
     */
    @Param({"off"})
    public String identity;

    /** How many distinct subjects the signals spread over. */
    @Param({"100000"})
    public int subjects;

    /**
     * {@code fresh}: a new store per iteration, fixed clock; {@code steady}: one store per trial,
     * advancing clock, periodic purge and drain (see the class comment).
     */
    @Param({"fresh"})
    public String store;

    /**
     * With {@code store=steady}, where the purge and drain run: {@code thread} (the default) on a
     * housekeeping thread of their own, woken at each mark, as a runtime's scheduler runs them, so
     * that no measured operation contains them; {@code inline}: inside the operation that crosses
     * the mark (the only mode before issue 23, round 7).
     */
    @Param({"thread"})
    public String housekeeping;

    /**
     * {@code ring} (the default since issue 23, round 8): each thread takes its signals from a
     * {@link SignalRing} built before the measurement, so an operation measures the engine and not
     * the signal's construction; {@code inline}: each operation builds its signal (the method of
     * earlier rounds, e.g. {@code -p feed=ring,inline} to see both).
     */
    @Param({"ring"})
    public String feed;

    SteppingClock steadyClock;
    InMemoryJourneyStore steadyStore;
    OutboxRelay relay;
    long signalsSeen;
    long lastHousekeeping;
    Housekeeper housekeeper;

    JourneyEngine engine;
    SubjectRef[] refs;
    Map<String, Object>[] attributes;
    RuleSetRegistry registry;
    final AtomicInteger threadIds = new AtomicInteger();

    /** Compiles the rule set once. */
    @Setup(Level.Trial)
    public void compile() throws IOException {
      refs = new SubjectRef[subjects];
      for (int i = 0; i < subjects; i++) {
        refs[i] = SubjectRef.contact(Integer.toString(1_000_000 + i));
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      Map<String, Object>[] sets = new Map[ATTRIBUTE_SETS];
      Random random = new Random(7);
      for (int i = 0; i < ATTRIBUTE_SETS; i++) {
        sets[i] = Map.of("fitScore", random.nextInt(101), "intentScore", random.nextInt(101));
      }
      attributes = sets;
      if (evaluator.equals("drools")) {
        registry = RuleSetRegistry.of(BuildPath.CLASSIC);
      }
    }

    /**
     * With {@code store=fresh}, a fresh engine and store per iteration, so the inbox does not grow
     * without bound; with {@code steady}, one for the whole trial.
     */
    @Setup(Level.Iteration)
    public void setUp() throws IOException {
      boolean steady = store.equals("steady");
      if (!steady && !store.equals("fresh")) {
        throw new IllegalArgumentException("store must be fresh or steady, but was " + store);
      }
      if (steady && engine != null) {
        return;
      }
      if (housekeeping == null) {
        housekeeping = "thread";
      }
      if (!housekeeping.equals("thread") && !housekeeping.equals("inline")) {
        throw new IllegalArgumentException(
            "housekeeping must be thread or inline, but was " + housekeeping);
      }
      JourneyEvaluator rules;
      if (evaluator.equals("small")) {
        rules = PlainRules.rules();
      } else if (registry == null) {
        rules = JourneyRules.toJava();
      } else {
        CompiledRuleSet compiled =
            registry.compile(
                RuleSet.builder(JourneyRules.NAME, JourneyRules.VERSION)
                    .drl(JourneyRules.RESOURCE, drl())
                    .build());
        rules = DroolsEvaluator.of(compiled);
      }
      InMemoryJourneyStore memory;
      Clock clock;
      if (steady) {
        steadyClock = new SteppingClock(T0);
        clock = steadyClock;
        memory = InMemoryJourneyStore.builder()
            .auditPerSubject(0)
            .inboxRetention(Duration.ofMillis(RETENTION_MILLIS))
            .expectedSignals((int) (RETENTION_MILLIS * 1000 / MICROS_PER_SIGNAL) + HOUSEKEEPING_SIGNALS)
            .build();
        steadyStore = memory;
        relay = OutboxRelay.builder(memory, (action, attempt) -> ExecutionResult.done())
            .clock(clock)
            .batchSize(10_000)
            .build();
        if (housekeeping.equals("thread")) {
          housekeeper = new Housekeeper(this::housekeep);
        }
      } else {
        memory = InMemoryJourneyStore.builder().auditPerSubject(0).build();
        clock = Clock.fixed(T0, ZoneOffset.UTC);
      }
      JourneyEngine.Builder builder =
          JourneyEngine.builder()
              .definition(JourneyDefinition.builder("lead-handoff")
                  .model(JourneyModel.leadHandoff())
                  .evaluator(rules)
                  .build())
              .store(memory)
              .clock(clock);
      if (identity.equals("on")) {
        builder.identity(
            IdentityResolver.builder().store(memory).model(JourneyModel.leadHandoff()).clock(clock).build());
      }
      engine = builder.build();
    }

    /** Stops the housekeeping thread and closes the registry. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
      if (housekeeper != null) {
        housekeeper.stop();
      }
      if (registry != null) {
        registry.close();
      }
    }

    /**
     * With {@code store=steady}: counts {@code signals} more accepted signals, moves the clock by
     * their virtual time and, past each {@value #HOUSEKEEPING_SIGNALS}, purges and drains: on the
     * housekeeping thread ({@code housekeeping=thread}) or here ({@code inline}).
     */
    synchronized void accepted(int signals) {
      signalsSeen += signals;
      steadyClock.set(T0.plusNanos(signalsSeen * MICROS_PER_SIGNAL * 1000));
      if (signalsSeen - lastHousekeeping >= HOUSEKEEPING_SIGNALS) {
        lastHousekeeping = signalsSeen;
        if (housekeeper != null) {
          housekeeper.wake();
        } else {
          housekeep();
        }
      }
    }

    /** One purge of the inbox and drain of the outbox, at the steady clock's time. */
    void housekeep() {
      steadyStore.purgeExpired(steadyClock.instant());
      relay.drain();
    }

    private static String drl() throws IOException {
      try (InputStream in =
          Objects.requireNonNull(
              EngineBenchmark.class.getClassLoader().getResourceAsStream(JourneyRules.RESOURCE),
              JourneyRules.RESOURCE)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * Signals a thread's ring holds with {@code store=fresh}: more than one thread accepts in an
   * iteration of a few seconds, so no signal is built inline (past it {@link SignalRing#next}
   * builds them with new ids and counts them; the iteration's teardown reports it).
   */
  static final int RING_FRESH = 1 << 20;

  /**
   * Signals a thread's ring holds with {@code store=steady}, replayed: an id comes back after this
   * many signals of the thread, which is more than the steady store retains of all threads together
   * (retention / virtual time per signal + one housekeeping period: about 116,000).
   */
  static final int RING_STEADY = 1 << 18;

  /** Each thread's own counter and ring, so signal ids are unique. */
  @State(Scope.Thread)
  public static class Feed {
    int thread = -1;
    long next;
    SignalRing ring;
    /** The batch {@link #acceptAll_2_threads} fills, and the list that reads it. */
    final Signal[] batch = new Signal[BATCH];
    final java.util.List<Signal> batchView = java.util.Arrays.asList(batch);

    /**
     * Takes a thread number; with {@code feed=ring} builds the thread's ring once and, with a fresh
     * store, starts it over for the iteration's new store.
     */
    @Setup(Level.Iteration)
    public void setUp(Engine engine) {
      if (thread < 0) {
        thread = engine.threadIds.getAndIncrement();
      }
      String mode = engine.feed == null ? "ring" : engine.feed;
      if (!mode.equals("ring") && !mode.equals("inline")) {
        throw new IllegalArgumentException("feed must be ring or inline, but was " + mode);
      }
      if (mode.equals("ring") && ring == null) {
        ring = new SignalRing(
            engine.steadyClock != null ? RING_STEADY : RING_FRESH, n -> build(engine, n));
      }
      if (ring != null && engine.steadyClock == null) {
        ring.restart();
      }
    }

    /** Says when the ring did not last a fresh store's iteration. */
    @TearDown(Level.Iteration)
    public void report() {
      if (ring != null) {
        ring.reportInline(thread);
      }
    }

    Signal nextSignal(Engine engine) {
      long n = next++;
      if (engine.steadyClock != null && (n % CLOCK_STEP_SIGNALS) == CLOCK_STEP_SIGNALS - 1) {
        engine.accepted(CLOCK_STEP_SIGNALS);
      }
      if (ring == null) {
        return build(engine, n);
      }
      return engine.steadyClock != null ? ring.cycle() : ring.next();
    }

    /** The {@code n}th signal of this thread. */
    Signal build(Engine engine, long n) {
      int subject = (int) Math.floorMod(n * 2654435761L + thread * 7919L, (long) engine.subjects);
      return new Signal(
          "t" + thread + "-" + n,
          engine.refs[subject],
          TYPES[(int) (n % TYPES.length)],
          T0,
          "bench",
          engine.attributes[(int) (n & (ATTRIBUTE_SETS - 1))]);
    }
  }

  /** One signal through the engine, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public SignalResult accept_1_thread(Engine engine, Feed feed) {
    return engine.engine.accept(feed.nextSignal(engine));
  }

  /** One signal through the engine, two threads sharing the engine. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public SignalResult accept_2_threads(Engine engine, Feed feed) {
    return engine.engine.accept(feed.nextSignal(engine));
  }

  /** Signals per {@link #acceptAll_2_threads} operation. */
  static final int BATCH = 32;

  /**
   * {@value #BATCH} signals through {@link JourneyEngine#acceptAll}, two threads sharing the
   * engine; scored per signal, next to {@link #accept_2_threads}.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  @Threads(2)
  public java.util.List<dev.journey.core.engine.Accepted> acceptAll_2_threads(
      Engine engine, Feed feed) {
    Signal[] batch = feed.batch;
    for (int i = 0; i < BATCH; i++) {
      batch[i] = feed.nextSignal(engine);
    }
    return engine.engine.acceptAll(feed.batchView);
  }

  /** The latency distribution of one decision, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public SignalResult latency(Engine engine, Feed feed) {
    return engine.engine.accept(feed.nextSignal(engine));
  }

  /**
   * The steady store's housekeeping thread: each {@link #wake} asks for one more round (wakes
   * that arrive during a round are folded into the next), as a runtime's scheduler runs purge and
   * drain beside the signal path.
   */
  static final class Housekeeper {
    private final Runnable round;
    private final java.util.concurrent.Semaphore requested = new java.util.concurrent.Semaphore(0);
    private final java.util.concurrent.atomic.AtomicLong rounds =
        new java.util.concurrent.atomic.AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    Housekeeper(Runnable round) {
      this.round = round;
      thread = new Thread(this::run, "journey-bench-housekeeping");
      thread.setDaemon(true);
      thread.start();
    }

    void wake() {
      requested.release();
    }

    /** Rounds completed so far. */
    long rounds() {
      return rounds.get();
    }

    /**
     * Waits until at least {@code n} rounds have completed, at most {@code timeout}; returns
     * whether they have.
     */
    boolean awaitRounds(long n, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (rounds) {
        while (rounds.get() < n) { // bounded by the deadline
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          rounds.wait(Math.max(1, left / 1_000_000));
        }
      }
      return true;
    }

    private void run() {
      try {
        while (!stopped) { // until stop(): one round per batch of wakes
          requested.acquire();
          requested.drainPermits();
          if (stopped) {
            return;
          }
          round.run();
          synchronized (rounds) {
            rounds.incrementAndGet();
            rounds.notifyAll();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void stop() throws InterruptedException {
      stopped = true;
      requested.release();
      thread.join(10_000);
    }
  }

  /** A clock the benchmark moves; reading it allocates nothing. */
  static final class SteppingClock extends Clock {
    private volatile Instant now;

    SteppingClock(Instant start) {
      now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public long millis() {
      return now.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the benchmark's clock is UTC");
    }
  }
}
