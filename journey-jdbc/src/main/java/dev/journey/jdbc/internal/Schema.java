package dev.journey.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The store's tables and their migrations. Each migration is a list of idempotent statements
 * ({@code IF NOT EXISTS}); applied versions are recorded in {@code journey_schema_version}, so a
 * library upgrade migrates an existing database in place and an older library refuses a newer
 * schema instead of corrupting it.
 */
public final class Schema {
  /** The schema version this library writes. */
  public static final int CURRENT_VERSION = 12;

  private Schema() {}

  private static List<String> migration(int version, Dialect dialect) {
    String text = dialect.textType();
    String identity = dialect.identityKey();
    if (version == 1) {
      return List.of(
          "CREATE TABLE IF NOT EXISTS journey_inbox ("
              + " signal_id VARCHAR(256) PRIMARY KEY,"
              + " subject VARCHAR(200) NOT NULL,"
              + " received_at BIGINT NOT NULL)",
          "CREATE INDEX IF NOT EXISTS journey_inbox_subject ON journey_inbox (subject)",
          "CREATE INDEX IF NOT EXISTS journey_inbox_received ON journey_inbox (received_at)",
          "CREATE TABLE IF NOT EXISTS journey_snapshot ("
              + " subject VARCHAR(200) PRIMARY KEY,"
              + " version BIGINT NOT NULL,"
              + " doc_version INT NOT NULL,"
              + " doc " + text + " NOT NULL,"
              + " updated_at BIGINT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS journey_shared ("
              + " shared_key VARCHAR(256) PRIMARY KEY,"
              + " version BIGINT NOT NULL,"
              + " doc_version INT NOT NULL,"
              + " doc " + text + " NOT NULL)",
          "CREATE TABLE IF NOT EXISTS journey_timer ("
              + " id " + identity + ","
              + " subject VARCHAR(200) NOT NULL,"
              + " name VARCHAR(256) NOT NULL,"
              + " generation BIGINT NOT NULL,"
              + " due_at BIGINT NOT NULL,"
              + " lease_until BIGINT,"
              + " lease_owner VARCHAR(128),"
              + " doc_version INT NOT NULL,"
              + " doc " + text + " NOT NULL,"
              + " CONSTRAINT journey_timer_unique UNIQUE (subject, name, generation))",
          "CREATE INDEX IF NOT EXISTS journey_timer_due ON journey_timer (due_at)",
          "CREATE TABLE IF NOT EXISTS journey_outbox ("
              + " action_id VARCHAR(256) PRIMARY KEY,"
              + " subject VARCHAR(200) NOT NULL,"
              + " seq BIGINT NOT NULL,"
              + " next_attempt_at BIGINT NOT NULL,"
              + " lease_until BIGINT,"
              + " lease_owner VARCHAR(128),"
              + " doc_version INT NOT NULL,"
              + " doc " + text + " NOT NULL,"
              + " CONSTRAINT journey_outbox_order UNIQUE (subject, seq))",
          "CREATE INDEX IF NOT EXISTS journey_outbox_ready ON journey_outbox (next_attempt_at)",
          "CREATE TABLE IF NOT EXISTS journey_dead_letter ("
              + " action_id VARCHAR(256) PRIMARY KEY,"
              + " subject VARCHAR(200) NOT NULL,"
              + " dead_at BIGINT NOT NULL,"
              + " doc_version INT NOT NULL,"
              + " doc " + text + " NOT NULL)",
          "CREATE INDEX IF NOT EXISTS journey_dead_letter_subject ON journey_dead_letter (subject)",
          "CREATE TABLE IF NOT EXISTS journey_audit ("
              + " id " + identity + ","
              + " subject VARCHAR(200) NOT NULL,"
              + " recorded_at BIGINT NOT NULL,"
              + " doc_version INT NOT NULL,"
              + " doc " + text + " NOT NULL)",
          "CREATE INDEX IF NOT EXISTS journey_audit_subject ON journey_audit (subject, id)",
          "CREATE INDEX IF NOT EXISTS journey_audit_recorded ON journey_audit (recorded_at)");
    }
    if (version == 2) {
      // Content fingerprints in the inbox (same id, other content is a conflict) and the
      // quarantine for poison inputs. SQLite has no ADD COLUMN IF NOT EXISTS; the migration runs
      // once, in the transaction that records its version, so the plain form is as safe there.
      return List.of(
          dialect == Dialect.SQLITE
              ? "ALTER TABLE journey_inbox ADD COLUMN fingerprint VARCHAR(64)"
              : "ALTER TABLE journey_inbox ADD COLUMN IF NOT EXISTS fingerprint VARCHAR(64)",
          "CREATE TABLE IF NOT EXISTS journey_quarantine ("
              + " kind VARCHAR(32) NOT NULL,"
              + " input_id VARCHAR(512) NOT NULL,"
              + " subject VARCHAR(200),"
              + " reason " + text + " NOT NULL,"
              + " content " + text + " NOT NULL,"
              + " attempts INT NOT NULL,"
              + " quarantined_at BIGINT NOT NULL,"
              + " PRIMARY KEY (kind, input_id))",
          "CREATE INDEX IF NOT EXISTS journey_quarantine_subject ON journey_quarantine (subject)",
          "CREATE INDEX IF NOT EXISTS journey_quarantine_at ON journey_quarantine (quarantined_at)");
    }
    if (version == 3) {
      // Audit documents carry the stage inputs (shared reads, owner and calendar facts) from here
      // on, which an older library cannot read: the version bump makes it refuse the database
      // instead. The signal id finds the audit of one decision (journey reproduce <decision-id>).
      return List.of(
          dialect == Dialect.SQLITE
              ? "ALTER TABLE journey_audit ADD COLUMN signal_id VARCHAR(256)"
              : "ALTER TABLE journey_audit ADD COLUMN IF NOT EXISTS signal_id VARCHAR(256)",
          "CREATE INDEX IF NOT EXISTS journey_audit_signal ON journey_audit (signal_id)");
    }
    if (version == 4) {
      // Several journeys per subject: each audit row names the journey whose decision it records
      // (NULL in rows written before). A snapshot written by one journey alone is, unchanged, the
      // primary journey's part of a snapshot of several, so snapshot rows need no rewrite; the
      // version bump makes an older library, which would drop the further journeys' states,
      // refuse the database instead.
      return List.of(
          dialect == Dialect.SQLITE
              ? "ALTER TABLE journey_audit ADD COLUMN journey VARCHAR(64)"
              : "ALTER TABLE journey_audit ADD COLUMN IF NOT EXISTS journey VARCHAR(64)");
    }
    if (version == 5) {
      // The identity graph: aliases (hashed emails, CRM ids of other systems, product user ids,
      // company domains), the rows merges leave behind and contacts' links to their company.
      return List.of(
          "CREATE TABLE IF NOT EXISTS journey_alias ("
              + " alias_type VARCHAR(64) NOT NULL,"
              + " alias_value VARCHAR(256) NOT NULL,"
              + " subject VARCHAR(200) NOT NULL,"
              + " created_at BIGINT NOT NULL,"
              + " PRIMARY KEY (alias_type, alias_value))",
          "CREATE INDEX IF NOT EXISTS journey_alias_subject ON journey_alias (subject)");
    }
    if (version == 6) {
      // Deployments as data: one document per journey (versions, live, candidate, history),
      // changed with compare-and-set on its revision.
      return List.of(
          "CREATE TABLE IF NOT EXISTS journey_deployment ("
              + " journey VARCHAR(64) PRIMARY KEY,"
              + " revision BIGINT NOT NULL,"
              + " doc_version INT NOT NULL,"
              + " doc " + text + " NOT NULL,"
              + " updated_at BIGINT NOT NULL)");
    }
    if (version == 7) {
      // The archive of rule-set sources by content hash (DRL files and the journey file they were
      // used with), so that a decision can be recomputed from its audit record and the store.
      return List.of(
          "CREATE TABLE IF NOT EXISTS journey_rule_set_source ("
              + " hash VARCHAR(128) PRIMARY KEY,"
              + " name VARCHAR(64) NOT NULL,"
              + " version VARCHAR(64) NOT NULL,"
              + " archived_at BIGINT NOT NULL,"
              + " doc_version INT NOT NULL,"
              + " doc " + text + " NOT NULL)");
    }
    if (version == 8) {
      // PostgreSQL: the timer claim's index covers its whole ORDER BY (due, subject, name,
      // generation), so a claim reads its rows in order and stops at its limit; on due_at alone
      // it sorted every timer due at the same instant (a campaign's) before taking the first
      // ones, once per claim. It replaces the index on due_at alone (a prefix of it). The
      // embedded databases keep theirs.
      return dialect == Dialect.POSTGRESQL
          ? List.of(
              "CREATE INDEX IF NOT EXISTS journey_timer_due_order"
                  + " ON journey_timer (due_at, subject, name, generation)",
              "DROP INDEX IF EXISTS journey_timer_due")
          : List.of();
    }
    if (version == 9) {
      return dialect == Dialect.SQLITE ? sqliteVersion9() : List.of();
    }
    if (version == 10) {
      return dialect == Dialect.SQLITE ? sqliteVersion10() : List.of();
    }
    if (version == 11) {
      return dialect == Dialect.SQLITE ? sqliteVersion11() : List.of();
    }
    if (version == 12) {
      return dialect == Dialect.POSTGRESQL ? postgresVersion12() : List.of();
    }
    throw new IllegalArgumentException("no migration to schema version " + version);
  }

