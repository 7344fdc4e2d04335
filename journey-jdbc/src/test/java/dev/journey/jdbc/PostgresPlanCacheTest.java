package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plans PostgreSQL keeps for the store's statements from when its tables were small. A
 * statement the driver has prepared on the server is planned once, generically, and that plan stays
 * until the table is analysed: planned on a new, empty table it can be a sequential scan, which
 * then reads the whole table on every execution as the table grows. Each test plans a statement
 * the way the server keeps it ({@code PREPARE} with {@code plan_cache_mode = force_generic_plan},
 * executed once on the empty table), fills the table without analysing it, and reads {@code EXPLAIN
 * ANALYZE} of the kept plan. Skipped without {@code JOURNEY_PG_URL}, failing without it when {@code
 * CI=true}.
 */
final class PostgresPlanCacheTest {
  private static final int TIMERS = 5_000;
  private static final String FILL_TIMERS =
      "INSERT INTO journey_timer (subject, name, generation, due_at, doc_version, doc)"
          + " SELECT 'contact:' || i, 'sla', 1, i, 1, '{}'"
          + " FROM generate_series(1, " + TIMERS + ") AS i";

  private HikariDataSource pool;

  @BeforeEach
  void open() {
    pool = TestDatabases.freshPostgres(2);
    JdbcJourneyStore.builder(pool).build();
  }

  @AfterEach
  void close() {
    TestDatabases.close(pool);
  }

  /** {@code sql} with its {@code ?} parameters numbered, for {@code PREPARE}. */
  private static String numbered(String sql) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        out.append('$').append(++n);
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }

  /**
   * Prepares the group's timer deletes under a forced generic plan and runs them once on the empty
   * table, as the server keeps the plan pgjdbc prepares after five uses on a new database.
   */
  private static void keepTheGenericPlanOfAnEmptyTable(Statement st) throws SQLException {
    st.execute("SET plan_cache_mode = force_generic_plan");
    st.execute(
        "PREPARE delete_timers(varchar[], varchar[], int8[]) AS "
            + numbered(PostgresGroup.DELETE_TIMERS));
    st.execute("EXECUTE delete_timers('{contact:a}', '{sla}', '{1}')");
  }

  private static List<String> explain(Statement st, String sql) throws SQLException {
    List<String> plan = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql)) {
      while (rs.next()) {
        plan.add(rs.getString(1));
      }
    }
    return plan;
  }

  @Test
  void should_not_scan_the_timer_table_when_a_group_only_schedules_new_timers()
      throws SQLException {
    List<String> plan;
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      // given the group's timer deletes planned generically while the table was empty
      keepTheGenericPlanOfAnEmptyTable(st);
      // and then 5,000 timers, not analysed
      st.execute(FILL_TIMERS);
      c.setAutoCommit(false);

      // when a group schedules timers that are not stored yet (the usual signal)
      plan =
          explain(st, "EXECUTE delete_timers('{contact:new1,contact:new2}', '{sla,sla}', '{1,1}')");
      c.rollback();
    }

    // then the kept plan probes the unique key and does not read the table
    assertThat(String.join("\n", plan)).contains("Index Scan using journey_timer_unique");
    assertThat(plan)
        .filteredOn(line -> line.contains("Seq Scan on journey_timer"))
        .allMatch(line -> line.contains("never executed"));
    assertThat(plan).noneMatch(line -> line.contains("Rows Removed by Filter"));
  }

  @Test
  void should_delete_the_found_timers_with_the_plan_kept_from_an_empty_table() throws SQLException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      // given the same kept plan and 5,000 timers
      keepTheGenericPlanOfAnEmptyTable(st);
      st.execute(FILL_TIMERS);

      // when a group's commits remove two stored timers and one that is not stored
      long found;
      long deleted;
      try (ResultSet rs =
          st.executeQuery(
              "EXECUTE delete_timers('{contact:7,contact:8,contact:new}',"
                  + " '{sla,sla,sla}', '{1,1,1}')")) {
        rs.next();
        found = rs.getLong(1);
        deleted = rs.getLong(2);
      }

      // then both are found and deleted, the others stay
      assertThat(found).isEqualTo(2);
      assertThat(deleted).isEqualTo(2);
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM journey_timer")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(TIMERS - 2);
      }
    }
  }
  @Test
  void should_probe_each_coalesced_lookup_by_key_with_the_plan_kept_from_empty_tables()
      throws SQLException {
    List<String> plan;
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      // given the coalesced lookup planned generically while the tables were empty
      st.execute("SET plan_cache_mode = force_generic_plan");
      st.execute(
          "PREPARE lookup_many(varchar[], varchar[]) AS " + numbered(PostgresLookups.LOOKUP_MANY));
      st.execute("EXECUTE lookup_many('{contact:a}', '{s-a}')");
      // and then 5,000 snapshots and inbox records, not analysed
      st.execute(
          "INSERT INTO journey_snapshot (subject, version, doc_version, doc, updated_at)"
              + " SELECT 'contact:' || i, 1, 1, '{}', i FROM generate_series(1, " + TIMERS + ") AS i");
      st.execute(
          "INSERT INTO journey_inbox (signal_id, subject, received_at, fingerprint)"
              + " SELECT 's-' || i, 'contact:' || i, i, NULL FROM generate_series(1, " + TIMERS + ") AS i");

      // when three lookups share a statement: a stored subject and id, a new one, a stored subject
      plan =
          explain(
              st,
              "EXECUTE lookup_many('{contact:7,contact:new,contact:9}', '{s-7,s-new,s-other}')");
    }

    // then each is a primary-key probe of both tables, and neither table is scanned
    String text = String.join("\n", plan);
    assertThat(text).contains("Index Scan using journey_snapshot_pkey");
    assertThat(text).contains("Index Scan using journey_inbox_pkey");
    assertThat(plan).noneMatch(line -> line.contains("Seq Scan on journey_"));
    assertThat(plan).noneMatch(line -> line.contains("Rows Removed by Filter"));
  }
}
