package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Schema;
import dev.journey.testkit.clock.VirtualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SQLite files as an older library left them, for the schema-version tests: the rows of real
 * commits, written through today's store and copied into a database migrated only to the older
 * version.
 */
final class SqliteOldFiles {
  static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
  static final int SUBJECTS = 40;

  private SqliteOldFiles() {}

  /** An engine whose forms start a first-touch timer and notify the owner, breaches counted. */
  static JourneyEngine engine(JdbcJourneyStore store, VirtualClock clock) {
    JavaRuleSet rules =
        JavaRuleSet.builder("old-files", "1")
            .rule(
                "a form starts the first-touch timer and tells the owner",
                f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
                (f, d) ->
                    d.increment("forms", 1)
                        .startTimer("sla", f.signal().occurredAt().plus(Duration.ofMinutes(10)))
                        .notify("owner", "new form"))
            .rule("a breach is counted", f -> f.signal().isTimer(), (f, d) -> d.increment("breaches", 1))
            .build();
    return JourneyEngine.builder()
        .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules))
        .store(store)
        .clock(clock)
        .build();
  }

  static Signal form(String id, SubjectRef subject, Instant at) {
    return Signal.builder().id(id).subject(subject).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(at).source("hubspot").build();
  }

  static SubjectRef subject(int i) {
    return SubjectRef.contact("c" + i);
  }

  /** The columns of {@code table} in the attached database {@code schema}. */
  static List<String> columns(Connection c, String schema, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA " + schema + ".table_info(" + table + ")")) {
      while (rs.next()) {
        columns.add(rs.getString("name"));
      }
    }
    return columns;
  }

  /** The schema objects of the database behind {@code c}: name to its SQL. */
  static Map<String, String> objects(Connection c) throws SQLException {
    Map<String, String> objects = new TreeMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")) {
      while (rs.next()) {
        objects.put(rs.getString(1), rs.getString(2));
      }
    }
    return objects;
  }

  /**
   * Writes {@link #SUBJECTS} subjects' commits through a store on {@code written} (the pool of
   * {@code TestDatabases.freshSqlite(writtenName)}), then copies every row into {@code old},
   * migrated to {@code version} only; returns the writing store.
   */
  static JdbcJourneyStore writeAndCopy(
      JdbcPool written, String writtenName, JdbcPool old, int version, VirtualClock clock)
      throws SQLException {
    JdbcJourneyStore source = JdbcJourneyStore.builder(written).clock(clock).build();
    JourneyEngine engine = engine(source, clock);
    for (int i = 0; i < SUBJECTS; i++) {
      engine.accept(form("form-" + i, subject(i), T0.plusSeconds(i)));
    }
    try (Connection c = old.getConnection()) {
      Schema.migrate(c, Dialect.SQLITE, T0, version);
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("ATTACH DATABASE '" + TestDatabases.dir().resolve(writtenName + ".db") + "' AS src");
        for (String table : Schema.tables()) {
          if (table.equals("journey_schema_version")) {
            continue;
          }
          List<String> columns = columns(c, "main", table);
          String cols = String.join(", ", columns);
          String values = cols;
          if (table.equals("journey_inbox") && version < 11) {
            // before version 11 SQLite's inbox kept every fingerprint as its text
            values = cols.replace("fingerprint",
                "CASE typeof(fingerprint) WHEN 'blob' THEN lower(hex(fingerprint)) ELSE fingerprint END");
          }
          st.executeUpdate(
              "INSERT INTO main." + table + " (" + cols + ") SELECT " + values + " FROM src." + table);
        }
        st.execute("DETACH DATABASE src");
      }
      assertThat(Schema.currentVersion(c)).isEqualTo(version);
    }
    return source;
  }
}