  /**
   * SQLite: fewer B-trees written per commit, so fewer pages in each group's WAL frames. The
   * inbox becomes a {@code WITHOUT ROWID} table keyed by its signal id (one B-tree where the rowid
   * table and its primary key's index were two, both written at random keys by every signal) and
   * loses its index on the subject, which served only erasure (that scans the inbox now, see
   * {@code docs/benchmarks.md}). The timer claim's index covers its whole ORDER BY (due, subject,
   * name, generation), as on PostgreSQL since version 8, so a claim reads its rows in order and
   * stops at its limit instead of sorting every due timer. SQLite cannot change a table to
   * {@code WITHOUT ROWID} in place: the inbox is copied into a new table, which then takes the
   * old one's name, in the migration's one transaction. H2 and PostgreSQL have nothing to do.
   */
  private static List<String> sqliteVersion9() {
    return List.of(
        "CREATE TABLE journey_inbox_v9 ("
            + " signal_id VARCHAR(256) NOT NULL PRIMARY KEY,"
            + " subject VARCHAR(200) NOT NULL,"
            + " received_at BIGINT NOT NULL,"
            + " fingerprint VARCHAR(64)) WITHOUT ROWID",
        "INSERT INTO journey_inbox_v9 (signal_id, subject, received_at, fingerprint)"
            + " SELECT signal_id, subject, received_at, fingerprint FROM journey_inbox",
        "DROP TABLE journey_inbox",
        "ALTER TABLE journey_inbox_v9 RENAME TO journey_inbox",
        "CREATE INDEX journey_inbox_received ON journey_inbox (received_at)",
        "CREATE INDEX IF NOT EXISTS journey_timer_due_order"
            + " ON journey_timer (due_at, subject, name, generation)",
        "DROP INDEX IF EXISTS journey_timer_due");
  }

