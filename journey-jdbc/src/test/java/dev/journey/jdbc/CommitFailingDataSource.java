package dev.journey.jdbc;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A data source whose connections' {@code commit()} fails once when armed: the store has executed
 * its statements and the transaction must roll back (crash point DURING_COMMIT).
 */
final class CommitFailingDataSource extends InterceptingDataSource {
  private final AtomicBoolean armed = new AtomicBoolean();

  CommitFailingDataSource(DataSource delegate) {
    super(delegate);
  }

  void armNextCommit() {
    armed.set(true);
  }

  @Override
  Hook newHook() {
    return (method, args) -> {
      if (method.getName().equals("commit") && armed.getAndSet(false)) {
        throw new SQLException("simulated failure while committing", "08006");
      }
    };
  }
}
