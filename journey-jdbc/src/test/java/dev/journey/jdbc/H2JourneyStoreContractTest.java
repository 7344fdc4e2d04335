package dev.journey.jdbc;

import dev.journey.core.spi.JourneyStore;
import dev.journey.testkit.store.JourneyStoreContract;

/** The store contract on an embedded H2 file database. */
final class H2JourneyStoreContractTest extends JourneyStoreContract {
  private JdbcPool pool;

  @Override
  protected JourneyStore newStore() {
    pool = TestDatabases.freshH2("contract");
    return JdbcJourneyStore.builder(pool).build();
  }

  @Override
  protected void release(JourneyStore used) {
    if (pool != null) {
      pool.close();
    }
  }
}
