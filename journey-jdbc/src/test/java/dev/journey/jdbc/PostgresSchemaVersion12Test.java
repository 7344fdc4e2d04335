package dev.journey.jdbc;

import static dev.journey.jdbc.SqliteOldFiles.SUBJECTS;
import static dev.journey.jdbc.SqliteOldFiles.T0;
import static dev.journey.jdbc.SqliteOldFiles.engine;
import static dev.journey.jdbc.SqliteOldFiles.form;
import static dev.journey.jdbc.SqliteOldFiles.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.journey.core.Signal;
import dev.journey.core.SignalIdConflictException;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Schema;
import dev.journey.testkit.clock.VirtualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schema version 12 on PostgreSQL: free space on the timer and snapshot pages (fill factors 50
 * and 80) so that a lease or a new snapshot version stays on its page, and no index on the inbox's
 * subject. A database as version 11 left it migrates in place and keeps every row; redelivery,
 * reused ids, timers and erasure work as before; a library of version 11 refuses it. Skipped
 * without {@code JOURNEY_PG_URL}, failing without it when {@code CI=true}.
 */
final class PostgresSchemaVersion12Test {
  private final VirtualClock clock = VirtualClock.at(T0);
  private final HikariDataSource pool = TestDatabases.freshPostgres(4);

  @AfterEach
  void close() {
    TestDatabases.close(pool);
  }

