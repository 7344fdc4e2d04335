package dev.journey.jdbc;

import dev.journey.core.spi.JourneyStore;
import dev.journey.testkit.store.JourneyStoreContract;

/** The store contract on the embedded default: a SQLite file database in WAL mode. */
final class SqliteJourneyStoreContractTest extends JourneyStoreContract {
  private JdbcPool pool;

  @Override
  protected JourneyStore newStore() {
    pool = TestDatabases.freshSqlite("contract-sqlite");
    return JdbcJourneyStore.builder(pool).build();
  }

  @Override
  protected void release(JourneyStore used) {
    if (pool != null) {
      pool.close();
    }
  }
}
