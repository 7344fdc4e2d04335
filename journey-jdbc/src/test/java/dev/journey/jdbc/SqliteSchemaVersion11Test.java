package dev.journey.jdbc;

import static dev.journey.jdbc.SqliteOldFiles.SUBJECTS;
import static dev.journey.jdbc.SqliteOldFiles.T0;
import static dev.journey.jdbc.SqliteOldFiles.engine;
import static dev.journey.jdbc.SqliteOldFiles.form;
import static dev.journey.jdbc.SqliteOldFiles.subject;
import static dev.journey.jdbc.SqliteOldFiles.writeAndCopy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalIdConflictException;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Schema;
import dev.journey.testkit.clock.VirtualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schema version 11 on SQLite: the inbox keeps a fingerprint's hexadecimal digits as the bytes
 * they spell. A file written at version 10 (the rows of real commits, copied into a database
 * migrated only to 10) migrates in place, reads back as it was written, and still tells a
 * redelivery from a reused id; a library of version 10 refuses the migrated file.
 */
final class SqliteSchemaVersion11Test {
  private final VirtualClock clock = VirtualClock.at(T0);
  private final JdbcPool written = TestDatabases.freshSqlite("v11-written");
  private final JdbcPool old = TestDatabases.freshSqlite("v11-old");

  @AfterEach
  void close() {
    written.close();
    old.close();
  }

  /** {@link SqliteOldFiles#writeAndCopy} into a file of version 10. */
  private JdbcJourneyStore writeAndCopyIntoVersion10() throws SQLException {
    JdbcJourneyStore source = writeAndCopy(written, "v11-written", old, 10, clock);
    // the copy is a version 10 file: every fingerprint is its text of 32 digits
    assertThat(fingerprintTypes(old)).hasSize(SUBJECTS).containsOnly("text 32");
    return source;
  }

  /** The storage class and length of every inbox fingerprint of {@code pool}'s file. */
  private static List<String> fingerprintTypes(JdbcPool pool) throws SQLException {
    List<String> types = new ArrayList<>();
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT typeof(fingerprint), length(fingerprint) FROM journey_inbox")) {
      while (rs.next()) {
        types.add(rs.getString(1) + " " + rs.getInt(2));
      }
    }
    return types;
  }

  @Test
  void should_migrate_a_version_10_file_in_place_and_read_back_every_fingerprint_as_written()
      throws SQLException {
    // given
    JdbcJourneyStore source = writeAndCopyIntoVersion10();
    // when
    JdbcJourneyStore migrated = JdbcJourneyStore.builder(old).clock(clock).build();
    // then: every fingerprint is now its 16 bytes, as the store writes them
    assertThat(migrated.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
    assertThat(fingerprintTypes(old)).hasSize(SUBJECTS).containsOnly("blob 16");
    assertThat(fingerprintTypes(written)).hasSize(SUBJECTS).containsOnly("blob 16");
    // and every row reads as the store that wrote it reads it: the same fingerprint text
    for (int i = 0; i < SUBJECTS; i++) {
      SubjectRef s = subject(i);
      SubjectLookup lookup = migrated.lookup(s, "form-" + i);
      assertThat(lookup).isEqualTo(source.lookup(s, "form-" + i));
      assertThat(lookup.inbox().orElseThrow().fingerprint())
          .contains(form("form-" + i, s, T0.plusSeconds(i)).fingerprint());
      assertThat(migrated.load(s)).isPresent().isEqualTo(source.load(s));
      assertThat(migrated.audit(s)).hasSize(1).isEqualTo(source.audit(s));
    }
    assertThat(migrated.pendingActions()).hasSize(SUBJECTS).isEqualTo(source.pendingActions());
  }

  @Test
  void should_take_a_redelivery_as_a_duplicate_and_a_reused_id_as_a_conflict_after_the_migration()
      throws SQLException {
    // given a migrated version 10 file
    writeAndCopyIntoVersion10();
    JdbcJourneyStore migrated = JdbcJourneyStore.builder(old).clock(clock).build();
    JourneyEngine engine = engine(migrated, clock);
    // when a signal processed before the migration comes again, stamped later
    SignalResult again = engine.accept(form("form-3", subject(3), T0.plusSeconds(300)));
    // then it is a duplicate and adds no action
    assertThat(again.status()).isEqualTo(SignalResult.Status.DUPLICATE);
    assertThat(migrated.pendingActions()).hasSize(SUBJECTS);
    // when another signal reuses a migrated id with other content
    Signal reused =
        Signal.builder().id("form-4").subject(subject(4)).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(T0).source("another-source").build();
    // then it is a conflict, as before the migration
    assertThatThrownBy(() -> engine.accept(reused)).isInstanceOf(SignalIdConflictException.class);
    // and a signal committed after the migration is a duplicate when it comes again
    engine.accept(form("form-new", subject(SUBJECTS), T0.plusSeconds(61)));
    assertThat(engine.accept(form("form-new", subject(SUBJECTS), T0.plusSeconds(62))).status())
        .isEqualTo(SignalResult.Status.DUPLICATE);
    assertThat(fingerprintTypes(old)).hasSize(SUBJECTS + 1).containsOnly("blob 16");
  }

  @Test
  void should_be_refused_by_a_library_of_version_10() throws SQLException {
    // given a database at version 11
    try (Connection c = written.getConnection()) {
      Schema.migrate(c, Dialect.SQLITE, T0, 11);
    }
    try (Connection c = written.getConnection()) {
      // when a library that knows version 10 at most opens it, then it refuses and changes nothing
      assertThatThrownBy(() -> Schema.migrate(c, Dialect.SQLITE, T0, 10))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("must be at most 10")
          .hasMessageContaining("but was 11");
      assertThat(Schema.currentVersion(c)).isEqualTo(11);
    }
    assertThat(fingerprintTypes(written)).isEmpty();
  }
}
