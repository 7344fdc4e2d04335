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
 * Cost as the rule count grows: the engine end to end with {@code rules} generated plain-Java
 * rules ({@link GeneratedRules#realistic}, the set {@code DroolsOverheadBenchmark} measures as DRL,
 * rendered by {@link GeneratedRules#java(java.util.List, String)}: a counter per signal type and at
 * most one grouped rule firing per signal whatever the count), over {@code subjects} tracked
 * subjects (populated first), signals with fit, intent, segment and country, in-memory store,
 * audit off.
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar RuleCountBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s -prof gc
 * }</pre>
 */
public class RuleCountBenchmark {

  /** A populated store and an engine with the generated rules. */
  @State(Scope.Benchmark)
  public static class Rules {
    /** Generated rules. */
    @Param({"32", "200", "1000"})
    public int rules;

    /** Tracked subjects the signals spread over. */
    @Param({"100000"})
    public int subjects;

    CurveFixture fixture;

    /** Generates the rules and populates the store once per trial. */
    @Setup(Level.Trial)
    public void populate() {
      fixture = CurveFixture.populated(
          GeneratedRules.java(GeneratedRules.realistic(rules), "realistic-" + rules), subjects,
          GeneratedRules.attributeSets(CurveFixture.ATTRIBUTE_SETS, 7));
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
  public SignalResult accept(Rules rules) {
    return rules.fixture.engine.accept(rules.fixture.nextSignal());
  }

  /** The latency distribution of one signal (p50, p99, p99.9). */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Threads(1)
  public SignalResult latency(Rules rules) {
    return rules.fixture.engine.accept(rules.fixture.nextSignal());
  }
}
