package dev.journey.jdbc;

import static dev.journey.jdbc.SqliteOldFiles.SUBJECTS;
import static dev.journey.jdbc.SqliteOldFiles.T0;
import static dev.journey.jdbc.SqliteOldFiles.columns;
import static dev.journey.jdbc.SqliteOldFiles.engine;
import static dev.journey.jdbc.SqliteOldFiles.form;
import static dev.journey.jdbc.SqliteOldFiles.objects;
import static dev.journey.jdbc.SqliteOldFiles.subject;
import static dev.journey.jdbc.SqliteOldFiles.writeAndCopy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.jdbc.internal.ActionKeys;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Schema;
import dev.journey.testkit.clock.VirtualClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schema version 10 on SQLite: the outbox's action ids indexed by a 64-bit key, their uniqueness
 * checked by the insert against the full id. A file written at version 9 (the rows of real
 * commits, copied into a database migrated only to 9) migrates in place, reads back as it was
 * written and works on; a library of version 9 refuses the migrated file.
 */
final class SqliteSchemaVersion10Test {
  private final VirtualClock clock = VirtualClock.at(T0);
  private final JdbcPool written = TestDatabases.freshSqlite("v10-written");
  private final JdbcPool old = TestDatabases.freshSqlite("v10-old");

  @AfterEach
  void close() {
    written.close();
    old.close();
  }

  /** {@link SqliteOldFiles#writeAndCopy} into a file of version 9. */
  private JdbcJourneyStore writeAndCopyIntoVersion9() throws SQLException {
    JdbcJourneyStore source = writeAndCopy(written, "v10-written", old, 9, clock);
    try (Connection c = old.getConnection()) {
      // the copy is a version 9 file: the outbox keyed by the text of its action ids
      assertThat(columns(c, "main", "journey_outbox")).doesNotContain("action_key");
      assertThat(objects(c)).doesNotContainKey("journey_outbox_key");
    }
    return source;
  }

  private List<long[]> keysAndExpected() throws SQLException {
    List<long[]> rows = new ArrayList<>();
    try (Connection c = old.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT action_key, action_id FROM journey_outbox")) {
      while (rs.next()) {
        rows.add(new long[] {rs.getLong(1), ActionKeys.of(rs.getString(2))});
      }
    }
    return rows;
  }

