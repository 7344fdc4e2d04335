package dev.journey.jdbc;

import dev.journey.core.spi.JourneyStore;
import dev.journey.testkit.store.AliasStoreContract;

/**
 * The identity-graph contract on the PostgreSQL server of {@code JOURNEY_PG_URL} (skipped without one,
 * failing without one when {@code CI=true}).
 */
final class PostgresAliasStoreContractTest extends AliasStoreContract {
  private com.zaxxer.hikari.HikariDataSource pool;

  @Override
  protected JourneyStore newStore() {
    pool = TestDatabases.freshPostgres(12);
    return JdbcJourneyStore.builder(pool).build();
  }

  @Override
  protected void release(JourneyStore used) {
    if (pool != null) {
      pool.close();
    }
  }
}
