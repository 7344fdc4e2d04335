package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The pool behind the stores: the tiny one for embedded databases, HikariCP for PostgreSQL. */
final class JdbcPoolTest {

  @Test
  void should_roll_back_what_a_borrower_left_uncommitted() throws SQLException {
    // given
    try (JdbcPool pool = TestDatabases.freshH2("pool")) {
      try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (x INT)");
        c.setAutoCommit(false);
        st.executeUpdate("INSERT INTO t VALUES (1)");
        // when the connection goes back without a commit
      }
      // then
      try (Connection c = pool.getConnection();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @Test
  void should_reuse_connections_and_refuse_a_returned_one() throws SQLException {
    // given
    try (JdbcPool pool = TestDatabases.freshH2("pool")) {
      Connection first = pool.getConnection();
      first.close();
      // when / then
      assertThat(first.isClosed()).isTrue();
      assertThatThrownBy(first::createStatement)
          .isInstanceOf(SQLException.class)
          .hasMessage("connection already returned to the pool");
      try (Connection again = pool.getConnection()) {
        assertThat(again.isValid(1)).isTrue();
      }
    }
  }

  @Test
  void should_refuse_connections_once_closed() {
    // given
    JdbcPool pool = TestDatabases.freshH2("pool");
    // when
    pool.close();
    // then
    assertThatThrownBy(pool::getConnection)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void should_write_through_one_kept_connection_when_the_database_is_sqlite() throws SQLException {
    // given a SQLite pool of one reading connection, borrowed
    TestDatabases.deleteFiles("pool-writer");
    JdbcPool pool = JdbcPool.of(
        "jdbc:sqlite:" + TestDatabases.dir().toAbsolutePath().resolve("pool-writer.db")
            + "?journal_mode=WAL", "", "", 1);
    Object firstRaw;
    try (Connection reader = pool.getConnection()) {
      assertThat(reader.isValid(1)).isTrue();
      java.util.concurrent.locks.ReentrantLock lock = pool.writerLock().orElseThrow();
      lock.lock();
      try {
        // when the writer is borrowed twice, the first leaving its work uncommitted
        try (Connection w = pool.writerConnection(); Statement st = w.createStatement()) {
          firstRaw = w.unwrap(org.sqlite.SQLiteConnection.class);
          st.execute("CREATE TABLE IF NOT EXISTS t (x INT)");
          w.setAutoCommit(false);
          st.executeUpdate("INSERT INTO t VALUES (1)");
        }
        try (Connection w = pool.writerConnection();
            Statement st = w.createStatement();
            ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
          // then it is the same connection, beside the one reading connection, rolled back
          assertThat(w.unwrap(org.sqlite.SQLiteConnection.class)).isSameAs(firstRaw);
          rs.next();
          assertThat(rs.getInt(1)).isZero();
        }
      } finally {
        lock.unlock();
      }
      // and it is refused without the lock
      assertThatThrownBy(pool::writerConnection)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("writer lock");
    } finally {
      pool.close();
    }
    // and closed with the pool
    assertThat(((Connection) firstRaw).isClosed()).isTrue();
  }

  @Test
  void should_reuse_a_cleared_statement_when_a_sqlite_connection_prepares_the_same_sql_again()
      throws SQLException {
    // given a SQLite pool of one connection
    TestDatabases.deleteFiles("pool-statements");
    try (JdbcPool pool = JdbcPool.of(
        "jdbc:sqlite:" + TestDatabases.dir().toAbsolutePath().resolve("pool-statements.db"), "", "", 1)) {
      Object first;
      try (Connection c = pool.getConnection();
          java.sql.PreparedStatement ps = c.prepareStatement("SELECT ?")) {
        ps.setString(1, "bound");
        ps.executeQuery().close();
        first = ps.unwrap(java.sql.PreparedStatement.class);
      }
      // when a later borrower prepares the same SQL, then one with a changed setting
      Object second;
      try (Connection c = pool.getConnection();
          java.sql.PreparedStatement ps = c.prepareStatement("SELECT ?");
          ResultSet rs = ps.executeQuery()) {
        second = ps.unwrap(java.sql.PreparedStatement.class);
        // then it is the same driver statement, its parameters cleared
        rs.next();
        assertThat(rs.getString(1)).isNull();
        ps.setMaxRows(1);
      }
      try (Connection c = pool.getConnection();
          java.sql.PreparedStatement ps = c.prepareStatement("SELECT ?")) {
        // and a statement whose settings changed was closed, not kept
        assertThat(second).isSameAs(first);
        assertThat(ps.unwrap(java.sql.PreparedStatement.class)).isNotSameAs(first);
        assertThat(ps.getMaxRows()).isZero();
      }
    }
  }

  @Test
  void should_fsync_every_commit_and_keep_temporary_btrees_in_memory_when_sqlite_is_the_default()
      throws SQLException {
    // given / when
    try (JdbcPool pool = TestDatabases.freshSqlite("pool-pragmas");
        Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      // then
      assertThat(pragma(st, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(st, "synchronous")).isEqualTo("2"); // FULL: the WAL fsynced per commit
      assertThat(pragma(st, "temp_store")).isEqualTo("2"); // MEMORY
      assertThat(pragma(st, "mmap_size")).isEqualTo("268435456");
    }
  }

  private static String pragma(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void should_have_no_writer_connection_when_the_database_is_not_sqlite() {
    // given / when
    try (JdbcPool h2 = TestDatabases.freshH2("pool-kind")) {
      // then
      assertThat(h2.writerLock()).isEmpty();
    }
  }

  @Test
  void should_keep_the_tiny_pool_when_the_database_is_embedded() {
    // given / when
    try (JdbcPool sqlite = TestDatabases.freshSqlite("pool-kind");
        JdbcPool h2 = TestDatabases.freshH2("pool-kind")) {
      // then
      assertThat(sqlite.pooledByHikari()).isFalse();
      assertThat(h2.pooledByHikari()).isFalse();
    }
  }

  @Test
  void should_pool_with_hikari_and_roll_back_leftovers_when_the_url_is_postgres() throws SQLException {
    // given: CI's PostgreSQL (skipped without JOURNEY_PG_URL)
    TestDatabases.requirePostgres();
    try (JdbcPool pool =
        JdbcPool.of(
            System.getenv("JOURNEY_PG_URL"),
            System.getenv().getOrDefault("JOURNEY_PG_USER", "journey"),
            System.getenv().getOrDefault("JOURNEY_PG_PASSWORD", "journey"),
            2)) {
      try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
        st.execute("DROP TABLE IF EXISTS journey_pool_probe");
        st.execute("CREATE TABLE journey_pool_probe (x INT)");
        c.commit();
        st.executeUpdate("INSERT INTO journey_pool_probe VALUES (1)");
        // when the connection goes back without a commit
      }
      // then HikariCP pools it, hands out transactions and rolled the insert back
      assertThat(pool.pooledByHikari()).isTrue();
      try (Connection c = pool.getConnection();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM journey_pool_probe")) {
        assertThat(c.getAutoCommit()).isFalse();
        rs.next();
        assertThat(rs.getInt(1)).isZero();
        st.execute("DROP TABLE journey_pool_probe");
        c.commit();
      }
    }
  }
}
