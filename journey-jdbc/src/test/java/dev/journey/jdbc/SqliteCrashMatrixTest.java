package dev.journey.jdbc;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The crash matrix on the embedded default, a SQLite file database: every crash point at sampled
 * occurrences (2 per point by default: each crash run pays one fsync per commit, and {@link
 * KillCrashTest} kills real processes on SQLite; {@code -Djourney.crash.samples=all} for the full
 * product), crash, restart on the same file, redeliver, quiesce, compare with an uninterrupted
 * run.
 */
final class SqliteCrashMatrixTest {
  private static final String NAME = "crash-matrix-sqlite";

  @TestFactory
  List<DynamicTest> should_end_as_an_uninterrupted_run_after_a_crash_at_any_point() {
    // given
    CrashMatrix matrix =
        new CrashMatrix(
            Scenario.of(200, 15, Duration.ofSeconds(45), 7),
            new CrashMatrix.Database() {
              @Override
              public void reset() {
                TestDatabases.freshSqlite(NAME).close();
              }

              @Override
              public JdbcPool open() {
                return TestDatabases.reopenSqlite(NAME);
              }
            });
    // when / then: one dynamic test per sampled crash point and occurrence
    return matrix.crashTests(CrashMatrix.samplesFromProperty(2).get(), SqliteCrashMatrixTest.class);
  }
}