  /**
   * SQLite: the outbox's action ids are indexed by a 64-bit key ({@link ActionKeys}) instead of
   * their text. The primary key on {@code action_id} was the largest B-tree written per commit
   * (0.72 WAL frames per signal: an index of 36-character random keys, one random leaf per
   * action); an index of 8-byte integers has about a quarter of its pages, so a group's inserts
   * share more of them. The id stays unique: the insert refuses an id already present ({@code
   * WHERE NOT EXISTS} the same key and id), and every lookup compares the full id. The outbox is
   * copied into a new table, which then takes the old one's name; {@link #migrate} then sets the
   * copied rows' keys, which SQL cannot compute, in the same transaction. H2 keeps its primary
   * key.
   */
  private static List<String> sqliteVersion10() {
    return List.of(
        "CREATE TABLE journey_outbox_v10 ("
            + " action_key INTEGER NOT NULL,"
            + " action_id VARCHAR(256) NOT NULL,"
            + " subject VARCHAR(200) NOT NULL,"
            + " seq BIGINT NOT NULL,"
            + " next_attempt_at BIGINT NOT NULL,"
            + " lease_until BIGINT,"
            + " lease_owner VARCHAR(128),"
            + " doc_version INT NOT NULL,"
            + " doc TEXT NOT NULL,"
            + " CONSTRAINT journey_outbox_order UNIQUE (subject, seq))",
        "INSERT INTO journey_outbox_v10 (action_key, action_id, subject, seq, next_attempt_at,"
            + " lease_until, lease_owner, doc_version, doc)"
            + " SELECT 0, action_id, subject, seq, next_attempt_at, lease_until, lease_owner,"
            + " doc_version, doc FROM journey_outbox ORDER BY rowid",
        "DROP TABLE journey_outbox",
        "ALTER TABLE journey_outbox_v10 RENAME TO journey_outbox",
        "CREATE INDEX journey_outbox_ready ON journey_outbox (next_attempt_at)",
        "CREATE INDEX journey_outbox_key ON journey_outbox (action_key)");
  }

