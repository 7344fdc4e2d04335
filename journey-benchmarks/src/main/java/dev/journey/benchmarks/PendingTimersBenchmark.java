package dev.journey.benchmarks;

import dev.journey.core.engine.SignalResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Cost as the pending timers grow: {@code subjects} tracked subjects, {@code timers} of them with
 * one pending, not yet due, timer each ({@link CurveFixture#withPendingTimers}: one becomes due per virtual second, a fired timer
 * re-arms {@code timers} seconds after it was due, so the pending count stays constant). {@code
 * accept}: signals of the engine benchmarks' mix over all subjects (one in twelve re-arms its
 * subject's timer, if it has one). {@code fire_due_slice}: the clock moves {@value CostCurveHarness#SLICE}
 * seconds and {@code fireDueTimers()} fires the slice that came due (dedupe, rules, commit,
 * re-arm); the score is per fired timer.
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar PendingTimersBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s -prof gc
 * }</pre>
 */
public class PendingTimersBenchmark {

  /** Subjects with a pending timer each. */
  @State(Scope.Benchmark)
  public static class Pending {
    /** Pending timers (one per subject that has one). */
    @Param({"1000", "1000000"})
    public int timers;

    /** Tracked subjects (at least {@code timers}), so that the signals meet the same store. */
    @Param({"1000000"})
    public int subjects;

    CurveFixture fixture;

    /** Arms the timers once per trial and moves the clock to the first one's due time. */
    @Setup(Level.Trial)
    public void arm() {
      fixture = CurveFixture.withPendingTimers(Math.max(subjects, timers), timers);
      fixture.advance(Duration.ofSeconds(CurveFixture.TimerRules.FIRST_DUE_SECONDS - 1));
    }

    /** Purges the inbox and drains the outbox of the previous iteration. */
    @Setup(Level.Iteration)
    public void nextRound() {
      fixture.nextRound();
    }
  }

  /** One signal through the engine while the timers are pending. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public SignalResult accept(Pending pending) {
    return pending.fixture.engine.accept(pending.fixture.nextSignal());
  }

  /** A slice of due timers fired; the score is per timer (exactly one is due per virtual second). */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(CostCurveHarness.SLICE)
  @Threads(1)
  public int fire_due_slice(Pending pending) {
    pending.fixture.advance(Duration.ofSeconds(CostCurveHarness.SLICE));
    int fired = pending.fixture.engine.fireDueTimers();
    if (fired != CostCurveHarness.SLICE) {
      throw new IllegalStateException(
          "expected " + CostCurveHarness.SLICE + " due timers in the slice, fired " + fired);
    }
    return fired;
  }
}
