package dev.journey.jdbc;

import dev.journey.core.Alias;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.PendingTimer;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.Fingerprints;
import dev.journey.jdbc.internal.Instants;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A group of commits written with JDBC batch statements: one statement per table and kind of
 * write for the whole group (inbox, snapshot compare-and-set, timers, outbox, audit) instead of
 * one per signal, inside the group's transaction.
 *
 * <p>Per-signal semantics are those of the commits one after the other: the inbox and the
 * snapshot versions are read first (in the transaction), a signal id already in the inbox is a
 * duplicate, a snapshot compare-and-set whose update count is 0 (or a first snapshot whose row
 * exists) is a conflict, and only the winners' rows are written. The batched path takes only
 * groups where that is exact — distinct subjects, distinct signal ids, no shared-state writes —
 * and gives up, its transaction rolled back, on anything it cannot decide alone (a batch
 * statement failing, say on a duplicate action id, a row inserted meanwhile by another
 * transaction, a first snapshot for a subject merged away, a driver not reporting update
 * counts): the caller then runs the group one savepoint per commit, which decides each of those
 * for its own commit.
 */
final class BatchedGroup {
  private static final String INSERT_SNAPSHOT = RowWrites.INSERT_SNAPSHOT;
  private static final String UPDATE_SNAPSHOT = RowWrites.UPDATE_SNAPSHOT;
  private static final String TOUCH_SNAPSHOT = CommitPipeline.TOUCH_SNAPSHOT;
  private static final String INSERT_INBOX = RowWrites.INSERT_INBOX;
  private static final String DELETE_TIMER = RowWrites.DELETE_TIMER;
  private static final String INSERT_TIMER = RowWrites.INSERT_TIMER;
  private static final String INSERT_AUDIT = RowWrites.INSERT_AUDIT;

  private final Documents docs;
  private final boolean auditEnabled;
  private final OutboxRows outbox;
  private final Dialect dialect;
  private final AtomicLong groups = new AtomicLong();

  BatchedGroup(Documents docs, boolean auditEnabled, Dialect dialect) {
    this.docs = docs;
    this.dialect = dialect;
    this.auditEnabled = auditEnabled;
    this.outbox = new OutboxRows(dialect);
  }

  /** How many groups were written as batches (the others ran one savepoint per commit). */
  long written() {
    return groups.get();
  }

  /** One commit of a group with its documents written once, before any statement runs. */
  record Item(
      int index,
      Commit commit,
      String subject,
      Optional<String> snapshotDoc,
      List<String> timerDocs,
      List<String> outboxDocs,
      List<String> auditDocs,
      String fingerprint) {}

