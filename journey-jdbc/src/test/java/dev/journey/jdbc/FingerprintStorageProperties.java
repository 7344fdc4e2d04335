package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Fingerprints;
import dev.journey.jdbc.internal.Schema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The inbox's fingerprint column on SQLite (schema version 11): whatever text is stored, the
 * store reads back exactly that text (the reference model: the text itself), and the version-11
 * migration's SQL stores a version-10 row as the store itself now would (bytes or text alike).
 */
final class FingerprintStorageProperties {
  private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

  @Provide
  Arbitrary<String> fingerprints() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(0).ofMaxLength(40),
        Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(0).ofMaxLength(40),
        Arbitraries.strings().withChars("0123456789abcdefg -\u00e9").ofMinLength(0).ofMaxLength(40),
        Arbitraries.strings().ofMinLength(0).ofMaxLength(40));
  }

  @Property(tries = 200)
  void should_read_back_the_text_stored_and_migrate_a_version_10_row_as_the_store_writes_it(
      @ForAll("fingerprints") String fingerprint) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      // given a version 10 inbox row with the fingerprint's text
      Schema.migrate(c, Dialect.SQLITE, T0, 10);
      c.setAutoCommit(true);
      insert(c, "old", fingerprint, Dialect.H2); // bound as text, as version 10 did
      // when the file migrates, and the store writes a row of its own
      Schema.migrate(c, Dialect.SQLITE, T0);
      c.setAutoCommit(true);
      insert(c, "new", fingerprint, Dialect.SQLITE);
      // then both read back as the text stored, and are stored alike
      assertThat(read(c, "old")).isEqualTo(fingerprint);
      assertThat(read(c, "new")).isEqualTo(fingerprint);
      assertThat(stored(c, "old")).isEqualTo(stored(c, "new"));
    }
  }

  @Example
  void should_store_a_signal_fingerprint_as_its_16_bytes() throws SQLException {
    String fingerprint = "0123456789abcdef0123456789abcdef";
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      Schema.migrate(c, Dialect.SQLITE, T0);
      c.setAutoCommit(true);
      insert(c, "s", fingerprint, Dialect.SQLITE);
      assertThat(stored(c, "s")).isEqualTo("blob 16");
      assertThat(read(c, "s")).isEqualTo(fingerprint);
    }
  }

  private static void insert(Connection c, String id, String fingerprint, Dialect dialect)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RowWrites.INSERT_INBOX)) {
      ps.setString(1, id);
      ps.setString(2, "contact:1");
      ps.setLong(3, 1);
      Fingerprints.bind(ps, 4, fingerprint, dialect);
      ps.executeUpdate();
    }
  }

  private static String read(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT fingerprint FROM journey_inbox WHERE signal_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Fingerprints.read(rs.getObject(1));
      }
    }
  }

  private static String stored(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT typeof(fingerprint) || ' ' || length(fingerprint) FROM journey_inbox WHERE signal_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
