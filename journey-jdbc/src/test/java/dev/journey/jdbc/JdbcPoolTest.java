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
