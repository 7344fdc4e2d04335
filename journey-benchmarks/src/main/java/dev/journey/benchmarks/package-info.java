/**
 * JMH benchmarks: {@link dev.journey.benchmarks.EvaluationBenchmark} (Drools vs plain Java on 32
 * journey rules) and {@link dev.journey.benchmarks.BuildBenchmark} (rule-set build time). Run
 * from the shaded {@code journey-benchmarks/target/benchmarks.jar}; results in {@code
 * docs/benchmarks.md}.
 */
package dev.journey.benchmarks;
