package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.jdbc.internal.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store's SQL helper: bind, execute, map rows, and a failure that names its statement. */
final class SqlTest {
  private JdbcPool pool;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  private Connection connection() throws SQLException {
    pool = TestDatabases.freshH2("sql-helper");
    Connection c = pool.getConnection();
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE t (id VARCHAR(10) PRIMARY KEY, n BIGINT, k INT)");
    }
    return c;
  }

  @Test
  void should_bind_map_every_row_in_order_and_find_none_when_nothing_matches() throws SQLException {
    // given
    try (Connection c = connection()) {
      // when
      int inserted = Sql.update(c, "INSERT INTO t VALUES (?, ?, ?)", Sql.params("b", 2L, 20))
          + Sql.update(c, "INSERT INTO t VALUES (?, ?, ?)", Sql.params("a", 1L, 10));
      List<String> rows = Sql.list(c, "SELECT id, n, k FROM t ORDER BY id", Sql.NONE,
          rs -> rs.getString(1) + rs.getLong(2) + "/" + rs.getInt(3));
      Optional<Long> one = Sql.one(c, "SELECT n FROM t WHERE id = ?", Sql.params("b"), rs -> rs.getLong(1));
      Optional<Long> none = Sql.one(c, "SELECT n FROM t WHERE id = ?", Sql.params("z"), rs -> rs.getLong(1));
      // then
      assertThat(inserted).isEqualTo(2);
      assertThat(rows).containsExactly("a1/10", "b2/20");
      assertThat(one).contains(2L);
      assertThat(none).isEmpty();
    }
  }

  @Test
  void should_keep_the_drivers_sql_state_and_name_the_statement_when_it_fails() throws SQLException {
    // given: a row whose key is taken
    try (Connection c = connection()) {
      Sql.update(c, "INSERT INTO t VALUES (?, ?, ?)", Sql.params("a", 1L, 10));
      // when / then: the unique violation keeps its state, so the store's checks still decide
      assertThatThrownBy(() -> Sql.update(c, "INSERT INTO t VALUES (?, ?, ?)", Sql.params("a", 2L, 20)))
          .isInstanceOfSatisfying(Sql.StatementFailure.class, f -> {
            assertThat(f.getSQLState()).isEqualTo("23505");
            assertThat(f.statement()).isEqualTo("INSERT INTO t VALUES (?, ?, ?)");
          });
    }
  }

  @Test
  void should_insert_once_and_report_a_taken_key_as_false_when_the_row_exists() throws SQLException {
    // given
    try (Connection c = connection()) {
      // when
      boolean first = Sql.insertOnce(c, Dialect.H2, "INSERT INTO t VALUES (?, ?, ?)", Sql.params("a", 1L, 10));
      boolean again = Sql.insertOnce(c, Dialect.H2, "INSERT INTO t VALUES (?, ?, ?)", Sql.params("a", 2L, 20));
      // then: the first row stays as written
      assertThat(first).isTrue();
      assertThat(again).isFalse();
      assertThat(Sql.one(c, "SELECT n FROM t WHERE id = ?", Sql.params("a"), rs -> rs.getLong(1))).contains(1L);
    }
  }

  @Test
  void should_name_the_statement_when_an_insert_once_fails_for_another_reason() throws SQLException {
    // given: a value too long for its column (not a unique violation)
    try (Connection c = connection()) {
      // when / then
      assertThatThrownBy(
              () -> Sql.insertOnce(c, Dialect.H2, "INSERT INTO t VALUES (?, ?, ?)", Sql.params("abcdefghijk", 1L, 1)))
          .isInstanceOfSatisfying(Sql.StatementFailure.class,
              f -> assertThat(f.statement()).isEqualTo("INSERT INTO t VALUES (?, ?, ?)"));
    }
  }

  @Test
  void should_run_one_batch_per_call_with_a_count_per_item_and_nothing_for_no_items() throws SQLException {
    // given
    try (Connection c = connection()) {
      Sql.update(c, "INSERT INTO t VALUES (?, ?, ?)", Sql.params("a", 1L, 10));
      // when
      int[] none = Sql.batch(c, "UPDATE t SET n = ? WHERE id = ?", List.<String>of(), (ps, id) -> {
        throw new AssertionError("no item to bind");
      });
      int[] counts = Sql.batch(c, "UPDATE t SET n = n + 1 WHERE id = ?", List.of("a", "z", "a"),
          (ps, id) -> ps.setString(1, id));
      // then: in item order, the missing row counts 0
      assertThat(none).isEmpty();
      assertThat(counts).containsExactly(1, 0, 1);
      assertThat(Sql.one(c, "SELECT n FROM t WHERE id = ?", Sql.params("a"), rs -> rs.getLong(1))).contains(3L);
    }
  }

  @Test
  void should_refuse_a_parameter_of_a_type_it_does_not_bind() throws SQLException {
    // given
    try (Connection c = connection()) {
      // when / then
      assertThatThrownBy(() -> Sql.one(c, "SELECT n FROM t WHERE id = ?", Sql.params(1.5d), rs -> 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("parameter 1 must be a String, Long or Integer, but was java.lang.Double");
    }
  }

  @Test
  void should_report_operation_and_statement_but_no_values_when_a_store_operation_fails() throws SQLException {
    // given: a store whose dead-letter table is gone
    pool = TestDatabases.freshH2("sql-helper-store");
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.execute("DROP TABLE journey_dead_letter");
      c.commit();
    }
    // when / then
    assertThatThrownBy(() -> store.discard("action-of-alice@example.com"))
        .isInstanceOfSatisfying(JdbcStoreException.class, e -> {
          assertThat(e.operation()).isEqualTo("discard");
          assertThat(e.statement()).isEqualTo("DELETE FROM journey_dead_letter WHERE action_id = ?");
          assertThat(e.sqlState()).isEqualTo("42S02");
          assertThat(e.getMessage())
              .contains("'discard' failed in statement 'DELETE FROM journey_dead_letter WHERE action_id = ?'")
              .doesNotContain("alice@example.com");
        });
  }
}
