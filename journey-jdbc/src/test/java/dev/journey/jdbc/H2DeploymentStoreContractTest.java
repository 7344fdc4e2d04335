package dev.journey.jdbc;

import dev.journey.core.spi.JourneyStore;
import dev.journey.testkit.store.DeploymentStoreContract;
import java.util.ArrayList;
import java.util.List;

/** The deployment contract on an embedded H2 file database (restart: pool closed and reopened). */
final class H2DeploymentStoreContractTest extends DeploymentStoreContract {
  private final List<JdbcPool> pools = new ArrayList<>();
  private JdbcPool current;

  @Override
  protected JourneyStore newStore() {
    current = TestDatabases.freshH2("deploy-contract");
    pools.add(current);
    return JdbcJourneyStore.builder(current).build();
  }

  @Override
  protected JourneyStore reopen(JourneyStore store, boolean closeFirst) {
    if (closeFirst) {
      current.close();
    }
    JdbcPool pool = TestDatabases.reopenH2("deploy-contract");
    pools.add(pool);
    if (closeFirst) {
      current = pool;
    }
    return JdbcJourneyStore.builder(pool).build();
  }

  @Override
  protected void release(JourneyStore used) {
    pools.forEach(JdbcPool::close);
    pools.clear();
  }
}
