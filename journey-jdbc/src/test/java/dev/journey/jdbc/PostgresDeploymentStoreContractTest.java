package dev.journey.jdbc;

import dev.journey.core.spi.JourneyStore;
import dev.journey.testkit.store.DeploymentStoreContract;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The deployment contract on the PostgreSQL server of {@code JOURNEY_PG_URL} (skipped without one,
 * failing without one when {@code CI=true}); a restart closes the pool and opens a new one.
 */
final class PostgresDeploymentStoreContractTest extends DeploymentStoreContract {
  private final List<DataSource> pools = new ArrayList<>();
  private com.zaxxer.hikari.HikariDataSource current;

  @Override
  protected JourneyStore newStore() {
    current = TestDatabases.freshPostgres(10);
    pools.add(current);
    return JdbcJourneyStore.builder(current).build();
  }

  @Override
  protected JourneyStore reopen(JourneyStore store, boolean closeFirst) {
    if (closeFirst) {
      current.close();
    }
    com.zaxxer.hikari.HikariDataSource pool = TestDatabases.postgres(10);
    pools.add(pool);
    if (closeFirst) {
      current = pool;
    }
    return JdbcJourneyStore.builder(pool).build();
  }

  @Override
  protected void release(JourneyStore used) {
    pools.forEach(TestDatabases::close);
    pools.clear();
  }
}
