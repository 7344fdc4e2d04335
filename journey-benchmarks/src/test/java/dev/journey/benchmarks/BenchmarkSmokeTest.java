package dev.journey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmark smoke: every JMH benchmark of this module runs once, in quick mode (in-process, no
 * warm-up, one short iteration, at most two threads, tiny sizes, the first value of every other
 * parameter), so that a benchmark that no longer compiles, sets up or runs cannot land. No timing
 * is asserted: the scores of such a run mean nothing.
 */
final class BenchmarkSmokeTest {

  /** Size parameters shrunk for the smoke; every other parameter takes its first declared value. */
  private static final Map<String, String> TINY = Map.of("subjects", "1000", "rules", "50");

  private static final int MAX_THREADS = 2;

  static Stream<String> benchmarks() {
    return BenchmarkList.defaultList()
        .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())
        .stream()
        .map(BenchmarkListEntry::getUsername)
        .distinct()
        .sorted();
  }

  private static BenchmarkListEntry entry(String benchmark) {
    return BenchmarkList.defaultList()
        .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())
        .stream()
        .filter(e -> e.getUsername().equals(benchmark))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void should_find_the_benchmarks_of_every_benchmark_class() {
    // given the benchmark list the JMH annotation processor generated
    // when
    List<String> classes =
        benchmarks().map(b -> b.substring(0, b.lastIndexOf('.'))).distinct().toList();

    // then: a class whose benchmarks vanished from the list would escape the smoke
    assertThat(classes)
        .contains(
            BuildBenchmark.class.getName(),
            DroolsOverheadBenchmark.class.getName(),
            EngineBenchmark.class.getName(),
            EvaluationBenchmark.class.getName(),
            FeatureBenchmark.class.getName(),
            JdbcStoreBenchmark.class.getName(),
            JsonDocumentBenchmark.class.getName(),
            MetricsBenchmark.class.getName(),
            PendingTimersBenchmark.class.getName(),
            RuleCountBenchmark.class.getName(),
            RuntimeBenchmark.class.getName(),
            SeveralJourneysBenchmark.class.getName(),
            SubjectsCurveBenchmark.class.getName(),
            TimerDrainBenchmark.class.getName());
  }

  @ParameterizedTest
  @MethodSource("benchmarks")
  void should_run_once_in_quick_mode_when_smoke_tested(String benchmark) throws RunnerException {
    // given one benchmark, quick mode
    BenchmarkListEntry entry = entry(benchmark);
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^" + Pattern.quote(benchmark) + "$")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(100))
            .timeout(TimeValue.seconds(60))
            .threads(Math.min(MAX_THREADS, Math.max(1, entry.getThreads().orElse(1))))
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT);
    entry
        .getParams()
        .orElse(Map.of())
        .forEach((name, values) -> options.param(name, TINY.getOrDefault(name, values[0])));

    // when
    Collection<RunResult> results = new Runner(options.build()).run();

    // then: it ran (an exception in setup or in the benchmark fails the run above)
    assertThat(results).hasSize(1);
    RunResult result = results.iterator().next();
    assertThat(result.getPrimaryResult().getSampleCount()).isPositive();
    assertThat(result.getPrimaryResult().getScore()).isNotNaN();
  }
}
