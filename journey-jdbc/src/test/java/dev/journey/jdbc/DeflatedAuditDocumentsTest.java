package dev.journey.jdbc;

import static dev.journey.jdbc.SqliteOldFiles.T0;
import static dev.journey.jdbc.SqliteOldFiles.engine;
import static dev.journey.jdbc.SqliteOldFiles.form;
import static dev.journey.jdbc.SqliteOldFiles.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.spi.AuditRecord;
import dev.journey.jdbc.internal.Documents;
import dev.journey.testkit.clock.VirtualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SQLite's audit documents (schema version 11) are stored deflated, as {@link
 * Documents#DEFLATED_VERSION}; H2 keeps the JSON text of {@link Documents#VERSION}. Either reads
 * back as the record committed.
 */
final class DeflatedAuditDocumentsTest {
  private final VirtualClock clock = VirtualClock.at(T0);
  private final JdbcPool sqlite = TestDatabases.freshSqlite("deflated-audit");
  private final JdbcPool h2 = TestDatabases.freshH2("deflated-audit");

  @AfterEach
  void close() {
    sqlite.close();
    h2.close();
  }

  /** A form and its timer's firing for three subjects, through an engine on {@code pool}. */
  private JdbcJourneyStore decide(JdbcPool pool) {
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).build();
    JourneyEngine engine = engine(store, clock);
    for (int i = 0; i < 3; i++) {
      engine.accept(form("form-" + i, subject(i), T0.plusSeconds(i)));
    }
    clock.advance(Duration.ofHours(1));
    assertThat(engine.fireDueTimers()).isEqualTo(3);
    return store;
  }

  /** Each audit row's version, storage class and size, in order. */
  private static List<String> stored(JdbcPool pool) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT doc_version, doc FROM journey_audit ORDER BY id")) {
      while (rs.next()) {
        Object doc = rs.getObject(2);
        rows.add(rs.getInt(1) + (doc instanceof byte[] b ? " bytes " + b.length : " text " + doc.toString().length()));
      }
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    }
    return rows;
  }

  @Test
  void should_store_sqlite_audit_documents_deflated_to_under_a_third_of_their_json_and_read_them_back()
      throws SQLException {
    // when the same decisions are committed on SQLite and on H2
    JdbcJourneyStore onSqlite = decide(sqlite);
    clock.set(T0);
    JdbcJourneyStore onH2 = decide(h2);
    // then SQLite keeps deflated bytes, H2 the JSON text
    List<String> deflated = stored(sqlite);
    List<String> json = stored(h2);
    assertThat(deflated).hasSize(6).allSatisfy(r -> assertThat(r).startsWith("2 bytes "));
    assertThat(json).hasSize(6).allSatisfy(r -> assertThat(r).startsWith("1 text "));
    for (int i = 0; i < 6; i++) {
      int bytes = Integer.parseInt(deflated.get(i).substring("2 bytes ".length()));
      int chars = Integer.parseInt(json.get(i).substring("1 text ".length()));
      assertThat(bytes * 3).isLessThan(chars);
    }
    // and both read back the same records, every one of them
    for (int i = 0; i < 3; i++) {
      List<AuditRecord> records = onSqlite.audit(subject(i));
      assertThat(records).hasSize(2).isEqualTo(onH2.audit(subject(i)));
      assertThat(onSqlite.auditOf("form-" + i)).isEqualTo(onH2.auditOf("form-" + i)).hasSize(1);
    }
    assertThat(onSqlite.auditAll(10)).hasSize(6).isEqualTo(onH2.auditAll(10));
  }

  @Test
  void should_fail_the_read_of_a_damaged_deflated_document_with_a_specific_message() throws SQLException {
    // given an audit document whose deflated bytes were cut short
    JdbcJourneyStore store = decide(sqlite);
    try (Connection c = sqlite.getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.executeUpdate(
          "UPDATE journey_audit SET doc = substr(doc, 1, length(doc) / 2) WHERE signal_id = 'form-1'");
    }
    // when / then
    assertThatThrownBy(() -> store.auditOf("form-1"))
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("audit of signal form-1 must hold a complete deflated document");
    assertThat(store.auditOf("form-2")).hasSize(1);
  }
}
