package dev.journey.jdbc;

import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.Instants;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outbox after a commit wrote it: delivered entries deleted, failed ones rescheduled, dead
 * letters kept, requeued and discarded. The claim is {@link Claims}'.
 */
final class Outbox {
  private static final String DELETE_LETTER = "DELETE FROM journey_dead_letter WHERE action_id = ?";

  private final Transactions tx;
  private final Dialect dialect;
  private final Documents docs;
  private final RowWrites rows;
  private final OutboxRows outbox;
  private final String deleteEntry;

  Outbox(Transactions tx, Documents docs, RowWrites rows) {
    this.tx = tx;
    this.dialect = tx.dialect();
    this.docs = docs;
    this.rows = rows;
    this.outbox = new OutboxRows(dialect);
    this.deleteEntry = "DELETE FROM journey_outbox WHERE " + outbox.whereId();
  }

  void markDone(String actionId) {
    Objects.requireNonNull(actionId, "actionId");
    tx.write("markDone", c -> Sql.update(c, deleteEntry, ps -> outbox.bindId(ps, 1, actionId)));
  }

  void retryLater(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    tx.write(
        "retryLater",
        c ->
            Sql.update(
                c,
                "UPDATE journey_outbox SET next_attempt_at = ?, lease_until = NULL, lease_owner = NULL,"
                    + " doc_version = ?, doc = ? WHERE " + outbox.whereId(),
                ps -> {
                  ps.setLong(1, Instants.key(entry.nextAttemptAt()));
                  ps.setInt(2, Documents.VERSION);
                  ps.setString(3, docs.write(entry));
                  outbox.bindId(ps, 4, entry.actionId());
                }));
  }

  void deadLetter(OutboxEntry entry, String reason, Instant at) {
    DeadLetter letter = new DeadLetter(entry, reason, at);
    tx.write(
        "deadLetter",
        c -> {
          Sql.update(c, deleteEntry, ps -> outbox.bindId(ps, 1, entry.actionId()));
          Sql.update(c, DELETE_LETTER, Sql.params(entry.actionId()));
          return Sql.update(
              c,
              "INSERT INTO journey_dead_letter (action_id, subject, dead_at, doc_version, doc)"
                  + " VALUES (?, ?, ?, ?, ?)",
              Sql.params(
                  entry.actionId(),
                  entry.subject().toString(),
                  Instants.key(at),
                  Documents.VERSION,
                  docs.write(letter)));
        });
  }

  List<DeadLetter> deadLetters() {
    return tx.write(
        "deadLetters",
        c ->
            Sql.list(
                c,
                "SELECT action_id, doc_version, doc FROM journey_dead_letter ORDER BY dead_at, action_id",
                Sql.NONE,
                rs -> docs.read(rs.getString(3), rs.getInt(2), DeadLetter.class, "dead letter " + rs.getString(1))));
  }

  boolean requeue(String actionId, Instant now) {
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(now, "now");
    return tx.write(
        "requeue",
        c -> {
          Optional<DeadLetter> found =
              Sql.one(
                  c,
                  "SELECT doc_version, doc FROM journey_dead_letter WHERE action_id = ?"
                      + (dialect.skipLocked() ? " FOR UPDATE" : ""),
                  Sql.params(actionId),
                  rs -> docs.read(rs.getString(2), rs.getInt(1), DeadLetter.class, "dead letter " + actionId));
          if (found.isEmpty() || Sql.update(c, DELETE_LETTER, Sql.params(actionId)) != 1) {
            return false;
          }
          OutboxEntry old = found.get().entry();
          rows.insertOutbox(c, new OutboxEntry(old.action(), old.sequence(), old.createdAt(), 0, now));
          return true;
        });
  }

  boolean discard(String actionId) {
    Objects.requireNonNull(actionId, "actionId");
    return tx.write("discard", c -> Sql.update(c, DELETE_LETTER, Sql.params(actionId)) > 0);
  }

  List<OutboxEntry> pendingActions() {
    List<OutboxEntry> all =
        tx.write(
            "pendingActions",
            c ->
                Sql.list(
                    c,
                    "SELECT action_id, doc_version, doc FROM journey_outbox ORDER BY subject, seq",
                    Sql.NONE,
                    rs ->
                        docs.read(
                            rs.getString(3), rs.getInt(2), OutboxEntry.class, "outbox entry " + rs.getString(1))));
    all.sort(Comparator.comparing(OutboxEntry::subject).thenComparingLong(OutboxEntry::sequence));
    return all;
  }
}
