package dev.journey.jdbc;

import dev.journey.core.Alias;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AliasChange;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.MergeCommit;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.Instants;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity graph: alias rows (resolve, list, attach and detach with a commit) and merges of
 * subjects into a survivor, each in a transaction of its own.
 */
final class Identity {
  private static final String OWNER =
      "SELECT subject FROM journey_alias WHERE alias_type = ? AND alias_value = ?";
  private static final String DELETE_ALIAS =
      "DELETE FROM journey_alias WHERE alias_type = ? AND alias_value = ?";
  private static final String INSERT_ALIAS =
      "INSERT INTO journey_alias (alias_type, alias_value, subject, created_at) VALUES (?, ?, ?, ?)";
  private static final String INSERT_PLACEHOLDER =
      "INSERT INTO journey_snapshot (subject, version, doc_version, doc, updated_at)"
          + " VALUES (?, 0, ?, ?, ?)";
  private static final String INSERT_MERGE_AUDIT =
      "INSERT INTO journey_audit (subject, recorded_at, doc_version, doc, signal_id) VALUES (?, ?, ?, ?, ?)";

  private final Transactions tx;
  private final Dialect dialect;
  private final OutboxRows outbox;
  private final Documents docs;
  private final RowWrites rows;
  private final CommitPipeline pipeline;
  private final Quarantine quarantine;
  private final boolean auditEnabled;

  Identity(
      Transactions tx,
      Documents docs,
      RowWrites rows,
      CommitPipeline pipeline,
      Quarantine quarantine,
      boolean auditEnabled) {
    this.tx = tx;
    this.dialect = tx.dialect();
    this.outbox = new OutboxRows(dialect);
    this.docs = docs;
    this.rows = rows;
    this.pipeline = pipeline;
    this.quarantine = quarantine;
    this.auditEnabled = auditEnabled;
  }

  /** Returns {@code true} when a merge left a subject row for {@code subject}. */
  static boolean mergedAway(Connection c, String subject) throws SQLException {
    return aliasOwner(c, Alias.SUBJECT, subject).isPresent();
  }

  /** The subjects {@code subject}'s alias rows of type subject name (those merged into it). */
  static List<String> absorbedInto(Connection c, String subject) throws SQLException {
    return Sql.list(
        c,
        "SELECT alias_value FROM journey_alias WHERE subject = ? AND alias_type = ?",
        Sql.params(subject, Alias.SUBJECT),
        rs -> rs.getString(1));
  }

  private static Optional<String> aliasOwner(Connection c, String type, String value) throws SQLException {
    return Sql.one(c, OWNER, Sql.params(type, value), rs -> rs.getString(1));
  }

  private static void putAlias(Connection c, Alias alias, String subject, Instant at) throws SQLException {
    Sql.execute(c, DELETE_ALIAS, Sql.params(alias.type(), alias.value()));
    Sql.execute(c, INSERT_ALIAS, Sql.params(alias.type(), alias.value(), subject, Instants.key(at)));
  }

  Optional<SubjectRef> resolve(Alias alias) {
    Objects.requireNonNull(alias, "alias");
    return tx.read("resolve", c -> aliasOwner(c, alias.type(), alias.value())).map(SubjectRef::parse);
  }

  List<Alias> aliases(SubjectRef subject) {
    String key = Objects.requireNonNull(subject, "subject").toString();
    return tx.read(
        "aliases",
        c -> {
          List<Alias> out =
              Sql.list(
                  c,
                  "SELECT alias_type, alias_value FROM journey_alias WHERE subject = ?"
                      + " ORDER BY alias_type, alias_value",
                  Sql.params(key),
                  rs -> Alias.of(rs.getString(1), rs.getString(2)));
          out.sort(null);
          return List.copyOf(out);
        });
  }

  /** {@code commit} plus alias rows, in one transaction of its own ({@code aliases} not empty). */
  CommitResult commit(Commit commit, List<AliasChange> aliases) {
    return tx.alone(
        "commit",
        c -> {
          CommitResult result = pipeline.commitIn(c, commit);
          if (result != CommitResult.COMMITTED) {
            return result;
          }
          Instant at = commit.audit().recordedAt();
          for (AliasChange change : aliases) {
            if (change instanceof AliasChange.Attach a) {
              String subject = a.subject().toString();
              Optional<String> owner = aliasOwner(c, a.alias().type(), a.alias().value());
              if (owner.isPresent() && !owner.get().equals(subject) && !a.replace()) {
                return CommitResult.CONFLICT;
              }
              if (owner.isEmpty() || !owner.get().equals(subject)) {
                putAlias(c, a.alias(), subject, at);
              }
            } else {
              Sql.execute(c, DELETE_ALIAS, Sql.params(change.alias().type(), change.alias().value()));
            }
          }
          return CommitResult.COMMITTED;
        });
  }

  CommitResult commitMerge(MergeCommit merge) {
    Objects.requireNonNull(merge, "merge");
    return tx.alone("commitMerge", c -> mergeIn(c, merge));
  }

