package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.testkit.store.CrashPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.LoggerFactory;

/**
 * The crash matrix on an embedded H2 file database: every crash point, at sampled occurrences
 * (10 per point by default spread over all of them; {@code -Djourney.crash.samples=all} for the
 * full product), crash, restart on the same file, redeliver, quiesce, compare with an
 * uninterrupted run.
 */
final class H2CrashMatrixTest {
  private static final String NAME = "crash-matrix";

  static CrashMatrix matrix(Scenario scenario) {
    return new CrashMatrix(
        scenario,
        new CrashMatrix.Database() {
          @Override
          public void reset() {
            TestDatabases.freshH2(NAME).close();
          }

          @Override
          public JdbcPool open() {
            return TestDatabases.reopenH2(NAME);
          }
        });
  }

  @TestFactory
  List<DynamicTest> should_end_as_an_uninterrupted_run_after_a_crash_at_any_point() {
    // given
    Scenario scenario = Scenario.of(200, 15, Duration.ofSeconds(45), 7);
    CrashMatrix matrix = matrix(scenario);
    CrashMatrix.Outcome reference = matrix.run(Optional.empty(), 0);
    CrashMatrix.assertMeaningful(reference);
    int samples = CrashMatrix.samplesFromProperty(10).get();
    List<DynamicTest> tests = new ArrayList<>();
    for (CrashPoint point : CrashPoint.values()) {
      for (int occurrence : CrashMatrix.sample(reference.hits().get(point), samples)) {
        tests.add(
            DynamicTest.dynamicTest(
                point + " #" + occurrence + " of " + reference.hits().get(point),
                () -> {
                  // when
                  CrashMatrix.Outcome crashed = matrix.run(Optional.of(point), occurrence);
                  // then
                  CrashMatrix.assertSameAs(crashed, reference);
                }));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(CrashPoint.values().length);
    LoggerFactory.getLogger(H2CrashMatrixTest.class)
        .info("crash points reached in the uninterrupted run: {}; {} crash runs", reference.hits(), tests.size());
    return tests;
  }
}
