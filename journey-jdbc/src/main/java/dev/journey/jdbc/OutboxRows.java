package dev.journey.jdbc;

import dev.journey.core.spi.OutboxEntry;
import dev.journey.jdbc.internal.ActionKeys;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.Instants;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * How the outbox's rows are inserted and found by action id in each dialect. On SQLite (schema
 * version 10) the rows carry an {@link ActionKeys 64-bit key} of their id, indexed instead of
 * the id's text, and the id's uniqueness is the insert's own check ({@code INSERT ... SELECT ...
 * WHERE NOT EXISTS} the same key and id): a row it refuses reports no change, which {@link
 * #checkInserted} turns into the unique-key violation the other dialects' primary key raises. H2
 * and PostgreSQL keep the primary key on {@code action_id}.
 */
final class OutboxRows {
  private static final String INSERT =
      "INSERT INTO journey_outbox (action_id, subject, seq, next_attempt_at, lease_until,"
          + " doc_version, doc) VALUES (?, ?, ?, ?, NULL, ?, ?)";
  private static final String INSERT_KEYED =
      "INSERT INTO journey_outbox (action_key, action_id, subject, seq, next_attempt_at,"
          + " lease_until, doc_version, doc) SELECT ?, ?, ?, ?, ?, NULL, ?, ?"
          + " WHERE NOT EXISTS (SELECT 1 FROM journey_outbox WHERE action_key = ? AND action_id = ?)";

  private final boolean keyed;

  OutboxRows(Dialect dialect) {
    this.keyed = dialect == Dialect.SQLITE;
  }

  /** The INSERT of one row, bound by {@link #bind}. */
  String insertSql() {
    return keyed ? INSERT_KEYED : INSERT;
  }

  /** Binds {@link #insertSql()}'s parameters: {@code entry}, unleased, with document {@code doc}. */
  void bind(PreparedStatement ps, OutboxEntry entry, String doc) throws SQLException {
    int i = 1;
    long key = 0;
    if (keyed) {
      key = ActionKeys.of(entry.actionId());
      ps.setLong(i++, key);
    }
    ps.setString(i++, entry.actionId());
    ps.setString(i++, entry.subject().toString());
    ps.setLong(i++, entry.sequence());
    ps.setLong(i++, Instants.key(entry.nextAttemptAt()));
    ps.setInt(i++, Documents.VERSION);
    ps.setString(i++, doc);
    if (keyed) {
      ps.setLong(i++, key);
      ps.setString(i, entry.actionId());
    }
  }

  /**
   * Checks the update counts of inserting {@code entries}: a row the keyed insert refused (its id
   * was there) is a unique-key violation (SQL state 23505), as the primary key reports it.
   */
  void checkInserted(int[] counts, List<String> actionIds) throws SQLException {
    if (!keyed) {
      return;
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        throw duplicate(actionIds.get(i));
      }
    }
  }

  /** As {@link #checkInserted} for one row's update count. */
  void checkInserted(int count, String actionId) throws SQLException {
    if (keyed && count == 0) {
      throw duplicate(actionId);
    }
  }

  private static SQLException duplicate(String actionId) {
    return new SQLException(
        "UNIQUE constraint failed: journey_outbox.action_id: action id '"
            + actionId
            + "' is already in the outbox",
        "23505");
  }

  /** The condition that finds the row of one action id, bound by {@link #bindId}. */
  String whereId() {
    return keyed ? "action_key = ? AND action_id = ?" : "action_id = ?";
  }

  /**
   * Binds {@link #whereId()}'s parameters from {@code index} on.
   *
   * @return the index of the next parameter
   */
  int bindId(PreparedStatement ps, int index, String actionId) throws SQLException {
    int i = index;
    if (keyed) {
      ps.setLong(i++, ActionKeys.of(actionId));
    }
    ps.setString(i++, actionId);
    return i;
  }
}
