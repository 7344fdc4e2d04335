package dev.journey.jdbc;

import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.Fingerprints;
import dev.journey.jdbc.internal.Instants;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The row writes the commit, merge and outbox paths share: the inbox insert, the snapshot
 * compare-and-set, the timer changes, the outbox and audit inserts. Each runs in its caller's
 * transaction.
 */
final class RowWrites {
  static final String INSERT_INBOX =
      "INSERT INTO journey_inbox (signal_id, subject, received_at, fingerprint) VALUES (?, ?, ?, ?)";
  static final String INSERT_SNAPSHOT =
      "INSERT INTO journey_snapshot (subject, version, doc_version, doc, updated_at)"
          + " VALUES (?, ?, ?, ?, ?)";
  static final String UPDATE_SNAPSHOT =
      "UPDATE journey_snapshot SET version = ?, doc_version = ?, doc = ?, updated_at = ?"
          + " WHERE subject = ? AND version = ?";
  static final String DELETE_TIMER =
      "DELETE FROM journey_timer WHERE subject = ? AND name = ? AND generation = ?";
  static final String INSERT_TIMER =
      "INSERT INTO journey_timer (subject, name, generation, due_at, lease_until,"
          + " doc_version, doc) VALUES (?, ?, ?, ?, NULL, ?, ?)";
  static final String INSERT_AUDIT =
      "INSERT INTO journey_audit (subject, recorded_at, doc_version, doc, signal_id, journey)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  private final Dialect dialect;
  private final Documents docs;
  private final OutboxRows outbox;

  RowWrites(Dialect dialect, Documents docs) {
    this.dialect = dialect;
    this.docs = docs;
    this.outbox = new OutboxRows(dialect);
  }

  /**
   * Records {@code signalId} as processed for {@code subject}.
   *
   * @return {@code false} when the signal id was already there (a duplicate)
   */
  boolean insertInbox(Connection c, String signalId, String subject, Instant at, String fingerprint)
      throws SQLException {
    return Sql.insertOnce(
        c,
        dialect,
        INSERT_INBOX,
        ps -> {
          ps.setString(1, signalId);
          ps.setString(2, subject);
          ps.setLong(3, Instants.key(at));
          Fingerprints.bind(ps, 4, fingerprint, dialect);
        });
  }

  /**
   * Writes {@code snapshot} as {@code subject}'s with compare-and-set: inserted once when {@code
   * expected} is 0, else updated from version {@code expected}; false when another writer won.
   */
  boolean writeSnapshot(Connection c, String subject, JourneySnapshot snapshot, long expected)
      throws SQLException {
    if (expected == 0) {
      return Sql.insertOnce(
          c,
          dialect,
          INSERT_SNAPSHOT,
          ps -> {
            ps.setString(1, subject);
            ps.setLong(2, snapshot.version());
            ps.setInt(3, Documents.VERSION);
            ps.setString(4, docs.write(snapshot));
            ps.setLong(5, Instants.key(snapshot.updatedAt()));
          });
    }
    return Sql.update(
            c,
            UPDATE_SNAPSHOT,
            Sql.params(
                snapshot.version(),
                Documents.VERSION,
                docs.write(snapshot),
                Instants.key(snapshot.updatedAt()),
                subject,
                expected))
        == 1;
  }

  /**
   * Applies {@code subject}'s timer changes: every change first removes a row of the same name
   * and generation (a re-schedule of the same generation replaces it, as in memory), then the
   * scheduled ones are inserted.
   */
  void applyTimers(Connection c, String subject, List<TimerChange> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    Sql.batch(
        c,
        DELETE_TIMER,
        changes,
        (ps, change) -> {
          ps.setString(1, subject);
          ps.setString(2, change.name());
          ps.setLong(3, change.generation());
        });
    List<PendingTimer> scheduled = new ArrayList<>(changes.size());
    for (TimerChange change : changes) {
      if (change instanceof TimerChange.Scheduled s) {
        scheduled.add(s.timer());
      }
    }
    Sql.batch(
        c,
        INSERT_TIMER,
        scheduled,
        (ps, timer) -> {
          ps.setString(1, subject);
          ps.setString(2, timer.name());
          ps.setLong(3, timer.generation());
          ps.setLong(4, Instants.key(timer.dueAt()));
          ps.setInt(5, Documents.VERSION);
          ps.setString(6, docs.write(timer));
        });
  }

  /** Inserts {@code entries} into the outbox, unleased. */
  void insertOutbox(Connection c, List<OutboxEntry> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    if (entries.size() == 1) {
      insertOutbox(c, entries.get(0));
      return;
    }
    int[] counts =
        Sql.batch(c, outbox.insertSql(), entries, (ps, entry) -> outbox.bind(ps, entry, docs.write(entry)));
    List<String> ids = new ArrayList<>(entries.size());
    for (OutboxEntry entry : entries) {
      ids.add(entry.actionId());
    }
    outbox.checkInserted(counts, ids);
  }

  /** Inserts one outbox entry, unleased. */
  void insertOutbox(Connection c, OutboxEntry entry) throws SQLException {
    outbox.checkInserted(
        Sql.update(c, outbox.insertSql(), ps -> outbox.bind(ps, entry, docs.write(entry))),
        entry.actionId());
  }

  /**
   * Inserts a commit's audit records under {@code subject}, stamped {@code at}: one statement
   * for a single record, one batch for more.
   */
  void insertAudits(
      Connection c, String subject, Instant at, AuditRecord first, List<AuditRecord> more)
      throws SQLException {
    if (more.isEmpty()) {
      Sql.execute(c, INSERT_AUDIT, ps -> bindAudit(ps, subject, at, first));
      return;
    }
    List<AuditRecord> all = new ArrayList<>(1 + more.size());
    all.add(first);
    all.addAll(more);
    Sql.batch(c, INSERT_AUDIT, all, (ps, audit) -> bindAudit(ps, subject, at, audit));
  }

  private void bindAudit(PreparedStatement ps, String subject, Instant at, AuditRecord audit)
      throws SQLException {
    ps.setString(1, subject);
    ps.setLong(2, Instants.key(at));
    ps.setInt(3, Documents.VERSION);
    ps.setString(4, docs.write(audit));
    ps.setString(5, audit.signal().id());
    if (audit.journey().isEmpty()) {
      ps.setNull(6, Types.VARCHAR);
    } else {
      ps.setString(6, audit.journey().get());
    }
  }
}
