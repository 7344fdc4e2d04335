package dev.journey.jdbc;


import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

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
    CrashMatrix matrix = matrix(Scenario.of(200, 15, Duration.ofSeconds(45), 7));
    // when / then: one dynamic test per sampled crash point and occurrence
    return matrix.crashTests(CrashMatrix.samplesFromProperty(10).get(), H2CrashMatrixTest.class);
  }
}