  @Test
  void should_migrate_a_version_9_file_in_place_and_read_back_every_row() throws SQLException {
    // given
    JdbcJourneyStore source = writeAndCopyIntoVersion9();
    // when
    JdbcJourneyStore migrated = JdbcJourneyStore.builder(old).clock(clock).build();
    // then: the new layout, every copied row keyed
    assertThat(migrated.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
    try (Connection c = old.getConnection()) {
      assertThat(columns(c, "main", "journey_outbox")).startsWith("action_key", "action_id");
      assertThat(objects(c))
          .containsKeys("journey_outbox_key", "journey_outbox_ready")
          .doesNotContainKey("journey_outbox_v10");
    }
    assertThat(keysAndExpected()).hasSize(SUBJECTS).allSatisfy(r -> assertThat(r[0]).isEqualTo(r[1]));
    // and every row reads as the store that wrote it reads it
    for (int i = 0; i < SUBJECTS; i++) {
      SubjectRef s = subject(i);
      assertThat(migrated.load(s)).isPresent().isEqualTo(source.load(s));
      assertThat(migrated.lookup(s, "form-" + i)).isEqualTo(source.lookup(s, "form-" + i));
      assertThat(migrated.audit(s)).hasSize(1).isEqualTo(source.audit(s));
    }
    assertThat(migrated.pendingActions()).hasSize(SUBJECTS).isEqualTo(source.pendingActions());
  }

  @Test
  void should_carry_on_after_the_migration_with_the_relay_duplicates_and_timers() throws SQLException {
    // given a migrated version 9 file
    writeAndCopyIntoVersion9();
    JdbcJourneyStore migrated = JdbcJourneyStore.builder(old).clock(clock).build();
    JourneyEngine engine = engine(migrated, clock);
    // when a signal processed before the migration comes again
    SignalResult again = engine.accept(form("form-3", subject(3), T0.plusSeconds(3)));
    // then it is a duplicate and adds no action
    assertThat(again.status()).isEqualTo(SignalResult.Status.DUPLICATE);
    assertThat(migrated.pendingActions()).hasSize(SUBJECTS);
    // when the relay claims the migrated actions and delivers one, and a new signal adds one
    List<OutboxEntry> claimed = migrated.claimActions(T0.plusSeconds(60), Duration.ofMinutes(1), 100);
    migrated.markDone(claimed.get(0).actionId());
    engine.accept(form("form-new", subject(SUBJECTS), T0.plusSeconds(61)));
    // then every migrated action was claimable by its key, the delivered one is gone, the new one keyed
    assertThat(claimed).hasSize(SUBJECTS);
    assertThat(migrated.pendingActions())
        .hasSize(SUBJECTS)
        .extracting(OutboxEntry::actionId)
        .doesNotContain(claimed.get(0).actionId());
    assertThat(keysAndExpected()).hasSize(SUBJECTS).allSatisfy(r -> assertThat(r[0]).isEqualTo(r[1]));
    // when the timers fall due
    clock.advance(Duration.ofHours(1));
    // then every timer fires once
    assertThat(engine.fireDueTimers()).isEqualTo(SUBJECTS + 1);
  }

  @Test
  void should_be_refused_by_a_library_of_version_9() throws SQLException {
    // given a database at version 10
    try (Connection c = written.getConnection()) {
      Schema.migrate(c, Dialect.SQLITE, T0, 10);
      // when a library that knows version 9 at most opens it, then it refuses and changes nothing
      assertThatThrownBy(() -> Schema.migrate(c, Dialect.SQLITE, T0, 9))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("must be at most 9")
          .hasMessageContaining("but was 10");
      assertThat(Schema.currentVersion(c)).isEqualTo(10);
    }
  }

  @Test
  void should_refuse_an_action_id_already_in_the_outbox_as_a_unique_key_violation() throws SQLException {
    // given an outbox row
    JdbcJourneyStore.builder(written).clock(clock).build();
    OutboxRows rows = new OutboxRows(Dialect.SQLITE);
    OutboxEntry entry = entry("a-1", subject(1), 1);
    try (Connection c = written.getConnection()) {
      c.setAutoCommit(true);
      assertThat(insert(c, rows, entry)).isEqualTo(1);
      // when the same id comes again, under another subject and sequence
      int count = insert(c, rows, entry("a-1", subject(2), 7));
      // then nothing is inserted, and the count is the unique-key violation the primary key was
      assertThat(count).isZero();
      assertThatThrownBy(() -> rows.checkInserted(count, "a-1"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(Dialect.SQLITE.isUniqueViolation(e)).isTrue())
          .hasMessageContaining("action id 'a-1' is already in the outbox");
      assertThat(outboxIds(c)).containsExactly("a-1");
    }
  }

  @Test
  void should_keep_two_ids_that_share_a_key_apart() throws SQLException {
    // given a row whose key is another id's (a 64-bit collision, forged)
    JdbcJourneyStore store = JdbcJourneyStore.builder(written).clock(clock).build();
    OutboxRows rows = new OutboxRows(Dialect.SQLITE);
    try (Connection c = written.getConnection()) {
      c.setAutoCommit(true);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO journey_outbox (action_key, action_id, subject, seq, next_attempt_at,"
                  + " doc_version, doc) SELECT ?, ?, ?, ?, ?, 1, '{}'")) {
        ps.setLong(1, ActionKeys.of("b-2"));
        ps.setString(2, "forged");
        ps.setString(3, "contact:x");
        ps.setLong(4, 1);
        ps.setLong(5, Long.MAX_VALUE);
        ps.executeUpdate();
      }
      // when the id whose key it took is inserted
      int count = insert(c, rows, entry("b-2", subject(2), 1));
      // then it is not refused, and each id finds only its own row
      assertThat(count).isEqualTo(1);
      store.markDone("b-2");
      assertThat(outboxIds(c)).containsExactly("forged");
    }
  }

  @Test
  void should_find_an_action_by_its_key_index() throws SQLException {
    // given
    JdbcJourneyStore.builder(written).clock(clock).build();
    OutboxRows rows = new OutboxRows(Dialect.SQLITE);
    // when
    List<String> plan = new ArrayList<>();
    try (Connection c = written.getConnection();
        PreparedStatement ps =
            c.prepareStatement("EXPLAIN QUERY PLAN DELETE FROM journey_outbox WHERE " + rows.whereId())) {
      rows.bindId(ps, 1, "a-1");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.add(rs.getString("detail"));
        }
      }
    }
    // then
    assertThat(plan).anySatisfy(d -> assertThat(d).contains("journey_outbox_key"));
  }

  private static OutboxEntry entry(String id, SubjectRef subject, long sequence) {
    return new OutboxEntry(
        new dev.journey.core.action.Notify(id, subject, "owner", "new form"), sequence, T0, 0, T0);
  }

  private static int insert(Connection c, OutboxRows rows, OutboxEntry entry) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(rows.insertSql())) {
      rows.bind(ps, entry, "{}");
      return ps.executeUpdate();
    }
  }

  private static List<String> outboxIds(Connection c) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT action_id FROM journey_outbox ORDER BY action_id")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
