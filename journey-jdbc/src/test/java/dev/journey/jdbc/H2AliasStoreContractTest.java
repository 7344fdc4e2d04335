package dev.journey.jdbc;

import dev.journey.core.spi.JourneyStore;
import dev.journey.testkit.store.AliasStoreContract;

/** The identity-graph contract on an embedded H2 file database. */
final class H2AliasStoreContractTest extends AliasStoreContract {
  private JdbcPool pool;

  @Override
  protected JourneyStore newStore() {
    pool = TestDatabases.freshH2("alias-contract");
    return JdbcJourneyStore.builder(pool).build();
  }

  @Override
  protected void release(JourneyStore used) {
    if (pool != null) {
      pool.close();
    }
  }
}
