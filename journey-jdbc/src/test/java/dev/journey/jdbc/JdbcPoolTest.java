package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The tiny pool behind embedded H2 stores. */
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
}
