package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.state.JourneyModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 100,000 timers due at once, drained by {@link JourneyEngine#fireDueTimers()}: each fires as a
 * signal through dedupe, the evaluator (an escalation) and one commit. The score is microseconds
 * per timer (1,000,000 / score = timers per second).
 *
 * <p>Run: {@code java -jar journey-benchmarks/target/benchmarks.jar TimerDrainBenchmark -f 2}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class TimerDrainBenchmark {
  static final int TIMERS = 100_000;

  /** A clock the setup can move. */
  static final class MovableClock extends Clock {
    volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** An engine with 100k pending SLA timers that are all due. */
  @State(Scope.Thread)
  public static class Due {
    JourneyEngine engine;

    @Setup(Level.Invocation)
    public void setUp() {
      MovableClock clock = new MovableClock(EngineBenchmark.T0);
      engine =
          JourneyEngine.builder()
              .definition(JourneyDefinition.builder("lead-handoff")
                  .model(JourneyModel.leadHandoff())
                  .evaluator(PlainRules.rules())
                  .build())
              .store(InMemoryJourneyStore.builder().auditPerSubject(0).build())
              .clock(clock)
              .build();
      for (int i = 0; i < TIMERS; i++) {
        engine.accept(
            new Signal(
                "demo-" + i,
                SubjectRef.contact(Integer.toString(i)),
                SignalTypes.DEMO_REQUESTED,
                clock.now,
                "bench",
                Map.of()));
      }
      clock.now = clock.now.plus(Duration.ofHours(3));
    }
  }

  @Benchmark
  @OperationsPerInvocation(TIMERS)
  public int drain_100k_due_timers(Due due) {
    int fired = due.engine.fireDueTimers();
    if (fired != TIMERS) {
      throw new IllegalStateException("fired " + fired + " of " + TIMERS);
    }
    return fired;
  }
}