  private List<String> query(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      c.rollback();
    }
    return rows;
  }

  private void execute(String... statements) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
      c.commit();
    }
  }

  /** The storage options of {@code table} ({@code pg_class.reloptions}), empty when none. */
  private List<String> options(String table) throws SQLException {
    return query(
        "SELECT unnest(reloptions) FROM pg_class WHERE relname = '" + table + "' ORDER BY 1");
  }

  private List<String> inboxIndexes() throws SQLException {
    return query("SELECT indexname FROM pg_indexes WHERE tablename = 'journey_inbox' ORDER BY 1");
  }

  /**
   * Writes {@link SqliteOldFiles#SUBJECTS} subjects' commits (each a snapshot, a pending timer,
   * an outbox entry, an audit record and an inbox row), then turns the database back into what a
   * version 11 library left: no storage options, the inbox's subject index, version 11 the last
   * one recorded (PostgreSQL's versions 9 to 11 changed nothing else).
   */
  private JdbcJourneyStore writeAsVersion11() throws SQLException {
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).build();
    JourneyEngine engine = engine(store, clock);
    for (int i = 0; i < SUBJECTS; i++) {
      engine.accept(form("form-" + i, subject(i), T0.plusSeconds(i)));
    }
    execute(
        "ALTER TABLE journey_timer RESET (fillfactor)",
        "ALTER TABLE journey_snapshot RESET (fillfactor)",
        "CREATE INDEX journey_inbox_subject ON journey_inbox (subject)",
        "DELETE FROM journey_schema_version WHERE version >= 12");
    assertThat(options("journey_timer")).isEmpty();
    assertThat(inboxIndexes()).contains("journey_inbox_subject");
    return store;
  }

  @Test
  void should_migrate_a_version_11_database_in_place_and_keep_every_row() throws SQLException {
    // given
    JdbcJourneyStore before = writeAsVersion11();
    Map<SubjectRef, Optional<JourneySnapshot>> snapshots = new HashMap<>();
    Map<SubjectRef, SubjectLookup> lookups = new HashMap<>();
    Map<SubjectRef, List<AuditRecord>> audits = new HashMap<>();
    for (int i = 0; i < SUBJECTS; i++) {
      SubjectRef s = subject(i);
      snapshots.put(s, before.load(s));
      lookups.put(s, before.lookup(s, "form-" + i));
      audits.put(s, before.audit(s));
    }
    var pending = before.pendingActions();
    // when a version 12 library opens it
    JdbcJourneyStore migrated = JdbcJourneyStore.builder(pool).clock(clock).build();
    // then the options are set, the index is gone and every row reads as before
    assertThat(migrated.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION).isEqualTo(12);
    assertThat(options("journey_timer")).containsExactly("fillfactor=50");
    assertThat(options("journey_snapshot")).containsExactly("fillfactor=80");
    assertThat(inboxIndexes()).doesNotContain("journey_inbox_subject").contains("journey_inbox_pkey");
    for (int i = 0; i < SUBJECTS; i++) {
      SubjectRef s = subject(i);
      assertThat(migrated.load(s)).isPresent().isEqualTo(snapshots.get(s));
      assertThat(migrated.lookup(s, "form-" + i)).isEqualTo(lookups.get(s));
      assertThat(migrated.audit(s)).hasSize(1).isEqualTo(audits.get(s));
    }
    assertThat(migrated.pendingActions()).hasSize(SUBJECTS).isEqualTo(pending);
  }

  @Test
  void should_take_redeliveries_reused_ids_and_due_timers_as_before_after_the_migration()
      throws SQLException {
    // given a migrated version 11 database
    writeAsVersion11();
    JdbcJourneyStore migrated = JdbcJourneyStore.builder(pool).clock(clock).build();
    JourneyEngine engine = engine(migrated, clock);
    // when a signal processed before the migration comes again, then it is a duplicate
    assertThat(engine.accept(form("form-3", subject(3), T0.plusSeconds(300))).status())
        .isEqualTo(SignalResult.Status.DUPLICATE);
    // when another signal reuses a migrated id with other content, then it is a conflict
    Signal reused =
        Signal.builder().id("form-4").subject(subject(4)).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(T0).source("another-source").build();
    assertThatThrownBy(() -> engine.accept(reused)).isInstanceOf(SignalIdConflictException.class);
    // when a new subject's form comes and every timer falls due
    engine.accept(form("form-new", subject(SUBJECTS), T0.plusSeconds(61)));
    clock.advance(Duration.ofHours(1));
    // then every timer, from before the migration and after it, fires once
    assertThat(engine.fireDueTimers()).isEqualTo(SUBJECTS + 1);
    assertThat(engine.fireDueTimers()).isZero();
    assertThat(query("SELECT count(*) FROM journey_timer")).containsExactly("0");
  }

  @Test
  void should_erase_a_subjects_inbox_rows_without_the_subject_index() throws SQLException {
    // given a version 12 database with every subject's signal in the inbox
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).build();
    JourneyEngine engine = engine(store, clock);
    for (int i = 0; i < SUBJECTS; i++) {
      engine.accept(form("form-" + i, subject(i), T0.plusSeconds(i)));
    }
    assertThat(inboxIndexes()).doesNotContain("journey_inbox_subject");
    // when one subject is erased
    int deleted = store.erase(subject(7));
    // then its inbox row went with the rest of its rows, and no other subject's did
    assertThat(deleted).isPositive();
    assertThat(query("SELECT signal_id FROM journey_inbox WHERE subject = '" + subject(7) + "'"))
        .isEmpty();
    assertThat(query("SELECT signal_id FROM journey_inbox")).hasSize(SUBJECTS - 1);
    assertThat(store.load(subject(7))).isEmpty();
    assertThat(store.load(subject(8))).isPresent();
  }

  @Test
  void should_keep_a_leased_timer_on_its_page() throws SQLException {
    // given 400 pending timers written by commits on a version 12 database
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).build();
    JourneyEngine engine = engine(store, clock);
    for (int i = 0; i < 400; i++) {
      engine.accept(form("form-" + i, subject(i), T0.plusMillis(i)));
    }
    Map<String, String> pages = timerPages();
    assertThat(pages).hasSize(400);
    // when the store leases every one of them (a claim updates each row's lease)
    assertThat(store.claimDueTimers(T0.plus(Duration.ofHours(1)), Duration.ofMinutes(1), 400))
        .hasSize(400);
    // then most new row versions stayed on their pages, as heap-only updates do (328 of 400 when
    // this was written: a leased row is a little longer than a pending one); on full pages (fill
    // factor 100) none of them did
    Map<String, String> after = timerPages();
    long stayed = pages.keySet().stream().filter(k -> pages.get(k).equals(after.get(k))).count();
    assertThat(stayed).isGreaterThanOrEqualTo(300);
  }

  /** Each timer's subject to the heap page of its row version ({@code ctid}'s block). */
  private Map<String, String> timerPages() throws SQLException {
    Map<String, String> pages = new HashMap<>();
    for (String row : query("SELECT subject || ' ' || (ctid::text::point)[0] FROM journey_timer")) {
      int space = row.lastIndexOf(' ');
      pages.put(row.substring(0, space), row.substring(space + 1));
    }
    return pages;
  }

  @Test
  void should_be_refused_by_a_library_of_version_11() throws SQLException {
    // given a database at version 12
    JdbcJourneyStore.builder(pool).clock(clock).build();
    try (Connection c = pool.getConnection()) {
      // when a library that knows version 11 at most opens it, then it refuses and changes nothing
      assertThatThrownBy(() -> Schema.migrate(c, Dialect.POSTGRESQL, T0, 11))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("must be at most 11")
          .hasMessageContaining("but was 12");
      assertThat(Schema.currentVersion(c)).isEqualTo(12);
      c.rollback();
    }
  }
}
