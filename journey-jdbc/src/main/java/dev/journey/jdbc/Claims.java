package dev.journey.jdbc;

import dev.journey.core.SubjectRef;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.PendingTimer;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.Instants;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Leased claims of due timers and ready outbox entries: select the candidates, lease them with an
 * optimistic conditional update (on PostgreSQL the select also locks them, {@code FOR UPDATE SKIP
 * LOCKED}) and return the rows this claimer won; and the release of this instance's leases.
 */
final class Claims {
  private final Transactions tx;
  private final Dialect dialect;
  private final OutboxRows outbox;
  private final Documents docs;
  private final String instanceId;

  Claims(Transactions tx, Documents docs, String instanceId) {
    this.tx = tx;
    this.dialect = tx.dialect();
    this.outbox = new OutboxRows(dialect);
    this.docs = docs;
    this.instanceId = instanceId;
  }

  /**
   * The timer claim's query (parameters: now, now, limit); package-private for the test that
   * checks with {@code EXPLAIN} that PostgreSQL answers it from
   * {@code journey_timer_due_order} (schema 8 on PostgreSQL, 9 on SQLite).
   */
  static String claimTimersSql(Dialect dialect) {
    return "SELECT id, subject, doc_version, doc FROM journey_timer"
        + " WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)"
        + " ORDER BY due_at, subject, name, generation"
        + " LIMIT ?"
        + (dialect.skipLocked() ? " FOR UPDATE SKIP LOCKED" : "");
  }

  /**
   * The outbox claim's query (parameters: now, now, limit): the ready head of each subject's
   * queue; package-private for the test that checks its plan with {@code EXPLAIN}.
   */
  static String claimActionsSql(Dialect dialect) {
    return "SELECT o.action_id, o.subject, o.doc_version, o.doc FROM journey_outbox o"
        + " WHERE o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until <= ?)"
        + " AND NOT EXISTS (SELECT 1 FROM journey_outbox p"
        + "   WHERE p.subject = o.subject AND p.seq < o.seq)"
        + " ORDER BY o.next_attempt_at, o.subject, o.seq LIMIT ?"
        + (dialect.skipLocked() ? " FOR UPDATE OF o SKIP LOCKED" : "");
  }

  /**
   * PostgreSQL's claim and lease of due timers as one statement (parameters: lease until, owner,
   * now, now, limit): the rows {@link #claimTimersSql} selects and locks are leased by their
   * {@code ctid} (a TID scan, whatever plan the server keeps), and returned in the claim's order.
   * One execution and one round trip per claim instead of one lease update per row.
   */
  static String claimAndLeaseTimersSql() {
    return "WITH c AS (UPDATE journey_timer SET lease_until = ?, lease_owner = ?"
        + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM journey_timer"
        + " WHERE due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)"
        + " ORDER BY due_at, subject, name, generation LIMIT ? FOR UPDATE SKIP LOCKED))"
        + " RETURNING id, subject, doc_version, doc, due_at, name, generation)"
        + " SELECT id, subject, doc_version, doc FROM c ORDER BY due_at, subject, name, generation";
  }

  /**
   * PostgreSQL's claim and lease of ready outbox entries as one statement, as {@link
   * #claimAndLeaseTimersSql} for {@link #claimActionsSql}.
   */
  static String claimAndLeaseActionsSql() {
    return "WITH c AS (UPDATE journey_outbox SET lease_until = ?, lease_owner = ?"
        + " WHERE ctid = ANY(ARRAY(SELECT o.ctid FROM journey_outbox o"
        + " WHERE o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until <= ?)"
        + " AND NOT EXISTS (SELECT 1 FROM journey_outbox p"
        + "   WHERE p.subject = o.subject AND p.seq < o.seq)"
        + " ORDER BY o.next_attempt_at, o.subject, o.seq LIMIT ? FOR UPDATE OF o SKIP LOCKED))"
        + " RETURNING action_id, subject, doc_version, doc, next_attempt_at, seq)"
        + " SELECT action_id, subject, doc_version, doc FROM c ORDER BY next_attempt_at, subject, seq";
  }

  List<DueTimer> claimDueTimers(Instant now, Duration lease, int limit) {
    return claim(
        "claimDueTimers",
        now,
        lease,
        limit,
        claimTimersSql(dialect),
        claimAndLeaseTimersSql(),
        "journey_timer",
        "id = ?",
        rs -> new Row(rs.getLong(1), null, rs.getString(2), rs.getInt(3), rs.getString(4)),
        row ->
            new DueTimer(
                SubjectRef.parse(row.subject()),
                docs.read(row.doc(), row.docVersion(), PendingTimer.class, "timer of " + row.subject())));
  }

