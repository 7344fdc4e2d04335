package dev.journey.benchmarks;

import dev.journey.core.engine.SignalResult;
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
 * Cost as the tracked subjects grow: the engine end to end (the 32 journey rules as plain Java,
 * in-memory store, audit off) with the store pre-populated with {@code subjects} tracked subjects
 * (one demo request each: state, owner, a pending SLA timer), then signals of the engine
 * benchmarks' mix spread over all of them. One store per trial; each iteration starts with the
 * inbox purged and the outbox drained. The 10M point needs a 10 GiB heap and runs in {@link
 * CostCurveHarness} instead.
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar SubjectsCurveBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s -prof gc
 * }</pre>
 */
public class SubjectsCurveBenchmark {

  /** A populated store and its engine. */
  @State(Scope.Benchmark)
  public static class Tracked {
    /** Tracked subjects in the store before the measurement. */
    @Param({"10000", "1000000"})
    public int subjects;

    CurveFixture fixture;

    /** Populates the store once per trial. */
    @Setup(Level.Trial)
    public void populate() {
      fixture = CurveFixture.populated(JourneyRules.toJava(), subjects);
    }

    /** Purges the inbox and drains the outbox of the previous iteration. */
    @Setup(Level.Iteration)
    public void nextRound() {
      fixture.nextRound();
    }
  }

  /** One signal through the engine. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public SignalResult accept(Tracked tracked) {
    return tracked.fixture.engine.accept(tracked.fixture.nextSignal());
  }

  /** The latency distribution of one signal (p50, p99, p99.9). */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public SignalResult latency(Tracked tracked) {
    return tracked.fixture.engine.accept(tracked.fixture.nextSignal());
  }
}
