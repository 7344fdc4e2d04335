package dev.journey.benchmarks;

import dev.journey.core.decision.Decision;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.drools.BuildPath;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Evaluation throughput of the 32-rule journey rule set ({@code journey-32.drl}): the Drools
 * evaluator on both build paths against the same logic as a plain-Java {@code JavaRuleSet}. One
 * op = one decision for the next of 4,096 pre-generated inputs. Setup checks that Drools and Java
 * decide identically on every input.
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar EvaluationBenchmark -f 1 -wi 2 -w 2s -i 3 -r 2s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EvaluationBenchmark {
  private static final int INPUTS = 4096;

  /** Which evaluator. */
  @Param({"java", "drools-classic", "drools-exec"})
  public String impl;

  /**
   * How a Drools evaluator meets its deadline: {@code inline} (the default: on the caller's thread,
   * halted between firings) or {@code isolated} (rules run on a worker thread the caller stops
   * waiting for at the deadline). Ignored for {@code java}.
   */
  @Param({"inline", "isolated"})
  public String deadline;

  private JourneyEvaluator evaluator;
  private RuleSetRegistry registry;
  private List<Inputs.Input> inputs;
  private int next;

  /** Compiles, builds the inputs and checks Drools against Java. */
  @Setup
  public void setUp() throws IOException {
    inputs = Inputs.generate(INPUTS, 42);
    JourneyEvaluator java = JourneyRules.toJava();
    if (impl.equals("java")) {
      evaluator = java;
      return;
    }
    String drl = resource();
    if (!drl.equals(JourneyRules.toDrl())) {
      throw new IllegalStateException(
          JourneyRules.RESOURCE + " is out of date: regenerate it with JourneyRules#main");
    }
    registry = RuleSetRegistry.of(impl.equals("drools-exec") ? BuildPath.EXECUTABLE_MODEL : BuildPath.CLASSIC);
    CompiledRuleSet compiled =
        registry.compile(
            RuleSet.builder(JourneyRules.NAME, JourneyRules.VERSION).drl(JourneyRules.RESOURCE, drl).build());
    evaluator = DroolsEvaluator.builder(compiled).isolated(deadline.equals("isolated")).build();
    int firings = 0;
    for (Inputs.Input input : inputs) {
      Decision d = evaluator.evaluate(input.snapshot(), input.signal(), Inputs.NOW);
      Decision j = java.evaluate(input.snapshot(), input.signal(), Inputs.NOW);
      if (!same(d, j)) {
        throw new IllegalStateException("Drools and Java differ on " + input.signal() + ":\n" + d + "\n" + j);
      }
      firings += d.rulesFired().size();
    }
    if (firings < INPUTS / 2) {
      throw new IllegalStateException("too few rules fire on the inputs: " + firings);
    }
  }

  static boolean same(Decision a, Decision b) {
    return a.stateAfter().equals(b.stateAfter())
        && a.rulesFired().equals(b.rulesFired())
        && a.actions().equals(b.actions())
        && a.timerCommands().equals(b.timerCommands())
        && a.requests().equals(b.requests())
        && a.counterDeltas().equals(b.counterDeltas());
  }

  private static String resource() throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            EvaluationBenchmark.class.getClassLoader().getResourceAsStream(JourneyRules.RESOURCE),
            JourneyRules.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Closes the registry. */
  @TearDown
  public void tearDown() {
    if (registry != null) {
      registry.close();
    }
  }

  /** One decision. */
  @Benchmark
  public Decision evaluate() {
    Inputs.Input input = inputs.get(next);
    next = (next + 1) & (INPUTS - 1);
    return evaluator.evaluate(input.snapshot(), input.signal(), Inputs.NOW);
  }
}