  /**
   * Returns {@code true} when the batched path is exact for {@code group}: more than one commit,
   * distinct subjects and signal ids, no shared-state writes.
   */
  static boolean eligible(List<Commit> group) {
    if (group.size() < 2) {
      return false;
    }
    // the subjects themselves, not their text: no string built and hashed per commit
    Set<SubjectRef> subjects = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (Commit commit : group) {
      if (!commit.sharedWrites().isEmpty()
          || !subjects.add(commit.signal().subject())
          || !ids.add(commit.signal().id())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes the {@link #eligible} {@code group} in {@code c}'s transaction, which must hold nothing
   * else yet, and returns one result per commit, in order; or, with the transaction rolled back,
   * empty when the group must be run one commit at a time. A rollback instead of a savepoint: on
   * SQLite the driver's savepoint formatted two names and parsed a statement per group, under the
   * writer's lock.
   *
   * <p>{@code written} holds, per commit, its documents when its committing thread wrote them
   * before it queued (outside the writer's lock); the others are written here.
   *
   * @throws SQLException when even the rollback fails (the connection is lost)
   */
  Optional<List<CommitResult>> write(
      Connection c, List<Commit> group, List<Optional<Docs>> written) throws SQLException {
    if (written.size() != group.size()) {
      throw new IllegalArgumentException(
          "documents for " + written.size() + " of " + group.size() + " commits");
    }
    List<Item> items = new ArrayList<>(group.size());
    try {
      for (int i = 0; i < group.size(); i++) {
        Optional<Docs> own = written.get(i);
        Commit commit = group.get(i);
        items.add(item(i, commit, own.isPresent() ? own.get() : docs(docs, auditEnabled, commit)));
      }
    } catch (SQLException | RuntimeException e) {
      return Optional.empty(); // a document that cannot be written fails its own commit there
    }
    try {
      Optional<List<CommitResult>> results = writeItems(c, items);
      if (results.isEmpty()) {
        c.rollback();
      } else {
        groups.incrementAndGet();
      }
      return results;
    } catch (SQLException e) {
      c.rollback();
      return Optional.empty();
    }
  }

  /**
   * The documents of one commit, as a group writes them, and its signal's fingerprint (a SHA-256
   * of the content), so that a thread writing them before it queues spares the group's writer
   * that work too.
   */
  record Docs(
      Optional<String> snapshot,
      List<String> timers,
      List<String> outbox,
      List<String> audits,
      String fingerprint) {}

  /** Writes {@code commit}'s documents (the audit ones only when audit is on) and fingerprint. */
  static Docs docs(Documents docs, boolean auditEnabled, Commit commit) throws SQLException {
    Optional<String> snapshot =
        commit.changesSnapshot() ? Optional.of(docs.write(commit.snapshot())) : Optional.empty();
    List<String> timers = new ArrayList<>();
    for (TimerChange change : commit.timerChanges()) {
      if (change instanceof TimerChange.Scheduled scheduled) {
        timers.add(docs.write(scheduled.timer()));
      }
    }
    List<String> outbox = new ArrayList<>(commit.outbox().size());
    for (OutboxEntry entry : commit.outbox()) {
      outbox.add(docs.write(entry));
    }
    List<String> audits = new ArrayList<>(1 + commit.moreAudits().size());
    if (auditEnabled) {
      audits.add(docs.write(commit.audit()));
      for (AuditRecord more : commit.moreAudits()) {
        audits.add(docs.write(more));
      }
    }
    return new Docs(snapshot, timers, outbox, audits, commit.signal().fingerprint());
  }

  /** The {@code index}-th item of a group: {@code commit} with its written {@code docs}. */
  static Item item(int index, Commit commit, Docs docs) {
    return new Item(
        index,
        commit,
        commit.signal().subject().toString(),
        docs.snapshot(),
        docs.timers(),
        docs.outbox(),
        docs.audits(),
        docs.fingerprint());
  }

  /** What the snapshots of a group's candidates need: a first insert, a compare-and-set, a touch. */
  record Writes(List<Item> inserts, List<Item> updates, List<Item> touches) {}

  /**
   * The items whose signal id is not in {@code seen}, in subject order (concurrent groups lock
   * rows in one order); the others are marked duplicates in {@code results}.
   */
  static List<Item> candidates(List<Item> items, Set<String> seen, CommitResult[] results) {
    List<Item> candidates = new ArrayList<>(items.size());
    for (Item item : items) {
      if (seen.contains(item.commit().signal().id())) {
        results[item.index()] = CommitResult.DUPLICATE;
      } else {
        candidates.add(item);
      }
    }
    candidates.sort(Comparator.comparing(Item::subject));
    return candidates;
  }

  /**
   * Splits {@code candidates} by what their snapshot needs. A first snapshot for a subject in
   * {@code stored} is a conflict, and a first commit that stores no snapshot is committed with
   * nothing to write; both are marked in {@code results}.
   */
  static Writes writes(List<Item> candidates, Set<String> stored, CommitResult[] results) {
    List<Item> inserts = new ArrayList<>();
    List<Item> updates = new ArrayList<>();
    List<Item> touches = new ArrayList<>();
    for (Item item : candidates) {
      Commit commit = item.commit();
      if (commit.expectedVersion() == 0) {
        if (stored.contains(item.subject())) {
          results[item.index()] = CommitResult.CONFLICT;
        } else if (commit.changesSnapshot()) {
          inserts.add(item);
        } else {
          results[item.index()] = CommitResult.COMMITTED; // nothing stored, nothing to write
        }
      } else if (commit.changesSnapshot()) {
        updates.add(item);
      } else {
        touches.add(item);
      }
    }
    return new Writes(inserts, updates, touches);
  }

  private Optional<List<CommitResult>> writeItems(Connection c, List<Item> items)
      throws SQLException {
    CommitResult[] results = new CommitResult[items.size()];
    // 1. the inbox: a signal id already processed is a duplicate
    Set<String> seen = existing(c, "SELECT signal_id FROM journey_inbox WHERE signal_id IN (",
        items.stream().map(i -> i.commit().signal().id()).toList(), 0);
    List<Item> candidates = candidates(items, seen, results);
    // 2. the snapshot compare-and-set, in subject order (concurrent groups lock rows in one order)
    List<Item> firsts = candidates.stream().filter(i -> i.commit().expectedVersion() == 0).toList();
    Set<String> stored = existing(c, "SELECT subject FROM journey_snapshot WHERE subject IN (",
        firsts.stream().map(Item::subject).toList(), 0);
    Writes writes = writes(candidates, stored, results);
    List<Item> inserts = writes.inserts();
    List<Item> updates = writes.updates();
    List<Item> touches = writes.touches();
    if (!inserts.isEmpty()) {
      int[] counts =
          Sql.batch(
              c,
              INSERT_SNAPSHOT,
              inserts,
              (ps, item) -> {
                ps.setString(1, item.subject());
                ps.setLong(2, item.commit().snapshot().version());
                ps.setInt(3, Documents.VERSION);
                ps.setString(4, item.snapshotDoc().orElseThrow());
                ps.setLong(5, Instants.key(item.commit().snapshot().updatedAt()));
              });
      if (!allOne(counts)) {
        return Optional.empty();
      }
      // a first snapshot for a subject merged away must not come back: its commit alone decides
      List<String> aliasKeys = new ArrayList<>(inserts.size() + 1);
      aliasKeys.add(Alias.SUBJECT);
      inserts.forEach(i -> aliasKeys.add(i.subject()));
      Set<String> merged = existing(c,
          "SELECT alias_value FROM journey_alias WHERE alias_type = ? AND alias_value IN (",
          aliasKeys, 1);
      if (!merged.isEmpty()) {
        return Optional.empty();
      }
      for (Item item : inserts) {
        results[item.index()] = CommitResult.COMMITTED;
      }
    }
    if (!casBatch(c, UPDATE_SNAPSHOT, updates, results, true)
        || !casBatch(c, TOUCH_SNAPSHOT, touches, results, false)) {
      return Optional.empty();
    }
    // 3. the winners' rows, in the group's order (as one after the other would number them)
    List<Item> winners = new ArrayList<>(candidates.size());
    for (Item item : items) {
      if (results[item.index()] == CommitResult.COMMITTED) {
        winners.add(item);
      }
    }
    insertInbox(c, winners);
    applyTimers(c, winners);
    insertOutbox(c, winners);
    if (auditEnabled) {
      insertAudits(c, winners);
    }
    return Optional.of(Arrays.asList(results));
  }

  /**
   * The values that {@code selectIn} (ending in "IN (") finds among {@code params} after its
   * first {@code fixed} ones, which bind the query's other parameters. The list has {@link
   * #inListSize} placeholders, the last value repeated in the spare ones.
   */
  private static Set<String> existing(
      Connection c, String selectIn, List<String> params, int fixed) throws SQLException {
    Set<String> found = new HashSet<>();
    if (params.size() == fixed) {
      return found;
    }
    int slots = inListSize(params.size() - fixed);
    StringBuilder sql = new StringBuilder(selectIn);
    for (int i = 0; i < slots; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    String last = params.get(params.size() - 1);
    found.addAll(
        Sql.list(
            c,
            sql.toString(),
            ps -> {
              for (int i = 0; i < fixed + slots; i++) {
                ps.setString(i + 1, i < params.size() ? params.get(i) : last);
              }
            },
            rs -> rs.getString(1)));
    return found;
  }

  /**
   * The placeholders of an {@code IN} list for {@code values} values: the next power of two, so
   * that groups of any size up to 2<sup>k</sup> share k + 1 statement texts and the kept
   * statements of a connection ({@link StatementCache}, at most {@value StatementCache#MAX}) hold
   * them all instead of one text, and one compilation, per group size.
   */
  static int inListSize(int values) {
    if (values < 1) {
      throw new IllegalArgumentException("values must be >= 1, but was " + values);
    }
    int high = Integer.highestOneBit(values);
    return high == values ? values : high << 1;
  }

  /**
   * Runs the compare-and-set updates of {@code items} as one batch: an update count of 1 commits,
   * 0 is a conflict; {@code false} when the driver reports anything else.
   */
  private static boolean casBatch(
      Connection c, String sql, List<Item> items, CommitResult[] results, boolean withDoc)
      throws SQLException {
    if (items.isEmpty()) {
      return true;
    }
    int[] counts =
        Sql.batch(
            c,
            sql,
            items,
            (ps, item) -> {
              Commit commit = item.commit();
              if (withDoc) {
                ps.setLong(1, commit.snapshot().version());
                ps.setInt(2, Documents.VERSION);
                ps.setString(3, item.snapshotDoc().orElseThrow());
                ps.setLong(4, Instants.key(commit.snapshot().updatedAt()));
                ps.setString(5, item.subject());
                ps.setLong(6, commit.expectedVersion());
              } else {
                ps.setString(1, item.subject());
                ps.setLong(2, commit.expectedVersion());
              }
            });
    if (counts.length != items.size()) {
      return false;
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0 && counts[i] != 1) {
        return false;
      }
      results[items.get(i).index()] = counts[i] == 1 ? CommitResult.COMMITTED : CommitResult.CONFLICT;
    }
    return true;
  }

  private static boolean allOne(int[] counts) {
    for (int count : counts) {
      if (count != 1) {
        return false;
      }
    }
    return true;
  }

  private void insertInbox(Connection c, List<Item> winners) throws SQLException {
    Sql.batch(
        c,
        INSERT_INBOX,
        winners,
        (ps, item) -> {
          Commit commit = item.commit();
          ps.setString(1, commit.signal().id());
          ps.setString(2, item.subject());
          ps.setLong(3, Instants.key(commit.audit().recordedAt()));
          Fingerprints.bind(ps, 4, item.fingerprint(), dialect);
        });
  }

  /** One row of a batch: the item it comes from and the index of its document in that item. */
  private record Part<T>(Item item, T value, int doc) {}

  /** Every change first removes its name and generation's row, then the schedules are inserted. */
  private static void applyTimers(Connection c, List<Item> winners) throws SQLException {
    List<Part<TimerChange>> changes = new ArrayList<>();
    List<Part<PendingTimer>> schedules = new ArrayList<>();
    for (Item item : winners) {
      int doc = 0;
      for (TimerChange change : item.commit().timerChanges()) {
        changes.add(new Part<>(item, change, -1));
        if (change instanceof TimerChange.Scheduled s) {
          schedules.add(new Part<>(item, s.timer(), doc++));
        }
      }
    }
    Sql.batch(
        c,
        DELETE_TIMER,
        changes,
        (ps, part) -> {
          ps.setString(1, part.item().subject());
          ps.setString(2, part.value().name());
          ps.setLong(3, part.value().generation());
        });
    Sql.batch(
        c,
        INSERT_TIMER,
        schedules,
        (ps, part) -> {
          PendingTimer timer = part.value();
          ps.setString(1, part.item().subject());
          ps.setString(2, timer.name());
          ps.setLong(3, timer.generation());
          ps.setLong(4, Instants.key(timer.dueAt()));
          ps.setInt(5, Documents.VERSION);
          ps.setString(6, part.item().timerDocs().get(part.doc()));
        });
  }

  private void insertOutbox(Connection c, List<Item> winners) throws SQLException {
    List<Part<OutboxEntry>> entries = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Item item : winners) {
      List<OutboxEntry> own = item.commit().outbox();
      for (int i = 0; i < own.size(); i++) {
        entries.add(new Part<>(item, own.get(i), i));
        ids.add(own.get(i).actionId());
      }
    }
    int[] counts =
        Sql.batch(
            c,
            outbox.insertSql(),
            entries,
            (ps, part) -> outbox.bind(ps, part.value(), part.item().outboxDocs().get(part.doc())));
    outbox.checkInserted(counts, ids);
  }

  private static void insertAudits(Connection c, List<Item> winners) throws SQLException {
    List<Part<AuditRecord>> records = new ArrayList<>();
    for (Item item : winners) {
      Commit commit = item.commit();
      records.add(new Part<>(item, commit.audit(), 0));
      List<AuditRecord> more = commit.moreAudits();
      for (int i = 0; i < more.size(); i++) {
        records.add(new Part<>(item, more.get(i), i + 1));
      }
    }
    Sql.batch(
        c,
        INSERT_AUDIT,
        records,
        (ps, part) -> {
          AuditRecord audit = part.value();
          ps.setString(1, part.item().subject());
          ps.setLong(2, Instants.key(part.item().commit().audit().recordedAt()));
          ps.setInt(3, Documents.VERSION);
          ps.setString(4, part.item().auditDocs().get(part.doc()));
          ps.setString(5, audit.signal().id());
          if (audit.journey().isEmpty()) {
            ps.setNull(6, Types.VARCHAR);
          } else {
            ps.setString(6, audit.journey().get());
          }
        });
  }
}
