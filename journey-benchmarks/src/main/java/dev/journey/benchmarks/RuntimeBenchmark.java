package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeScheduler;
import dev.journey.core.spi.ExecutionResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The runtime's own cost on the intake path: {@code JourneyRuntime.accept} (running check,
 * bounded intake permit, latency clock, listener fan-out) against a bare {@code
 * JourneyEngine.accept}, both on the 4-rule plain-Java set and the in-memory store (audit off), so
 * the engine's own work is as small as it gets and the runtime's share is as large as it gets. Two
 * threads share one engine. The runtime's lanes are started but poll hourly, so their (relay)
 * work, which a bare engine needs as much, does not mix into the figure.
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar RuntimeBenchmark -f 2 -wi 3 -w 3s -i 5 -r 3s
 * }</pre>
 */
public class RuntimeBenchmark {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String[] TYPES = {
    "PRICING_PAGE_VIEWED", "CONTENT_ENGAGED", "FORM_SUBMITTED", "DEMO_REQUESTED", "MEETING_BOOKED"
  };
  private static final int SUBJECTS = 100_000;

  /** One engine (and runtime) shared by both threads. */
  @State(Scope.Benchmark)
  public static class Target {
    /** {@code engine}: bare {@code JourneyEngine.accept}; {@code runtime}: through the runtime. */
    @Param({"engine", "runtime"})
    public String path;

    JourneyEngine engine;
    JourneyRuntime runtime;
    SubjectRef[] refs;
    final AtomicInteger threadIds = new AtomicInteger();

    /** Subjects, once. */
    @Setup(Level.Trial)
    public void subjects() {
      refs = new SubjectRef[SUBJECTS];
      for (int i = 0; i < SUBJECTS; i++) {
        refs[i] = SubjectRef.contact(Integer.toString(1_000_000 + i));
      }
    }

    /** A fresh engine and store per iteration, so the inbox does not grow without bound. */
    @Setup(Level.Iteration)
    public void setUp() {
      engine =
          JourneyEngine.builder()
              .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), PlainRules.rules()))
              .store(InMemoryJourneyStore.builder().auditPerSubject(0).build())
              .clock(Clock.fixed(T0, ZoneOffset.UTC))
              .build();
      if (path.equals("runtime")) {
        runtime =
            JourneyRuntime.builder(engine, (action, attempt) -> ExecutionResult.done())
                .scheduler(RuntimeScheduler.threads("bench"))
                .timerInterval(Duration.ofHours(1))
                .relayInterval(Duration.ofHours(1))
                .healthInterval(Duration.ofHours(1))
                .maxInFlight(64)
                .build();
        runtime.start();
      }
    }

    /** Stops the runtime. */
    @TearDown(Level.Iteration)
    public void tearDown() {
      if (runtime != null) {
        runtime.close(Duration.ofSeconds(5));
        runtime = null;
      }
    }

    SignalResult accept(Signal signal) {
      return runtime != null ? runtime.accept(signal) : engine.accept(signal);
    }
  }

  /** Each thread's own counter, so signal ids are unique. */
  @State(Scope.Thread)
  public static class Feed {
    int thread = -1;
    long next;

    /** Takes a thread number. */
    @Setup(Level.Iteration)
    public void setUp(Target target) {
      if (thread < 0) {
        thread = target.threadIds.getAndIncrement();
      }
    }

    Signal nextSignal(Target target) {
      long n = next++;
      int subject = (int) Math.floorMod(n * 2654435761L + thread * 7919L, (long) SUBJECTS);
      return Signal.builder()
          .id("t" + thread + "-" + n)
          .subject(target.refs[subject])
          .type(TYPES[(int) (n % TYPES.length)])
          .occurredAt(T0)
          .source("bench")
          .build();
    }
  }

  /** One signal, two threads sharing the engine (or runtime). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public SignalResult accept_2_threads(Target target, Feed feed) {
    return target.accept(feed.nextSignal(target));
  }
}