  /**
   * PostgreSQL: updates that stay on their page and index no new entry (heap-only tuples), and
   * one index fewer written per signal. A timer's lease (its claim) and a snapshot's new version
   * update columns no index covers, but on full pages every new row version went to another page
   * and took a new entry in every index of its table: the timer table's three, the snapshot's
   * primary key. Free space on each page (fill factor 50 for timers, whose every row is leased
   * once, as a whole new version, before its completion deletes it; 80 for snapshots, updated
   * again and again) lets PostgreSQL keep the new version beside the old one (see {@code
   * docs/benchmarks.md}, round 13, for the counts). The fill factor applies to pages
   * written from now on; existing pages keep their rows until they are rewritten. The inbox loses
   * its index on the subject, as SQLite's did at version 9: every signal wrote an entry in it and
   * only erasure read it, which scans the inbox now. The statements change options and drop an
   * index, so they take a moment whatever the tables' size.
   */
  private static List<String> postgresVersion12() {
    return List.of(
        "ALTER TABLE journey_timer SET (fillfactor = 50)",
        "ALTER TABLE journey_snapshot SET (fillfactor = 80)",
        "DROP INDEX IF EXISTS journey_inbox_subject");
  }

  /**
   * SQLite: the inbox stores a fingerprint of lower-case hexadecimal digits as the bytes they
   * spell ({@link Fingerprints}), a BLOB of 16 bytes instead of a text of 32 characters. The
   * inbox is a {@code WITHOUT ROWID} B-tree written at a new key by every signal, so a smaller
   * row is fewer pages per group; reads turn the bytes back into the same text, so a redelivery
   * is a duplicate or a conflict exactly as before. The rows already there are converted in
   * place by one UPDATE with SQLite's {@code unhex()} (SQLite 3.41 or later, which {@link
   * #migrate} checks first); a fingerprint that is not such digits (none the library wrote) stays
   * text. H2 and PostgreSQL have nothing to do: their version 11 only records the number.
   */
  private static List<String> sqliteVersion11() {
    return List.of(
        "UPDATE journey_inbox SET fingerprint = unhex(fingerprint)"
            + " WHERE typeof(fingerprint) = 'text' AND length(fingerprint) > 0"
            + " AND length(fingerprint) % 2 = 0 AND fingerprint NOT GLOB '*[^0-9a-f]*'");
  }