  List<OutboxEntry> claimActions(Instant now, Duration lease, int limit) {
    return claim(
        "claimActions",
        now,
        lease,
        limit,
        claimActionsSql(dialect),
        claimAndLeaseActionsSql(),
        "journey_outbox",
        outbox.whereId(),
        rs -> new Row(0, rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)),
        row -> docs.read(row.doc(), row.docVersion(), OutboxEntry.class, "outbox entry " + row.textId()));
  }

  /** The due time of the earliest timer, leased or not. */
  Optional<Instant> nextTimerDue() {
    return tx.write(
        "nextTimerDue",
        c ->
            Sql.one(
                c,
                "SELECT subject, doc_version, doc FROM journey_timer ORDER BY due_at LIMIT 1",
                Sql.NONE,
                rs ->
                    docs.read(rs.getString(3), rs.getInt(2), PendingTimer.class, "timer of " + rs.getString(1))
                        .dueAt()));
  }

  /** Releases the timer and outbox leases held under this instance id; returns how many. */
  int releaseLeases() {
    return tx.write(
        "releaseLeases",
        c -> {
          int released = 0;
          for (String table : List.of("journey_timer", "journey_outbox")) {
            released +=
                Sql.update(
                    c,
                    "UPDATE " + table + " SET lease_until = NULL, lease_owner = NULL WHERE lease_owner = ?",
                    Sql.params(instanceId));
          }
          return released;
        });
  }

  /** A claimed candidate row: a numeric id (timers) or a text id (outbox). */
  private record Row(long id, String textId, String subject, int docVersion, String doc) {}

  /** A row mapper that may throw. */
  @FunctionalInterface
  private interface SqlFunction<A, B> {
    B apply(A a) throws SQLException;
  }

  /**
   * Selects due rows with {@code select} (parameters: now, now, limit), leases them and maps the
   * rows this claimer won, in one transaction; on PostgreSQL both with {@code claimAndLease}
   * (parameters: until, owner, now, now, limit), whose rows are all this claimer's: the select
   * locked them.
   */
  private <T> List<T> claim(
      String operation,
      Instant now,
      Duration lease,
      int limit,
      String select,
      String claimAndLease,
      String table,
      String idWhere,
      Sql.Row<Row> readRow,
      SqlFunction<Row, T> map) {
    Objects.requireNonNull(now, "now");
    checkLease(lease, limit);
    long nowKey = Instants.key(now);
    long until = Instants.key(now.plus(lease));
    return tx.write(
        operation,
        c -> {
          if (dialect == Dialect.POSTGRESQL) {
            List<Row> rows =
                Sql.list(c, claimAndLease, Sql.params(until, instanceId, nowKey, nowKey, limit), readRow);
            List<T> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
              result.add(map.apply(row));
            }
            return result;
          }
          List<Row> rows = Sql.list(c, select, Sql.params(nowKey, nowKey, limit), readRow);
          List<T> result = new ArrayList<>(rows.size());
          if (rows.isEmpty()) {
            return result;
          }
          int[] counts =
              Sql.batch(
                  c,
                  "UPDATE " + table + " SET lease_until = ?, lease_owner = ? WHERE " + idWhere
                      + " AND (lease_until IS NULL OR lease_until <= ?)",
                  rows,
                  (ps, row) -> {
                    ps.setLong(1, until);
                    ps.setString(2, instanceId);
                    int next;
                    if (row.textId() != null) {
                      next = outbox.bindId(ps, 3, row.textId());
                    } else {
                      ps.setLong(3, row.id());
                      next = 4;
                    }
                    ps.setLong(next, nowKey);
                  });
          // leased optimistically: a row another claimer leased meanwhile reports 0
          for (int count : counts) {
            if (count == PreparedStatement.SUCCESS_NO_INFO) {
              throw new SQLException("the driver did not report update counts of a batch", "0A000");
            }
          }
          for (int i = 0; i < rows.size(); i++) {
            if (counts[i] == 1) {
              result.add(map.apply(rows.get(i)));
            }
          }
          return result;
        });
  }

  private static void checkLease(Duration lease, int limit) {
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be > 0, but was " + lease);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, but was " + limit);
    }
  }
}
