package dev.journey.jdbc;

import dev.journey.core.Alias;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.PendingTimer;
import dev.journey.jdbc.BatchedGroup.Item;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.Instants;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A group of commits as PostgreSQL writes it: the same decisions as {@link BatchedGroup}, in
 * fewer round trips and far fewer statement executions. The inbox and first-snapshot checks are
 * one query, the first snapshots one multi-row insert, and the winners' inbox, timer, outbox and
 * audit rows one statement (inserts over {@code unnest} of array parameters, in data-modifying
 * {@code WITH} clauses), the timer deletes one statement; the snapshot compare-and-sets stay a
 * JDBC batch of primary-key statements, whose update counts decide each commit. A group of first signals costs
 * five round trips and its {@code COMMIT} (with {@link BatchedGroup}: ten and a savepoint), a
 * group of updates four; the server executes five to seven statements per group instead of six
 * per signal. The SQL does not depend on the group's size, so the driver keeps each statement
 * prepared on the server.
 *
 * <p>Per-signal semantics are {@link BatchedGroup}'s: a signal id already in the inbox is a
 * duplicate; a compare-and-set that updates no row, or a first snapshot whose row exists, is a
 * conflict; only the winners' rows are written, in the group's order. Whatever this path cannot
 * decide alone (a statement failing, say on a duplicate action id or a row another transaction
 * inserted meanwhile, a first snapshot for a subject merged away) rolls the whole transaction
 * back — it holds nothing but this group — and the caller runs the group one savepoint per
 * commit, which decides each of those for its own commit. No savepoint is taken here: that saves
 * a round trip and a subtransaction per group.
 */