  /**
   * Refuses to migrate SQLite to version 11 with a SQLite older than 3.41, which has no {@code
   * unhex()}, with a message that says so instead of SQLite's "no such function".
   */
  private static void requireUnhex(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
      rs.next();
      String version = rs.getString(1);
      String[] parts = version.split("\\.");
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      if (major < 3 || (major == 3 && minor < 41)) {
        throw new SQLException(
            "schema version 11 needs SQLite 3.41 or later (unhex), but the driver's SQLite is "
                + version
                + ": use the sqlite-jdbc version journey-jdbc declares",
            "0A000");
      }
    }
  }

  /** Sets the key of every outbox row {@link #sqliteVersion10} copied. */
  private static void keyCopiedOutbox(Connection connection) throws SQLException {
    try (Statement select = connection.createStatement();
        ResultSet rs = select.executeQuery("SELECT rowid, action_id FROM journey_outbox");
        PreparedStatement update =
            connection.prepareStatement("UPDATE journey_outbox SET action_key = ? WHERE rowid = ?")) {
      while (rs.next()) {
        update.setLong(1, ActionKeys.of(rs.getString(2)));
        update.setLong(2, rs.getLong(1));
        update.executeUpdate();
      }
    }
  }

  /**
   * Creates or migrates the schema to {@link #CURRENT_VERSION}.
   *
   * @return the version found before migrating (0 for an empty database)
   * @throws SQLException when the database holds a newer schema than this library knows, or SQL
   *     fails
   */
  public static int migrate(Connection connection, Dialect dialect, Instant now)
      throws SQLException {
    return migrate(connection, dialect, now, CURRENT_VERSION);
  }

  /**
   * Creates or migrates the schema to {@code target}, an older version than {@link
   * #CURRENT_VERSION} when a test or tool needs a database as an older library left it.
   *
   * @return the version found before migrating (0 for an empty database)
   * @throws IllegalArgumentException when {@code target} is not between 1 and {@link
   *     #CURRENT_VERSION}
   * @throws SQLException when the database holds a newer schema than {@code target}, or SQL fails
   */
  public static int migrate(Connection connection, Dialect dialect, Instant now, int target)
      throws SQLException {
    if (target < 1 || target > CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "target must be between 1 and " + CURRENT_VERSION + ", but was " + target);
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement st = connection.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS journey_schema_version ("
              + " version INT PRIMARY KEY, applied_at BIGINT NOT NULL)");
      connection.commit();
      if (dialect == Dialect.POSTGRESQL) {
        // Serializes concurrent migrators (several instances starting at once).
        st.execute("LOCK TABLE journey_schema_version IN EXCLUSIVE MODE");
      }
      int found = currentVersion(connection);
      if (found > target) {
        throw new SQLException(
            String.format(
                Locale.ROOT,
                "database schema version must be at most %d (this library), but was %d: upgrade"
                    + " the journey-jdbc library",
                target,
                found),
            "0A000");
      }
      for (int version = found + 1; version <= target; version++) {
        if (version == 11 && dialect == Dialect.SQLITE) {
          requireUnhex(connection);
        }
        for (String sql : migration(version, dialect)) {
          st.execute(sql);
        }
        if (version == 10 && dialect == Dialect.SQLITE) {
          keyCopiedOutbox(connection);
        }
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO journey_schema_version (version, applied_at) VALUES (?, ?)")) {
          insert.setInt(1, version);
          insert.setLong(2, Instants.key(now));
          insert.executeUpdate();
        }
      }
      connection.commit();
      return found;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The highest recorded schema version, 0 when none. */
  public static int currentVersion(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT MAX(version) FROM journey_schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** The store's tables, children first (for dropping in tests and tools). */
  public static List<String> tables() {
    return List.of(
        "journey_inbox",
        "journey_snapshot",
        "journey_shared",
        "journey_timer",
        "journey_outbox",
        "journey_dead_letter",
        "journey_audit",
        "journey_quarantine",
        "journey_alias",
        "journey_deployment",
        "journey_rule_set_source",
        "journey_schema_version");
  }
}
