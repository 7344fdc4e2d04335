package dev.journey.benchmarks;

import dev.journey.drools.BuildPath;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Rule-set build time (lint + compile + KieBase) through {@link RuleSetRegistry#compile} for
 * generated journey-like rules, on both build paths, of two shapes. Every invocation compiles new content (a
 * counter in a comment changes the hash), so the cache never answers. In a fresh fork the first
 * iteration is the cold build (class loading, JIT); later iterations are warm.
 *
 * <pre>{@code
 * # warm
 * java -jar journey-benchmarks/target/benchmarks.jar BuildBenchmark -f 1 -wi 1 -i 3
 * # cold first build: one measured build per fresh JVM
 * java -jar journey-benchmarks/target/benchmarks.jar BuildBenchmark -p rules=200 -f 3 -wi 0 -i 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BuildBenchmark {
  /** How many generated rules. */
  @Param({"50", "200", "1000"})
  public int rules;

  /** Which build path. */
  @Param({"CLASSIC", "EXECUTABLE_MODEL"})
  public BuildPath path;

  /**
   * Which generated set: {@code simple} ({@link GeneratedRules#drl(int, int)}, three constraints per
   * rule) or {@code realistic} ({@link GeneratedRules#realistic}: segment, country, lifecycle stage,
   * score ranges, mutually exclusive groups; the set {@code DroolsOverheadBenchmark} evaluates).
   */
  @Param({"simple", "realistic"})
  public String shape;

  private int build;

  /** One build of a fresh rule set. */
  @Benchmark
  public CompiledRuleSet compile() {
    String drl = shape.equals("realistic")
        ? GeneratedRules.drl(GeneratedRules.realistic(rules), "variant " + build++)
        : GeneratedRules.drl(rules, build++);
    try (RuleSetRegistry registry = RuleSetRegistry.of(path)) {
      return registry.compile(RuleSet.builder("generated", Integer.toString(build)).drl("generated.drl", drl).build());
    }
  }
}
