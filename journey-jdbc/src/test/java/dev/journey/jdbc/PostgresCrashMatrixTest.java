package dev.journey.jdbc;


import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The crash matrix on PostgreSQL (needs {@code JOURNEY_PG_URL}): every crash point at sampled
 * occurrences (4 per point by default, spread from the first to the last; {@code
 * -Djourney.crash.samples=all} for the full product), compared with an uninterrupted run.
 */
final class PostgresCrashMatrixTest {

  static CrashMatrix matrix(Scenario scenario) {
    return new CrashMatrix(
        scenario,
        new CrashMatrix.Database() {
          @Override
          public void reset() {
            TestDatabases.freshPostgres(2).close();
          }

          @Override
          public javax.sql.DataSource open() {
            return TestDatabases.postgres(4);
          }
        });
  }

  @TestFactory
  List<DynamicTest> should_end_as_an_uninterrupted_run_after_a_crash_at_any_point() {
    // given
    TestDatabases.requirePostgres();
    CrashMatrix matrix = matrix(Scenario.of(200, 15, Duration.ofSeconds(45), 7));
    // when / then: one dynamic test per sampled crash point and occurrence
    return matrix.crashTests(CrashMatrix.samplesFromProperty(4).get(), PostgresCrashMatrixTest.class);
  }
}