  private CommitResult mergeIn(Connection c, MergeCommit merge) throws SQLException {
    String survivor = merge.survivor().toString();
    Instant at = merge.audit().isEmpty() ? merge.snapshot().updatedAt() : merge.audit().get(0).recordedAt();
    if (!rows.insertInbox(c, merge.signal().id(), survivor, at, merge.signal().fingerprint())) {
      return CommitResult.DUPLICATE;
    }
    if (merge.refused()) {
      insertAudits(c, merge);
      quarantine.quarantineIn(c, merge.review().get());
      return CommitResult.COMMITTED;
    }
    // the survivor's compare-and-set
    JourneySnapshot snapshot = merge.snapshot();
    boolean survivorOk = rows.writeSnapshot(c, survivor, snapshot, merge.expectedVersion());
    if (!survivorOk || mergedAway(c, survivor)) {
      return CommitResult.CONFLICT;
    }
    long sequence = snapshot.version() << 16;
    List<String> placeholders = new ArrayList<>();
    for (Map.Entry<SubjectRef, Long> e : merge.absorbed().entrySet()) {
      String absorbed = e.getKey().toString();
      // the absorbed subject's compare-and-set: its row is deleted at the expected version
      if (e.getValue() == 0) {
        // No row yet: insert a placeholder, deleted again before this transaction commits. A
        // concurrent first signal of the subject inserts the same key, so one waits for the other
        // (read committed cannot see an uncommitted insert, a unique index can): a signal that
        // inserted first makes this merge conflict and read again; a signal that comes second
        // waits, then finds the subject merged away and goes to the survivor.
        boolean placed =
            Sql.insertOnce(
                c,
                dialect,
                INSERT_PLACEHOLDER,
                ps -> {
                  ps.setString(1, absorbed);
                  ps.setInt(2, Documents.VERSION);
                  ps.setString(3, docs.write(JourneySnapshot.initial(e.getKey(), snapshot.state(), at)));
                  ps.setLong(4, Instants.key(at));
                });
        if (!placed) {
          return CommitResult.CONFLICT;
        }
        placeholders.add(absorbed);
      } else if (Sql.update(
              c,
              "DELETE FROM journey_snapshot WHERE subject = ? AND version = ?",
              Sql.params(absorbed, e.getValue()))
          != 1) {
        return CommitResult.CONFLICT;
      }
      if (mergedAway(c, absorbed)) {
        return CommitResult.CONFLICT;
      }
      Sql.execute(c, "DELETE FROM journey_timer WHERE subject = ?", Sql.params(absorbed));
      // pending actions move behind the survivor's, in the merge's version slot, ids unchanged
      List<OutboxEntry> moving =
          Sql.list(
              c,
              "SELECT action_id, doc, doc_version FROM journey_outbox WHERE subject = ? ORDER BY seq",
              Sql.params(absorbed),
              rs ->
                  docs.read(rs.getString(2), rs.getInt(3), OutboxEntry.class, "outbox entry " + rs.getString(1)));
      List<OutboxEntry> moved = new ArrayList<>(moving.size());
      for (OutboxEntry entry : moving) {
        moved.add(entry.rekeyed(merge.survivor(), sequence++));
      }
      Sql.batch(
          c,
          "UPDATE journey_outbox SET subject = ?, seq = ?, doc_version = ?, doc = ? WHERE "
              + outbox.whereId(),
          moved,
          (ps, entry) -> {
            ps.setString(1, survivor);
            ps.setLong(2, entry.sequence());
            ps.setInt(3, Documents.VERSION);
            ps.setString(4, docs.write(entry));
            outbox.bindId(ps, 5, entry.actionId());
          });
      // aliases: the company link, the absorbed subject's rows, its own subject row
      Optional<String> company = aliasOwner(c, Alias.ACCOUNT, absorbed);
      if (company.isPresent()) {
        Sql.execute(c, DELETE_ALIAS, Sql.params(Alias.ACCOUNT, absorbed));
        if (aliasOwner(c, Alias.ACCOUNT, survivor).isEmpty()) {
          putAlias(c, Alias.accountOf(merge.survivor()), company.get(), at);
        }
      }
      Sql.execute(c, "UPDATE journey_alias SET subject = ? WHERE subject = ?", Sql.params(survivor, absorbed));
      putAlias(c, Alias.subject(e.getKey()), survivor, at);
    }
    rows.applyTimers(c, survivor, merge.timerChanges());
    insertAudits(c, merge);
    Sql.batch(
        c,
        "DELETE FROM journey_snapshot WHERE subject = ? AND version = 0",
        placeholders,
        (ps, subject) -> ps.setString(1, subject));
    return CommitResult.COMMITTED;
  }

  private void insertAudits(Connection c, MergeCommit merge) throws SQLException {
    if (!auditEnabled) {
      return;
    }
    Sql.batch(
        c,
        INSERT_MERGE_AUDIT,
        merge.audit(),
        (ps, record) -> {
          ps.setString(1, record.before().subject().toString());
          ps.setLong(2, Instants.key(record.recordedAt()));
          ps.setInt(3, Documents.VERSION);
          ps.setString(4, docs.write(record));
          ps.setString(5, record.signal().id());
        });
  }
}
