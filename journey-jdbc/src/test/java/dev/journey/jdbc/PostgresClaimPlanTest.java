package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The PostgreSQL timer and outbox claims stay index scans as the tables grow: 20,000 rows each, of
 * which a few hundred are due, analysed, then {@code EXPLAIN} of the exact queries the store runs
 * (with their parameters bound). A sequential scan here would make every claim cost the size of
 * the table. Skipped without {@code JOURNEY_PG_URL}, failing without it when {@code CI=true}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class PostgresClaimPlanTest {
  private static final int ROWS = 20_000;
  private static final int SUBJECTS = 5_000;
  private static final long STEP = 1_000;
  /** "now" for the claims: the first 200 rows are due. */
  private static final long NOW = 200 * STEP;

  private HikariDataSource pool;

  @BeforeAll
  void fill() throws SQLException {
    pool = TestDatabases.freshPostgres(2);
    JdbcJourneyStore.builder(pool).build();
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute(
          "INSERT INTO journey_timer (subject, name, generation, due_at, doc_version, doc)"
              + " SELECT 'contact:' || i, 'sla', 1, i * " + STEP + ", 1, '{}'"
              + " FROM generate_series(1, " + ROWS + ") AS i");
      st.execute(
          "INSERT INTO journey_outbox (action_id, subject, seq, next_attempt_at, doc_version, doc)"
              + " SELECT 'a' || i, 'contact:' || (i % " + SUBJECTS + "), i / " + SUBJECTS + ","
              + " i * " + STEP + ", 1, '{}' FROM generate_series(1, " + ROWS + ") AS i");
      st.execute("ANALYZE journey_timer");
      st.execute("ANALYZE journey_outbox");
    }
  }

  @AfterAll
  void close() {
    TestDatabases.close(pool);
  }

  private String plan(String query) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("EXPLAIN " + query)) {
      ps.setLong(1, NOW);
      ps.setLong(2, NOW);
      ps.setInt(3, 100);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      c.rollback();
    }
    return plan.toString();
  }

  /** The plan of a claim-and-lease statement (parameters: until, owner, now, now, limit). */
  private String leasePlan(String query) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        PreparedStatement ps = c.prepareStatement("EXPLAIN " + query)) {
      // the plan the server keeps after five executions: no parameter values to plan with
      st.execute("SET LOCAL plan_cache_mode = force_generic_plan");
      ps.setLong(1, NOW + STEP);
      ps.setString(2, "instance");
      ps.setLong(3, NOW);
      ps.setLong(4, NOW);
      ps.setInt(5, 100);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      c.rollback();
    }
    return plan.toString();
  }

  @Test
  void should_lease_claimed_timers_by_tid_in_one_statement_when_the_table_is_large()
      throws SQLException {
    // given 20,000 timers, 200 of them due
    // when
    String plan = leasePlan(Claims.claimAndLeaseTimersSql());

    // then: the claim reads the due index in order, the lease finds its rows by tid
    assertThat(plan)
        .contains("Index Scan using journey_timer_due_order")
        .contains("Tid Scan on journey_timer")
        .doesNotContain("Seq Scan");
  }

  @Test
  void should_lease_claimed_actions_by_tid_in_one_statement_when_the_table_is_large()
      throws SQLException {
    // given 20,000 outbox entries over 5,000 subjects, 200 of them ready
    // when
    String plan = leasePlan(Claims.claimAndLeaseActionsSql());

    // then
    assertThat(plan)
        .contains("journey_outbox_ready")
        .contains("journey_outbox_order")
        .contains("Tid Scan on journey_outbox")
        .doesNotContain("Seq Scan");
  }

  @Test
  void should_claim_due_timers_through_the_due_index_when_the_table_is_large() throws SQLException {
    // given 20,000 timers, 200 of them due
    // when
    String plan = plan(JdbcJourneyStore.claimTimersSql(Dialect.POSTGRESQL));

    // then: read in the claim's order from the index, no sort of the due rows
    assertThat(plan)
        .contains("Index Scan using journey_timer_due_order")
        .doesNotContain("Seq Scan")
        .doesNotContain("Sort");
  }

  @Test
  void should_claim_without_sorting_when_many_timers_are_due_at_the_same_instant()
      throws SQLException {
    // given 20,000 more timers, all due at one instant (a campaign's), 19,000 of them due now
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO journey_timer (subject, name, generation, due_at, doc_version, doc)"
              + " SELECT 'contact:same' || i, 'campaign', 1, " + STEP + ", 1, '{}'"
              + " FROM generate_series(1, " + ROWS + ") AS i");
      st.execute("ANALYZE journey_timer");
      // when
      StringBuilder plan = new StringBuilder();
      try (PreparedStatement ps =
          c.prepareStatement("EXPLAIN " + JdbcJourneyStore.claimTimersSql(Dialect.POSTGRESQL))) {
        ps.setLong(1, NOW);
        ps.setLong(2, NOW);
        ps.setInt(3, 512);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
      }
      c.rollback(); // the test's timers go again
      // then: the first 512 in order straight from the index, not a sort of all 20,000 ties
      assertThat(plan.toString())
          .contains("Index Scan using journey_timer_due_order")
          .doesNotContain("Sort");
    }
  }

  @Test
  void should_replace_the_due_index_when_migrating_a_version_7_database() throws SQLException {
    // given a database as schema version 7 left it: the timer index on due_at alone
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP INDEX journey_timer_due_order");
      st.execute("CREATE INDEX journey_timer_due ON journey_timer (due_at)");
      st.execute("DELETE FROM journey_schema_version WHERE version >= 8");
      c.commit();
    }
    // when
    JdbcJourneyStore migrated = JdbcJourneyStore.builder(pool).build();
    // then
    assertThat(migrated.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'journey_timer' ORDER BY 1")) {
      List<String> indexes = new ArrayList<>();
      while (rs.next()) {
        indexes.add(rs.getString(1));
      }
      c.rollback();
      assertThat(indexes)
          .contains("journey_timer_due_order")
          .doesNotContain("journey_timer_due");
    }
  }

  @Test
  void should_claim_ready_actions_through_the_outbox_indexes_when_the_table_is_large()
      throws SQLException {
    // given 20,000 outbox entries over 5,000 subjects, 200 of them ready
    // when
    String plan = plan(JdbcJourneyStore.claimActionsSql(Dialect.POSTGRESQL));

    // then: the ready scan and the "no earlier entry of the subject" check both use an index
    assertThat(plan)
        .contains("journey_outbox_ready")
        .contains("journey_outbox_order")
        .doesNotContain("Seq Scan");
  }
}
