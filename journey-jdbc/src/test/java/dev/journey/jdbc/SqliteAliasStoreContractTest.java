package dev.journey.jdbc;

import dev.journey.core.spi.JourneyStore;
import dev.journey.testkit.store.AliasStoreContract;

/** The identity-graph contract on the embedded default: a SQLite file database in WAL mode. */
final class SqliteAliasStoreContractTest extends AliasStoreContract {
  private JdbcPool pool;

  @Override
  protected JourneyStore newStore() {
    pool = TestDatabases.freshSqlite("alias-contract-sqlite");
    return JdbcJourneyStore.builder(pool).build();
  }

  @Override
  protected void release(JourneyStore used) {
    if (pool != null) {
      pool.close();
    }
  }
}