final class PostgresGroup {
  /**
   * Which of the group's signal ids are in the inbox and which of its first snapshots are stored.
   * Each array element is looked up by its primary key ({@code LATERAL ... OFFSET 0} keeps the
   * probe per element): a generic plan the server keeps for {@code = ANY(?)} or a join with the
   * array can be a sequential scan chosen while the table was small, and stays one as it grows.
   */
  private static final String DECIDE =
      "SELECT 0, i.signal_id FROM unnest(?::varchar[]) AS x(id) CROSS JOIN LATERAL"
          + " (SELECT signal_id FROM journey_inbox WHERE signal_id = x.id OFFSET 0) i"
          + " UNION ALL SELECT 1, s.subject FROM unnest(?::varchar[]) AS y(subject) CROSS JOIN LATERAL"
          + " (SELECT subject FROM journey_snapshot WHERE subject = y.subject OFFSET 0) s";
  private static final String INSERT_SNAPSHOTS =
      "INSERT INTO journey_snapshot (subject, version, doc_version, doc, updated_at)"
          + " SELECT * FROM unnest(?::varchar[], ?::int8[], ?::int4[], ?::text[], ?::int8[])";
  private static final String MERGED =
      "SELECT a.alias_value FROM unnest(?::varchar[]) AS x(subject) CROSS JOIN LATERAL"
          + " (SELECT alias_value FROM journey_alias WHERE alias_type = ? AND alias_value = x.subject"
          + " OFFSET 0) a";
  /*
   * The compare-and-set updates stay one execution per row (a JDBC batch, one round trip): each
   * is a primary-key probe, whatever plan the server keeps, and its update count decides its own
   * commit. {@link #DELETE_TIMER} is the fallback of {@link #DELETE_TIMERS}.
   */
  private static final String UPDATE_SNAPSHOT =
      "UPDATE journey_snapshot SET version = ?, doc_version = ?, doc = ?, updated_at = ?"
          + " WHERE subject = ? AND version = ?";
  private static final String TOUCH_SNAPSHOT =
      "UPDATE journey_snapshot SET version = version WHERE subject = ? AND version = ?";
  private static final String DELETE_TIMER =
      "DELETE FROM journey_timer WHERE subject = ? AND name = ? AND generation = ?";
  /**
   * The winners' timer deletes in one statement: each (subject, name, generation) probed by its
   * unique key ({@code LATERAL ... OFFSET 0}, an index probe whatever plan the server keeps), the
   * rows found deleted by {@code ctid}; returns how many were found and how many deleted. They
   * differ only when a found row was changed meanwhile by another transaction (a lease taken after
   * the statement's snapshot): the deletes then run again as {@link #DELETE_TIMER}, which waits
   * for that row and deletes its latest version.
   *
   * <p>The delete runs only when the probe found a row ({@code EXISTS}: a one-time filter): a
   * generic plan kept since the table was small scans {@code ctid = ANY(...)} sequentially, and a
   * group that only schedules new timers (the usual signal) finds none, so it no longer reads the
   * whole table ({@code PostgresPlanCacheTest}; package-private for it).
   */
  static final String DELETE_TIMERS =
      "WITH p AS (SELECT t.ctid AS row FROM unnest(?::varchar[], ?::varchar[], ?::int8[])"
          + " AS x(subject, name, generation) CROSS JOIN LATERAL (SELECT ctid FROM journey_timer"
          + " WHERE subject = x.subject AND name = x.name AND generation = x.generation OFFSET 0) t),"
          + " d AS (DELETE FROM journey_timer WHERE ctid = ANY(ARRAY(SELECT row FROM p))"
          + " AND EXISTS (SELECT FROM p) RETURNING 1)"
          + " SELECT (SELECT count(*) FROM p), (SELECT count(*) FROM d)";
  /**
   * The winners' inbox, timer, outbox and audit rows in one statement; timers and audit records
   * are inserted in the group's order, so that their generated ids number them as one commit
   * after the other would.
   */
  private static final String INSERT_ROWS =
      "WITH inbox AS (INSERT INTO journey_inbox (signal_id, subject, received_at, fingerprint)"
          + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::int8[], ?::varchar[])),"
          + " timers AS (INSERT INTO journey_timer (subject, name, generation, due_at, lease_until,"
          + " doc_version, doc) SELECT subject, name, generation, due_at, NULL, doc_version, doc"
          + " FROM unnest(?::varchar[], ?::varchar[], ?::int8[], ?::int8[], ?::int[], ?::text[])"
          + " WITH ORDINALITY AS x(subject, name, generation, due_at, doc_version, doc, n) ORDER BY n),"
          + " outbox AS (INSERT INTO journey_outbox (action_id, subject, seq, next_attempt_at,"
          + " lease_until, doc_version, doc) SELECT action_id, subject, seq, next_attempt_at, NULL,"
          + " doc_version, doc FROM unnest(?::varchar[], ?::varchar[], ?::int8[], ?::int8[],"
          + " ?::int[], ?::text[]) AS y(action_id, subject, seq, next_attempt_at, doc_version, doc))"
          + " INSERT INTO journey_audit (subject, recorded_at, doc_version, doc, signal_id, journey)"
          + " SELECT subject, recorded_at, doc_version, doc, signal_id, journey FROM unnest("
          + "?::varchar[], ?::int8[], ?::int[], ?::text[], ?::varchar[], ?::varchar[])"
          + " WITH ORDINALITY AS z(subject, recorded_at, doc_version, doc, signal_id, journey, n)"
          + " ORDER BY n";

  private final Documents docs;
  private final boolean auditEnabled;
  private final AtomicLong groups = new AtomicLong();

  PostgresGroup(Documents docs, boolean auditEnabled) {
    this.docs = docs;
    this.auditEnabled = auditEnabled;
  }

  /** How many groups were written this way (the others ran one savepoint per commit). */
  long written() {
    return groups.get();
  }

  /**
   * Writes the {@link BatchedGroup#eligible} {@code group} in {@code c}'s transaction, which must
   * hold nothing else yet, and returns one result per commit, in order; or, with the transaction
   * rolled back, empty when the group must be run one commit at a time.
   *
   * <p>{@code written} holds, per commit, its documents when its committing thread wrote them
   * before it queued (outside the group's lock); the others are written here.
   *
   * @throws SQLException when even the rollback fails (the connection is lost)
   */
  Optional<List<CommitResult>> write(
      Connection c, List<Commit> group, List<Optional<BatchedGroup.Docs>> written)
      throws SQLException {
    if (written.size() != group.size()) {
      throw new IllegalArgumentException(
          "documents for " + written.size() + " of " + group.size() + " commits");
    }
    List<Item> items = new ArrayList<>(group.size());
    try {
      for (int i = 0; i < group.size(); i++) {
        Commit commit = group.get(i);
        Optional<BatchedGroup.Docs> own = written.get(i);
        BatchedGroup.Docs d =
            own.isPresent() ? own.get() : BatchedGroup.docs(docs, auditEnabled, commit);
        items.add(BatchedGroup.item(i, commit, d));
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

  private Optional<List<CommitResult>> writeItems(Connection c, List<Item> items)
      throws SQLException {
    CommitResult[] results = new CommitResult[items.size()];
    // 1. one statement: which signal ids are in the inbox, which first snapshots are stored
    List<String> ids = new ArrayList<>(items.size());
    List<String> firstSubjects = new ArrayList<>();
    for (Item item : items) {
      ids.add(item.commit().signal().id());
      if (item.commit().expectedVersion() == 0) {
        firstSubjects.add(item.subject());
      }
    }
    Set<String> seen = new HashSet<>();
    Set<String> stored = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(DECIDE)) {
      ps.setArray(1, c.createArrayOf("varchar", ids.toArray(new String[0])));
      ps.setArray(2, c.createArrayOf("varchar", firstSubjects.toArray(new String[0])));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          (rs.getInt(1) == 0 ? seen : stored).add(rs.getString(2));
        }
      }
    }
    List<Item> candidates = BatchedGroup.candidates(items, seen, results);
    // 2. the snapshots, in subject order (concurrent groups lock rows in one order)
    BatchedGroup.Writes writes = BatchedGroup.writes(candidates, stored, results);
    List<Item> inserts = writes.inserts();
    List<Item> updates = writes.updates();
    List<Item> touches = writes.touches();
    if (!inserts.isEmpty()) {
      if (!insertSnapshots(c, inserts)) {
        return Optional.empty();
      }
      // a first snapshot for a subject merged away must not come back: its commit alone decides
      if (mergedAway(c, inserts)) {
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
    if (!winners.isEmpty()) {
      deleteTimers(c, winners);
      insertRows(c, winners);
    }
    return Optional.of(Arrays.asList(results));
  }

  private boolean insertSnapshots(Connection c, List<Item> inserts) throws SQLException {
    int n = inserts.size();
    String[] subjects = new String[n];
    Long[] versions = new Long[n];
    Integer[] docVersions = new Integer[n];
    String[] snapshotDocs = new String[n];
    Long[] updated = new Long[n];
    for (int i = 0; i < n; i++) {
      Item item = inserts.get(i);
      subjects[i] = item.subject();
      versions[i] = item.commit().snapshot().version();
      docVersions[i] = Documents.VERSION;
      snapshotDocs[i] = item.snapshotDoc().orElseThrow();
      updated[i] = Instants.key(item.commit().snapshot().updatedAt());
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_SNAPSHOTS)) {
      ps.setArray(1, c.createArrayOf("varchar", subjects));
      ps.setArray(2, c.createArrayOf("int8", versions));
      ps.setArray(3, c.createArrayOf("int4", docVersions));
      ps.setArray(4, c.createArrayOf("text", snapshotDocs));
      ps.setArray(5, c.createArrayOf("int8", updated));
      return ps.executeUpdate() == n;
    }
  }

  private static boolean mergedAway(Connection c, List<Item> inserts) throws SQLException {
    String[] subjects = new String[inserts.size()];
    for (int i = 0; i < subjects.length; i++) {
      subjects[i] = inserts.get(i).subject();
    }
    try (PreparedStatement ps = c.prepareStatement(MERGED)) {
      ps.setArray(1, c.createArrayOf("varchar", subjects));
      ps.setString(2, Alias.SUBJECT);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
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
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Item item : items) {
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
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      if (counts.length != items.size()) {
        return false;
      }
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] != 0 && counts[i] != 1) {
          return false;
        }
        results[items.get(i).index()] =
            counts[i] == 1 ? CommitResult.COMMITTED : CommitResult.CONFLICT;
      }
      return true;
    }
  }

  /**
   * Every timer change first removes its name and generation's row (as the batched path does):
   * one statement for the whole group ({@link #DELETE_TIMERS}), or the per-row batch when a row
   * it found was changed meanwhile.
   */
  private static void deleteTimers(Connection c, List<Item> winners) throws SQLException {
    List<String> subjects = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Long> generations = new ArrayList<>();
    for (Item item : winners) {
      for (TimerChange change : item.commit().timerChanges()) {
        subjects.add(item.subject());
        names.add(change.name());
        generations.add(change.generation());
      }
    }
    if (subjects.isEmpty()) {
      return;
    }
    long found;
    long deleted;
    try (PreparedStatement ps = c.prepareStatement(DELETE_TIMERS)) {
      ps.setArray(1, c.createArrayOf("varchar", subjects.toArray(new String[0])));
      ps.setArray(2, c.createArrayOf("varchar", names.toArray(new String[0])));
      ps.setArray(3, c.createArrayOf("int8", generations.toArray(new Long[0])));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        found = rs.getLong(1);
        deleted = rs.getLong(2);
      }
    }
    if (found == deleted) {
      return;
    }
    try (PreparedStatement delete = c.prepareStatement(DELETE_TIMER)) {
      for (int i = 0; i < subjects.size(); i++) {
        delete.setString(1, subjects.get(i));
        delete.setString(2, names.get(i));
        delete.setLong(3, generations.get(i));
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }

  /** The winners' inbox, timer, outbox and audit rows, with {@link #INSERT_ROWS}. */
  private void insertRows(Connection c, List<Item> winners) throws SQLException {
    Columns inbox = new Columns(4);
    Columns timers = new Columns(6);
    Columns outbox = new Columns(6);
    Columns audits = new Columns(6);
    for (Item item : winners) {
      Commit commit = item.commit();
      long at = Instants.key(commit.audit().recordedAt());
      inbox.add(commit.signal().id(), item.subject(), at, item.fingerprint());
      int doc = 0;
      for (TimerChange change : commit.timerChanges()) {
        if (change instanceof TimerChange.Scheduled s) {
          PendingTimer timer = s.timer();
          timers.add(
              item.subject(),
              timer.name(),
              timer.generation(),
              Instants.key(timer.dueAt()),
              Documents.VERSION,
              item.timerDocs().get(doc++));
        }
      }
      List<OutboxEntry> entries = commit.outbox();
      for (int i = 0; i < entries.size(); i++) {
        OutboxEntry entry = entries.get(i);
        outbox.add(
            entry.actionId(),
            entry.subject().toString(),
            entry.sequence(),
            Instants.key(entry.nextAttemptAt()),
            Documents.VERSION,
            item.outboxDocs().get(i));
      }
      if (auditEnabled) {
        List<AuditRecord> records = new ArrayList<>(1 + commit.moreAudits().size());
        records.add(commit.audit());
        records.addAll(commit.moreAudits());
        for (int i = 0; i < records.size(); i++) {
          AuditRecord audit = records.get(i);
          audits.add(
              item.subject(),
              at,
              Documents.VERSION,
              item.auditDocs().get(i),
              audit.signal().id(),
              audit.journey().orElse(null));
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_ROWS)) {
      int p = 1;
      p = inbox.bind(c, ps, p, "varchar", "varchar", "int8", "varchar");
      p = timers.bind(c, ps, p, "varchar", "varchar", "int8", "int8", "int4", "text");
      p = outbox.bind(c, ps, p, "varchar", "varchar", "int8", "int8", "int4", "text");
      audits.bind(c, ps, p, "varchar", "int8", "int4", "text", "varchar", "varchar");
      ps.executeUpdate();
    }
  }

  /** The column arrays of one table's rows. */
  private static final class Columns {
    private final List<List<Object>> columns;

    Columns(int count) {
      columns = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        columns.add(new ArrayList<>());
      }
    }

    void add(Object... row) {
      for (int i = 0; i < row.length; i++) {
        columns.get(i).add(row[i]);
      }
    }

    /**
     * Binds one array per column from parameter {@code first} on; returns the next one. The
     * arrays are typed ({@code String[]}, {@code Long[]}, {@code Integer[]}), so that the driver
     * sends them in binary: an {@code Object[]} goes as a text literal, every quote of a JSON
     * document escaped by the driver and parsed back by the server.
     */
    int bind(Connection c, PreparedStatement ps, int first, String... types) throws SQLException {
      for (int i = 0; i < types.length; i++) {
        List<Object> column = columns.get(i);
        Object[] typed =
            switch (types[i]) {
              case "int8" -> column.toArray(new Long[0]);
              case "int4" -> column.toArray(new Integer[0]);
              default -> column.toArray(new String[0]);
            };
        Array array = c.createArrayOf(types[i], typed);
        ps.setArray(first + i, array);
      }
      return first + types.length;
    }
  }
}
