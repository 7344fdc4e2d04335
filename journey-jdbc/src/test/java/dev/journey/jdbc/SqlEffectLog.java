package dev.journey.jdbc;

import dev.journey.core.action.Action;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The outside world for tests that span processes: an executor that applies each action as an
 * upsert keyed by its id into a table of the test database and counts every call, so that effects
 * and redeliveries of every process are visible after one of them was killed.
 */
final class SqlEffectLog implements ActionExecutor {
  static final String TABLE = "runtime_test_effect";

  private final javax.sql.DataSource pool;

  SqlEffectLog(javax.sql.DataSource pool) {
    this.pool = pool;
  }

  /** Creates the table empty. */
  static void reset(javax.sql.DataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute("DROP TABLE IF EXISTS " + TABLE);
      st.execute(
          "CREATE TABLE " + TABLE + " (action_id VARCHAR(512) PRIMARY KEY, kind VARCHAR(64) NOT NULL,"
              + " calls INT NOT NULL)");
    }
  }

  @Override
  public ExecutionResult execute(Action action, int attempt) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO " + TABLE + " (action_id, kind, calls) VALUES (?, ?, 1)"
                    + " ON CONFLICT (action_id) DO UPDATE SET calls = " + TABLE + ".calls + 1")) {
      c.setAutoCommit(true);
      ps.setString(1, action.id());
      ps.setString(2, action.kind().name());
      ps.executeUpdate();
      return ExecutionResult.done();
    } catch (SQLException e) {
      return ExecutionResult.ambiguous("effect log: " + e.getSQLState());
    }
  }

  /** Calls per action id. */
  static Map<String, Integer> calls(javax.sql.DataSource pool) throws SQLException {
    Map<String, Integer> calls = new HashMap<>();
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT action_id, calls FROM " + TABLE)) {
      while (rs.next()) {
        calls.put(rs.getString(1), rs.getInt(2));
      }
    }
    return calls;
  }
}
