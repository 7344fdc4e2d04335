package dev.journey.jdbc;

/** Two engines on one PostgreSQL database (needs {@code JOURNEY_PG_URL}). */
final class PostgresTwoEnginesTest extends TwoEnginesScenario {
  @Override
  void reset() {
    TestDatabases.freshPostgres(1).close();
  }

  @Override
  javax.sql.DataSource open(int size) {
    return TestDatabases.postgres(size);
  }
}
