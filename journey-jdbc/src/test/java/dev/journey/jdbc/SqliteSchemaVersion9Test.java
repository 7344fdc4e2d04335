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

import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Schema;
import dev.journey.testkit.clock.VirtualClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schema version 9 on SQLite: the inbox as a {@code WITHOUT ROWID} table without its subject
 * index, and the timer claim's index over its whole ORDER BY. A file written at version 8 (the
 * rows of real commits, copied into a database migrated only to 8) migrates in place and reads
 * back as it was written.
 */
final class SqliteSchemaVersion9Test {
  private final VirtualClock clock = VirtualClock.at(T0);
  private final JdbcPool written = TestDatabases.freshSqlite("v9-written");
  private final JdbcPool old = TestDatabases.freshSqlite("v9-old");

  @AfterEach
  void close() {
    written.close();
    old.close();
  }

  /** {@link SqliteOldFiles#writeAndCopy} into a file of version 8. */
  private JdbcJourneyStore writeAndCopyIntoVersion8() throws SQLException {
    JdbcJourneyStore source = writeAndCopy(written, "v9-written", old, 8, clock);
    try (Connection c = old.getConnection()) {
      // the copy is a version 8 file: the inbox a rowid table with its subject index
      assertThat(objects(c)).containsKeys("journey_inbox_subject", "journey_timer_due");
      assertThat(objects(c).get("journey_inbox")).doesNotContain("WITHOUT ROWID");
    }
    return source;
  }

  @Test
  void should_migrate_a_version_8_file_in_place_and_read_back_every_row() throws SQLException {
    // given
    JdbcJourneyStore source = writeAndCopyIntoVersion8();
    // when
    JdbcJourneyStore migrated = JdbcJourneyStore.builder(old).clock(clock).build();
    // then: the new layout
    assertThat(migrated.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION).isGreaterThanOrEqualTo(9);
    try (Connection c = old.getConnection()) {
      Map<String, String> objects = objects(c);
      assertThat(objects.get("journey_inbox")).contains("WITHOUT ROWID");
      assertThat(objects)
          .containsKeys("journey_inbox_received", "journey_timer_due_order")
          .doesNotContainKeys("journey_inbox_subject", "journey_timer_due", "journey_inbox_v9");
    }
    // and every row reads as the store that wrote it reads it
    for (int i = 0; i < SUBJECTS; i++) {
      SubjectRef s = subject(i);
      assertThat(migrated.load(s)).isPresent().isEqualTo(source.load(s));
      assertThat(migrated.lookup(s, "form-" + i)).isEqualTo(source.lookup(s, "form-" + i));
      assertThat(migrated.lookup(s, "form-" + i).inbox()).isPresent();
      assertThat(migrated.audit(s)).hasSize(1).isEqualTo(source.audit(s));
    }
    assertThat(migrated.pendingActions()).hasSize(SUBJECTS).isEqualTo(source.pendingActions());
    assertThat(migrated.nextTimerDue()).contains(T0.plus(Duration.ofMinutes(10)));
  }

  @Test
  void should_carry_on_after_the_migration_with_duplicates_timers_and_erasure() throws SQLException {
    // given a migrated version 8 file
    writeAndCopyIntoVersion8();
    JdbcJourneyStore migrated = JdbcJourneyStore.builder(old).clock(clock).build();
    JourneyEngine engine = engine(migrated, clock);
    // when a signal processed before the migration comes again
    SignalResult again = engine.accept(form("form-3", subject(3), T0.plusSeconds(3)));
    // then it is a duplicate (its inbox row was copied)
    assertThat(again.status()).isEqualTo(SignalResult.Status.DUPLICATE);
    // when the timers fall due
    clock.advance(Duration.ofHours(1));
    int fired = engine.fireDueTimers();
    // then every migrated timer fires once
    assertThat(fired).isEqualTo(SUBJECTS);
    assertThat(migrated.nextTimerDue()).isEmpty();
    assertThat(migrated.load(subject(7)).orElseThrow().counter("breaches")).isEqualTo(1L);
    // when a subject is erased
    int erased = migrated.erase(subject(5));
    // then its rows are gone, the inbox's included, without the subject index; the others stay
    assertThat(erased).isPositive();
    assertThat(migrated.load(subject(5))).isEmpty();
    assertThat(inboxRows(subject(5))).isZero();
    assertThat(inboxRows(subject(6))).isPositive();
  }

  private long inboxRows(SubjectRef subject) throws SQLException {
    try (Connection c = old.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM journey_inbox WHERE subject = ?")) {
      ps.setString(1, subject.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void should_answer_the_timer_claim_from_its_index_in_order_without_sorting() throws SQLException {
    // given
    JdbcJourneyStore.builder(written).clock(clock).build();
    // when
    List<String> plan = new ArrayList<>();
    try (Connection c = written.getConnection();
        PreparedStatement ps =
            c.prepareStatement("EXPLAIN QUERY PLAN " + Claims.claimTimersSql(Dialect.SQLITE))) {
      ps.setLong(1, 1L);
      ps.setLong(2, 1L);
      ps.setInt(3, 512);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.add(rs.getString("detail"));
        }
      }
    }
    // then
    assertThat(plan).anySatisfy(d -> assertThat(d).contains("journey_timer_due_order"));
    assertThat(plan).noneSatisfy(d -> assertThat(d).contains("TEMP B-TREE"));
  }
}
