package dev.journey.jdbc;

import dev.journey.core.Alias;
import dev.journey.core.SubjectRef;
import dev.journey.core.rollout.DeploymentConflictException;
import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.spi.AliasChange;
import dev.journey.core.spi.AliasStore;
import dev.journey.core.spi.MergeCommit;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.RuleSetSources;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.Erasure;
import dev.journey.core.spi.InboxRecord;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.PurgeReport;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.spi.Retention;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.core.spi.SharedWrite;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.jackson.DeploymentJson;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.GroupCommit;
import dev.journey.jdbc.internal.Instants;
import dev.journey.jdbc.internal.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link JourneyStore} over plain JDBC, for H2 (embedded file database, the default
 * durable choice) and PostgreSQL (production, several engine instances sharing one database).
 *
 * <p>{@link #commit(Commit)} is one database transaction: the inbox insert (a signal id already
 * there is {@link CommitResult#DUPLICATE}), the snapshot compare-and-set on its version and the
 * shared-state compare-and-set (a moved version is {@link CommitResult#CONFLICT}), the timer
 * schedule/cancel/complete rows, the outbox entries and the audit record. Values are stored as
 * JSON documents (journey-jackson) with a document version; never Java serialization.
 *
 * <p>Timers and outbox entries are claimed with a lease: on PostgreSQL with {@code FOR UPDATE
 * SKIP LOCKED}, on H2 with an optimistic conditional update. An expired lease makes the row
 * claimable again. Outbox claims return only each subject's earliest unfinished entry. Lease
 * times come from the {@code now} the caller passes (the engine's clock): engine instances sharing
 * a database need clocks synchronized well within the lease.
 *
 * <p>The schema is created, or migrated in place, when the store is built; its version is
 * recorded in {@code journey_schema_version}. Thread-safe.
 *
 * <pre>{@code
 * JdbcPool pool = JdbcPool.h2File(Path.of("data/journey"));
 * JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
 * JourneyEngine engine = JourneyEngine.builder().definition(journey).store(store).build();
 * }</pre>
 */
public final class JdbcJourneyStore
    implements JourneyStore, AliasStore, Retention, Erasure, DeploymentStore {
  /** Default time processed signal ids are kept: 7 days (HubSpot redelivers for about 1 day). */
  public static final Duration DEFAULT_INBOX_RETENTION = Duration.ofDays(7);
  /** The shortest inbox retention accepted: 1 day. */
  public static final Duration MIN_INBOX_RETENTION = Duration.ofDays(1);

  private static final Logger LOG = LoggerFactory.getLogger(JdbcJourneyStore.class);
  /** Default most signals committed in one transaction by group commit: 32. */
  public static final int DEFAULT_MAX_GROUP = 32;
  /** Default number of commit pipelines on a database with concurrent writers: 2. */
  public static final int DEFAULT_COMMIT_LANES = 2;
  private static final String UNIQUE_VIOLATION = "23505";
  /** The lease owner written on quarantined timers; their lease never expires. */
  private static final String QUARANTINE_OWNER = "journey:quarantine";

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Clock clock;
  private final Duration inboxRetention;
  private final Optional<Duration> auditRetention;
  private final Optional<Duration> deadLetterRetention;
  private final boolean auditEnabled;
  private final String instanceId;
  private final Documents docs = new Documents();
  /**
   * Serializes write transactions on a single-writer database (SQLite); null elsewhere. Over a
   * {@link JdbcPool} it is the pool's writer lock, shared by every store on that pool.
   */
  private final ReentrantLock writeLock;
  /** The SQLite pool whose one writer connection every write transaction uses; null otherwise. */
  private final JdbcPool writerPool;
  private final List<GroupCommit<Commit, CommitResult>> lanes;
  private final BatchedGroup batchedGroup;
  /** The group's statements over arrays on PostgreSQL; null elsewhere. */
  private final PostgresGroup postgresGroup;
  private final boolean batchStatements;
  private final int maxGroup;

  private JdbcJourneyStore(Builder b, Dialect dialect) {
    this.dataSource = b.dataSource;
    this.dialect = dialect;
    this.clock = b.clock;
    this.inboxRetention = b.inboxRetention;
    this.auditRetention = b.auditRetention;
    this.deadLetterRetention = b.deadLetterRetention;
    this.auditEnabled = b.auditEnabled;
    this.instanceId = b.instanceId;
    this.writerPool =
        dialect.singleWriter() && b.dataSource instanceof JdbcPool p && p.writerLock().isPresent()
            ? p
            : null;
    this.writeLock =
        writerPool != null
            ? writerPool.writerLock().orElseThrow()
            : dialect.singleWriter() ? new ReentrantLock(true) : null;
    this.batchedGroup = new BatchedGroup(docs, b.auditEnabled);
    this.postgresGroup =
        dialect == Dialect.POSTGRESQL ? new PostgresGroup(docs, b.auditEnabled) : null;
    this.batchStatements = b.batchStatements;
    this.maxGroup = b.maxGroup;
    int laneCount = dialect.singleWriter() ? 1 : b.commitLanes;
    List<GroupCommit<Commit, CommitResult>> built = new ArrayList<>(laneCount);
    for (int i = 0; i < laneCount; i++) {
      built.add(new GroupCommit<>(b.maxGroup, this::commitGroup));
    }
    this.lanes = List.copyOf(built);
  }

  /** Starts a builder over {@code dataSource} (a pool: the store borrows one connection per call). */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** The database's schema version (see {@code docs/operations.md}). */
  public int schemaVersion() {
    try (Connection c = dataSource.getConnection()) {
      return Schema.currentVersion(c);
    } catch (SQLException e) {
      throw new JdbcStoreException("schemaVersion", e);
    }
  }

  /** The database product: {@code "SQLite"}, {@code "H2"} or {@code "PostgreSQL"}. */
  public String databaseName() {
    return dialect.productName();
  }

  private Connection open() throws SQLException {
    return transactional(dataSource.getConnection());
  }

  /**
   * A connection for a write transaction, for a caller holding {@link #writeLock} when there is
   * one: the pool's SQLite writer when there is one (its page cache survives between
   * transactions, see {@link JdbcPool#writerConnection}), else one from the data source.
   */
  private Connection openForWrite() throws SQLException {
    return writerPool != null ? transactional(writerPool.writerConnection()) : open();
  }

  private static Connection transactional(Connection c) throws SQLException {
    try {
      if (c.getAutoCommit()) {
        c.setAutoCommit(false);
      }
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed", e);
    }
  }

  /**
   * Runs {@code work} in one transaction; rolls back on failure. On a single-writer database the
   * transaction holds the write lock (it may write).
   */
  private <T> T inTransaction(String operation, Work<T> work) {
    if (writeLock == null) {
      return read(operation, work);
    }
    writeLock.lock();
    try {
      return run(operation, work, openForWrite());
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code work}, one statement that only reads, beside any writer: on PostgreSQL in
   * auto-commit mode, so that it costs one round trip instead of two ({@code BEGIN} with the
   * query, then {@code COMMIT}); a single statement sees one snapshot either way. Elsewhere in one
   * transaction, as {@link #read}.
   */
  private <T> T readOne(String operation, Work<T> work) {
    if (dialect != Dialect.POSTGRESQL) {
      return read(operation, work);
    }
    try (Connection c = dataSource.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    }
  }

  /** Runs {@code work}, which only reads, in one transaction, beside any writer. */
  private <T> T read(String operation, Work<T> work) {
    try {
      return run(operation, work, open());
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    }
  }

  /** Runs {@code work} in one transaction on {@code connection}, then closes it. */
  private static <T> T run(String operation, Work<T> work, Connection connection) {
    try (Connection c = connection) {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Optional<JourneySnapshot> load(SubjectRef subject) {
    String key = Objects.requireNonNull(subject, "subject").toString();
    return readOne(
        "load",
        c ->
            Sql.one(c, "SELECT doc_version, doc FROM journey_snapshot WHERE subject = ?", Sql.params(key),
                rs -> docs.read(rs.getString(2), rs.getInt(1), JourneySnapshot.class, "snapshot of " + key)));
  }

  /**
   * The snapshot of a subject (kind 0) and the inbox record of a signal id (kind 1) in one
   * statement: the engine's read before every evaluation, so one statement and one round trip
   * instead of two.
   */
  static final String LOOKUP_SQL =
      "SELECT 0, doc_version, doc, NULL, NULL, NULL FROM journey_snapshot WHERE subject = ?"
          + " UNION ALL"
          + " SELECT 1, NULL, NULL, subject, fingerprint, received_at FROM journey_inbox"
          + " WHERE signal_id = ?";

  @Override
  public SubjectLookup lookup(SubjectRef subject, String signalId) {
    String key = Objects.requireNonNull(subject, "subject").toString();
    Objects.requireNonNull(signalId, "signalId");
    return readOne(
        "lookup",
        c -> {
          Optional<JourneySnapshot> snapshot = Optional.empty();
          Optional<InboxRecord> inbox = Optional.empty();
          try (PreparedStatement ps = c.prepareStatement(LOOKUP_SQL)) {
            ps.setString(1, key);
            ps.setString(2, signalId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (rs.getInt(1) == 0) {
                  snapshot =
                      Optional.of(
                          docs.read(
                              rs.getString(3), rs.getInt(2), JourneySnapshot.class, "snapshot of " + key));
                } else {
                  inbox =
                      Optional.of(
                          new InboxRecord(
                              signalId,
                              SubjectRef.parse(rs.getString(4)),
                              Optional.ofNullable(rs.getString(5)),
                              Instants.fromKey(rs.getLong(6))));
                }
              }
            }
          }
          return new SubjectLookup(snapshot, inbox);
        });
  }

  @Override
  public SharedState loadShared(String key) {
    Objects.requireNonNull(key, "key");
    return read(
        "loadShared",
        c ->
            Sql.one(c, "SELECT version, doc_version, doc FROM journey_shared WHERE shared_key = ?",
                    Sql.params(key),
                    rs -> new SharedState(
                        key, rs.getLong(1), docs.readLongs(rs.getString(3), rs.getInt(2), "shared " + key)))
                .orElseGet(() -> SharedState.empty(key)));
  }

  // ---------------------------------------------------------------- commit

  /**
   * {@inheritDoc}
   *
   * <p>Concurrent commits are grouped: up to {@link Builder#maxGroup} of them (from different
   * threads) share one transaction, and so one fsync. A group of distinct subjects and signal ids
   * without shared-state writes writes each table with one JDBC batch statement ({@link
   * Builder#batchStatements}); any other group, or one whose batch cannot decide per commit, runs
   * each commit inside its own savepoint. Either way a commit that is a duplicate or conflict, or
   * whose statements fail, fails alone; the others commit. The result is returned only once the group's transaction has
   * committed; when that fails, every commit of the group fails and none is acknowledged.
   */
  @Override
  public CommitResult commit(Commit commit) {
    Objects.requireNonNull(commit, "commit");
    GroupCommit<Commit, CommitResult> lane =
        lanes.size() == 1
            ? lanes.get(0)
            : lanes.get(Math.floorMod(commit.signal().subject().hashCode(), lanes.size()));
    return lane.submit(commit);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the commits go in groups of at most {@link Builder#maxGroup} (one transaction, one
   * fsync, JDBC batch statements each), beside the pipeline of {@link #commit}. A commit whose
   * own statements fail fails the call after its group committed.
   */
  @Override
  public List<CommitResult> commitAll(List<Commit> commits) {
    Objects.requireNonNull(commits, "commits");
    List<Commit> all = List.copyOf(commits);
    List<CommitResult> results = new ArrayList<>(all.size());
    for (int from = 0; from < all.size(); from += maxGroup) {
      List<Commit> group = all.subList(from, Math.min(all.size(), from + maxGroup));
      for (GroupCommit.Result<CommitResult> r : commitGroup(group)) {
        if (r.failure() != null) {
          throw r.failure();
        }
        results.add(r.value());
      }
    }
    return results;
  }

  /**
   * Commits {@code group} as one group — one transaction, a savepoint per commit — as the
   * pipeline does with concurrent callers of {@link #commit}; for tests of the group's semantics.
   */
  List<GroupCommit.Result<CommitResult>> commitAsOneGroup(List<Commit> group) {
    return commitGroup(List.copyOf(group));
  }

  /** How many groups were written as JDBC batches; for tests. */
  long batchedGroups() {
    return batchedGroup.written() + (postgresGroup != null ? postgresGroup.written() : 0);
  }

  private List<GroupCommit.Result<CommitResult>> commitGroup(List<Commit> group) {
    if (writeLock == null) {
      return commitGroupLocked(group);
    }
    writeLock.lock();
    try {
      return commitGroupLocked(group);
    } finally {
      writeLock.unlock();
    }
  }

  private List<GroupCommit.Result<CommitResult>> commitGroupLocked(List<Commit> group) {
    try (Connection c = openForWrite()) {
      try {
        List<GroupCommit.Result<CommitResult>> results =
            group.size() == 1 ? List.of(commitAlone(c, group.get(0))) : commitSeveral(c, group);
        boolean any = false;
        for (GroupCommit.Result<CommitResult> r : results) {
          any |= r.value() == CommitResult.COMMITTED;
        }
        if (any) {
          c.commit();
        } else {
          c.rollback();
        }
        return results;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new JdbcStoreException("commit", e);
    }
  }

  /** One commit in the transaction, no savepoint needed: a failure rolls everything back. */
  private GroupCommit.Result<CommitResult> commitAlone(Connection c, Commit commit)
      throws SQLException {
    try {
      return GroupCommit.Result.of(commitIn(c, commit));
    } catch (SQLException e) {
      if (isConcurrencyFailure(e)) {
        LOG.debug("commit for {} lost a race; reported as a conflict", commit.signal().subject(), e);
        rollbackQuietly(c);
        return GroupCommit.Result.of(CommitResult.CONFLICT);
      }
      throw e;
    }
  }

  /**
   * Several commits in one transaction: as JDBC batches across the group where that is exact
   * ({@link BatchedGroup}), else each in its own savepoint.
   */
  private List<GroupCommit.Result<CommitResult>> commitSeveral(Connection c, List<Commit> group)
      throws SQLException {
    if (batchStatements && BatchedGroup.eligible(group)) {
      Optional<List<CommitResult>> batched =
          postgresGroup != null ? postgresGroup.write(c, group) : batchedGroup.write(c, group);
      if (batched.isPresent()) {
        List<GroupCommit.Result<CommitResult>> results = new ArrayList<>(group.size());
        for (CommitResult r : batched.get()) {
          results.add(GroupCommit.Result.of(r));
        }
        return results;
      }
    }
    return commitEach(c, group);
  }

  /** Several commits in one transaction, each in its own savepoint. */
  private List<GroupCommit.Result<CommitResult>> commitEach(Connection c, List<Commit> group)
      throws SQLException {
    List<GroupCommit.Result<CommitResult>> results = new ArrayList<>(group.size());
    for (Commit commit : group) {
      Savepoint savepoint = c.setSavepoint();
      try {
        CommitResult result = commitIn(c, commit);
        if (result != CommitResult.COMMITTED) {
          c.rollback(savepoint);
        }
        results.add(GroupCommit.Result.of(result));
      } catch (SQLException e) {
        c.rollback(savepoint);
        if (isConcurrencyFailure(e)) {
          LOG.debug("commit for {} lost a race; reported as a conflict", commit.signal().subject(), e);
          results.add(GroupCommit.Result.of(CommitResult.CONFLICT));
        } else {
          results.add(GroupCommit.Result.failed(new JdbcStoreException("commit", e)));
        }
      } catch (RuntimeException e) {
        c.rollback(savepoint);
        results.add(GroupCommit.Result.failed(e));
      }
    }
    return results;
  }

  /** Serialization failures and deadlocks: another transaction won; re-evaluating is safe. */
  private static boolean isConcurrencyFailure(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  private CommitResult commitIn(Connection c, Commit commit) throws SQLException {
    String subject = commit.signal().subject().toString();
    Instant at = commit.audit().recordedAt();
    // 1. inbox: the unique signal id is the idempotency key
    boolean first =
        insertOnce(
            c,
            "INSERT INTO journey_inbox (signal_id, subject, received_at, fingerprint)"
                + " VALUES (?, ?, ?, ?)",
            ps -> {
              ps.setString(1, commit.signal().id());
              ps.setString(2, subject);
              ps.setLong(3, Instants.key(at));
              ps.setString(4, commit.signal().fingerprint());
            });
    if (!first) {
      return CommitResult.DUPLICATE;
    }
    // 2. snapshot compare-and-set
    if (!casSnapshot(c, commit, subject)) {
      return CommitResult.CONFLICT;
    }
    // 3. shared state compare-and-set, in key order so that concurrent commits cannot deadlock
    List<SharedWrite> writes = new ArrayList<>(commit.sharedWrites());
    writes.sort(Comparator.comparing(SharedWrite::key));
    for (SharedWrite write : writes) {
      if (!casShared(c, write)) {
        return CommitResult.CONFLICT;
      }
    }
    // 4. timers
    applyTimers(c, subject, commit.timerChanges());
    // 5. outbox
    if (!commit.outbox().isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO journey_outbox (action_id, subject, seq, next_attempt_at, lease_until,"
                  + " doc_version, doc) VALUES (?, ?, ?, ?, NULL, ?, ?)")) {
        for (OutboxEntry entry : commit.outbox()) {
          bindOutbox(ps, entry);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    // 6. audit
    if (auditEnabled) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO journey_audit (subject, recorded_at, doc_version, doc, signal_id, journey)"
                  + " VALUES (?, ?, ?, ?, ?, ?)")) {
        bindAudit(ps, subject, at, commit.audit());
        if (commit.moreAudits().isEmpty()) {
          ps.executeUpdate();
        } else {
          ps.addBatch();
          for (AuditRecord more : commit.moreAudits()) {
            bindAudit(ps, subject, at, more);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
    }
    return CommitResult.COMMITTED;
  }

  private void bindAudit(PreparedStatement ps, String subject, Instant at, AuditRecord audit)
      throws SQLException {
    ps.setString(1, subject);
    ps.setLong(2, Instants.key(at));
    ps.setInt(3, Documents.VERSION);
    ps.setString(4, docs.write(audit));
    ps.setString(5, audit.signal().id());
    if (audit.journey().isEmpty()) {
      ps.setNull(6, java.sql.Types.VARCHAR);
    } else {
      ps.setString(6, audit.journey().get());
    }
  }

  private boolean casSnapshot(Connection c, Commit commit, String subject) throws SQLException {
    long expected = commit.expectedVersion();
    if (!commit.changesSnapshot()) {
      // Unchanged snapshot: only check (and lock) the version.
      if (expected == 0) {
        try (PreparedStatement ps =
            c.prepareStatement("SELECT 1 FROM journey_snapshot WHERE subject = ?")) {
          ps.setString(1, subject);
          try (ResultSet rs = ps.executeQuery()) {
            return !rs.next();
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE journey_snapshot SET version = version WHERE subject = ? AND version = ?")) {
        ps.setString(1, subject);
        ps.setLong(2, expected);
        return ps.executeUpdate() == 1;
      }
    }
    boolean written = writeSnapshot(c, subject, commit.snapshot(), expected);
    // a first snapshot is checked after its insert, which waits for a merge deleting this
    // subject's row: a subject merged away belongs to its survivor and must not come back
    return expected == 0 ? written && !mergedAway(c, subject) : written;
  }

  /**
   * Writes {@code snapshot} as {@code subject}'s with compare-and-set: inserted once when {@code
   * expected} is 0, else updated from version {@code expected}; false when another writer won.
   */
  private boolean writeSnapshot(Connection c, String subject, JourneySnapshot snapshot, long expected)
      throws SQLException {
    if (expected == 0) {
      return insertOnce(
          c,
          "INSERT INTO journey_snapshot (subject, version, doc_version, doc, updated_at)"
              + " VALUES (?, ?, ?, ?, ?)",
          ps -> {
            ps.setString(1, subject);
            ps.setLong(2, snapshot.version());
            ps.setInt(3, Documents.VERSION);
            ps.setString(4, docs.write(snapshot));
            ps.setLong(5, Instants.key(snapshot.updatedAt()));
          });
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE journey_snapshot SET version = ?, doc_version = ?, doc = ?, updated_at = ?"
                + " WHERE subject = ? AND version = ?")) {
      ps.setLong(1, snapshot.version());
      ps.setInt(2, Documents.VERSION);
      ps.setString(3, docs.write(snapshot));
      ps.setLong(4, Instants.key(snapshot.updatedAt()));
      ps.setString(5, subject);
      ps.setLong(6, expected);
      return ps.executeUpdate() == 1;
    }
  }

  private boolean casShared(Connection c, SharedWrite write) throws SQLException {
    if (write.expectedVersion() == 0) {
      return insertOnce(
          c,
          "INSERT INTO journey_shared (shared_key, version, doc_version, doc) VALUES (?, 1, ?, ?)",
          ps -> {
            ps.setString(1, write.key());
            ps.setInt(2, Documents.VERSION);
            ps.setString(3, docs.write(write.values()));
          });
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE journey_shared SET version = ?, doc_version = ?, doc = ?"
                + " WHERE shared_key = ? AND version = ?")) {
      ps.setLong(1, write.expectedVersion() + 1);
      ps.setInt(2, Documents.VERSION);
      ps.setString(3, docs.write(write.values()));
      ps.setString(4, write.key());
      ps.setLong(5, write.expectedVersion());
      return ps.executeUpdate() == 1;
    }
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /**
   * Runs an INSERT whose row may already exist (a unique key is the guard).
   *
   * @return {@code false} when the unique key was already taken
   */
  private boolean insertOnce(Connection c, String insert, Binder binder)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      binder.bind(ps);
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (dialect.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  private void applyTimers(Connection c, String subject, List<TimerChange> changes)
      throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement delete =
            c.prepareStatement(
                "DELETE FROM journey_timer WHERE subject = ? AND name = ? AND generation = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO journey_timer (subject, name, generation, due_at, lease_until,"
                    + " doc_version, doc) VALUES (?, ?, ?, ?, NULL, ?, ?)")) {
      boolean deletes = false;
      boolean inserts = false;
      for (TimerChange change : changes) {
        // Every change first removes a row of the same name and generation (a re-schedule of
        // the same generation replaces it, as in memory).
        delete.setString(1, subject);
        delete.setString(2, change.name());
        delete.setLong(3, change.generation());
        delete.addBatch();
        deletes = true;
      }
      if (deletes) {
        delete.executeBatch();
      }
      for (TimerChange change : changes) {
        if (change instanceof TimerChange.Scheduled scheduled) {
          PendingTimer timer = scheduled.timer();
          insert.setString(1, subject);
          insert.setString(2, timer.name());
          insert.setLong(3, timer.generation());
          insert.setLong(4, Instants.key(timer.dueAt()));
          insert.setInt(5, Documents.VERSION);
          insert.setString(6, docs.write(timer));
          insert.addBatch();
          inserts = true;
        }
      }
      if (inserts) {
        insert.executeBatch();
      }
    }
  }

  private void bindOutbox(PreparedStatement ps, OutboxEntry entry) throws SQLException {
    ps.setString(1, entry.actionId());
    ps.setString(2, entry.subject().toString());
    ps.setLong(3, entry.sequence());
    ps.setLong(4, Instants.key(entry.nextAttemptAt()));
    ps.setInt(5, Documents.VERSION);
    ps.setString(6, docs.write(entry));
  }

  // ---------------------------------------------------------------- timers

  /**
   * The timer claim's query (parameters: now, now, limit); package-private for the test that
   * checks with {@code EXPLAIN} that PostgreSQL answers it from {@code journey_timer_due}.
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

  @Override
  public List<DueTimer> claimDueTimers(Instant now, Duration lease, int limit) {
    return claim(
        "claimDueTimers",
        now,
        lease,
        limit,
        claimTimersSql(dialect),
        "journey_timer",
        "id",
        rs -> new Row(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)),
        row ->
            new DueTimer(
                SubjectRef.parse(row.subject),
                docs.read(row.doc, row.docVersion, PendingTimer.class, "timer of " + row.subject)));
  }

  /** A row mapper that may throw. */
  @FunctionalInterface
  private interface SqlFunction<A, B> {
    B apply(A a) throws SQLException;
  }

  /**
   * Selects due rows with {@code select} (parameters: now, now, limit), leases them and maps the
   * rows this claimer won, in one transaction.
   */
  private <T> List<T> claim(
      String operation,
      Instant now,
      Duration lease,
      int limit,
      String select,
      String table,
      String idColumn,
      SqlFunction<ResultSet, Row> readRow,
      SqlFunction<Row, T> map) {
    Objects.requireNonNull(now, "now");
    checkLease(lease, limit);
    long nowKey = Instants.key(now);
    long until = Instants.key(now.plus(lease));
    return inTransaction(
        operation,
        c -> {
          List<Row> rows = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setLong(1, nowKey);
            ps.setLong(2, nowKey);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(readRow.apply(rs));
              }
            }
          }
          List<T> result = new ArrayList<>(rows.size());
          if (rows.isEmpty()) {
            return result;
          }
          int[] counts = lease(c, table, idColumn, rows, until, nowKey);
          for (int i = 0; i < rows.size(); i++) {
            if (counts[i] == 1) {
              result.add(map.apply(rows.get(i)));
            }
          }
          return result;
        });
  }

  /** Leases the rows optimistically: a row another claimer leased meanwhile reports 0. */
  private int[] lease(
      Connection c, String table, String idColumn, List<Row> rows, long until, long nowKey)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE " + table + " SET lease_until = ?, lease_owner = ? WHERE " + idColumn + " = ?"
                + " AND (lease_until IS NULL OR lease_until <= ?)")) {
      for (Row row : rows) {
        ps.setLong(1, until);
        ps.setString(2, instanceId);
        if (row.textId != null) {
          ps.setString(3, row.textId);
        } else {
          ps.setLong(3, row.id);
        }
        ps.setLong(4, nowKey);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == PreparedStatement.SUCCESS_NO_INFO) {
          throw new SQLException("the driver did not report update counts of a batch", "0A000");
        }
      }
      return counts;
    }
  }

  @Override
  public Optional<Instant> nextTimerDue() {
    return inTransaction(
        "nextTimerDue",
        c ->
            Sql.one(c, "SELECT subject, doc_version, doc FROM journey_timer ORDER BY due_at LIMIT 1", Sql.NONE,
                rs -> docs.read(rs.getString(3), rs.getInt(2), PendingTimer.class, "timer of " + rs.getString(1))
                    .dueAt()));
  }

  // ---------------------------------------------------------------- outbox

  @Override
  public List<OutboxEntry> claimActions(Instant now, Duration lease, int limit) {
    return claim(
        "claimActions",
        now,
        lease,
        limit,
        claimActionsSql(dialect),
        "journey_outbox",
        "action_id",
        rs -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)),
        row -> readEntry(row.doc, row.docVersion, row.textId));
  }

  private OutboxEntry readEntry(String doc, int docVersion, String actionId) throws SQLException {
    return docs.read(doc, docVersion, OutboxEntry.class, "outbox entry " + actionId);
  }

  @Override
  public void markDone(String actionId) {
    Objects.requireNonNull(actionId, "actionId");
    inTransaction(
        "markDone",
        c -> Sql.update(c, "DELETE FROM journey_outbox WHERE action_id = ?", Sql.params(actionId)));
  }

  @Override
  public void retryLater(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    inTransaction(
        "retryLater",
        c ->
            Sql.update(c,
                "UPDATE journey_outbox SET next_attempt_at = ?, lease_until = NULL, lease_owner = NULL,"
                    + " doc_version = ?, doc = ? WHERE action_id = ?",
                Sql.params(Instants.key(entry.nextAttemptAt()), Documents.VERSION, docs.write(entry),
                    entry.actionId())));
  }

  @Override
  public void deadLetter(OutboxEntry entry, String reason, Instant at) {
    DeadLetter letter = new DeadLetter(entry, reason, at);
    inTransaction(
        "deadLetter",
        c -> {
          Sql.update(c, "DELETE FROM journey_outbox WHERE action_id = ?", Sql.params(entry.actionId()));
          Sql.update(c, "DELETE FROM journey_dead_letter WHERE action_id = ?", Sql.params(entry.actionId()));
          return Sql.update(c,
              "INSERT INTO journey_dead_letter (action_id, subject, dead_at, doc_version, doc)"
                  + " VALUES (?, ?, ?, ?, ?)",
              Sql.params(entry.actionId(), entry.subject().toString(), Instants.key(at), Documents.VERSION,
                  docs.write(letter)));
        });
  }

  @Override
  public List<DeadLetter> deadLetters() {
    return inTransaction(
        "deadLetters",
        c ->
            Sql.list(c, "SELECT action_id, doc_version, doc FROM journey_dead_letter ORDER BY dead_at, action_id",
                Sql.NONE,
                rs -> docs.read(rs.getString(3), rs.getInt(2), DeadLetter.class, "dead letter " + rs.getString(1))));
  }

  @Override
  public boolean requeue(String actionId, Instant now) {
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(now, "now");
    return inTransaction(
        "requeue",
        c -> {
          Optional<DeadLetter> found =
              Sql.one(c,
                  "SELECT doc_version, doc FROM journey_dead_letter WHERE action_id = ?"
                      + (dialect.skipLocked() ? " FOR UPDATE" : ""),
                  Sql.params(actionId),
                  rs -> docs.read(rs.getString(2), rs.getInt(1), DeadLetter.class, "dead letter " + actionId));
          if (found.isEmpty()
              || Sql.update(c, "DELETE FROM journey_dead_letter WHERE action_id = ?", Sql.params(actionId)) != 1) {
            return false;
          }
          DeadLetter letter = found.get();
          OutboxEntry old = letter.entry();
          OutboxEntry fresh = new OutboxEntry(old.action(), old.sequence(), old.createdAt(), 0, now);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO journey_outbox (action_id, subject, seq, next_attempt_at, lease_until,"
                      + " doc_version, doc) VALUES (?, ?, ?, ?, NULL, ?, ?)")) {
            bindOutbox(ps, fresh);
            ps.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public boolean discard(String actionId) {
    Objects.requireNonNull(actionId, "actionId");
    return inTransaction(
        "discard",
        c -> Sql.update(c, "DELETE FROM journey_dead_letter WHERE action_id = ?", Sql.params(actionId)) > 0);
  }

  @Override
  public List<OutboxEntry> pendingActions() {
    List<OutboxEntry> all =
        inTransaction(
            "pendingActions",
            c ->
                Sql.list(c, "SELECT action_id, doc_version, doc FROM journey_outbox ORDER BY subject, seq", Sql.NONE,
                    rs -> readEntry(rs.getString(3), rs.getInt(2), rs.getString(1))));
    all.sort(Comparator.comparing(OutboxEntry::subject).thenComparingLong(OutboxEntry::sequence));
    return all;
  }

  @Override
  public List<AuditRecord> audit(SubjectRef subject) {
    String key = Objects.requireNonNull(subject, "subject").toString();
    return inTransaction(
        "audit",
        c ->
            Sql.list(c, "SELECT doc_version, doc FROM journey_audit WHERE subject = ? ORDER BY id", Sql.params(key),
                rs -> docs.read(rs.getString(2), rs.getInt(1), AuditRecord.class, "audit of " + key)));
  }

  @Override
  public boolean archive(RuleSetSources sources) {
    Objects.requireNonNull(sources, "sources");
    return inTransaction(
        "archive",
        c -> {
          try (PreparedStatement find = c.prepareStatement("SELECT 1 FROM journey_rule_set_source WHERE hash = ?")) {
            find.setString(1, sources.hash());
            try (ResultSet rs = find.executeQuery()) {
              if (rs.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO journey_rule_set_source (hash, name, version, archived_at, doc_version, doc)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, sources.hash());
            ps.setString(2, sources.name());
            ps.setString(3, sources.version());
            ps.setLong(4, Instants.key(clock.instant()));
            ps.setInt(5, Documents.VERSION);
            ps.setString(6, docs.write(sources));
            ps.executeUpdate();
            return true;
          } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
              return false; // another instance archived the same hash meanwhile
            }
            throw e;
          }
        });
  }

  @Override
  public Optional<RuleSetSources> archived(String hash) {
    Objects.requireNonNull(hash, "hash");
    if (!hash.matches("[0-9a-f]{1,128}")) {
      return Optional.empty();
    }
    return read(
        "archived",
        c -> {
          java.util.TreeMap<String, RuleSetSources> found = new java.util.TreeMap<>();
          String sql =
              hash.length() >= dev.journey.core.spi.RuleSetArchive.MIN_PREFIX
                  ? "SELECT hash, doc_version, doc FROM journey_rule_set_source WHERE hash LIKE ?"
                  : "SELECT hash, doc_version, doc FROM journey_rule_set_source WHERE hash = ?";
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash.length() >= dev.journey.core.spi.RuleSetArchive.MIN_PREFIX ? hash + "%" : hash);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && found.size() < 2) {
                found.put(rs.getString(1), docs.read(rs.getString(3), rs.getInt(2), RuleSetSources.class, "sources of " + rs.getString(1)));
              }
            }
          }
          return dev.journey.core.spi.RuleSetArchive.lookup(found, hash);
        });
  }

  /**
   * The first {@code limit} audit records in commit order, oldest first (every decision, for
   * {@code journey reproduce --all --store}).
   *
   * @throws IllegalArgumentException when {@code limit} is not positive
   * @throws JdbcStoreException when the database fails
   */
  public List<AuditRecord> auditAll(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive, but was " + limit);
    }
    return read(
        "auditAll",
        c -> {
          List<AuditRecord> records = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT doc_version, doc FROM journey_audit ORDER BY id")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && records.size() < limit) {
                records.add(docs.read(rs.getString(2), rs.getInt(1), AuditRecord.class, "audit"));
              }
            }
          }
          return records;
        });
  }

  /**
   * The audit records of the decisions on one signal id (a timer firing's id included), oldest
   * first: one, unless the id was reused after its inbox record expired; empty when the id was
   * never decided on, its audit was purged, or it was written before schema version 3.
   *
   * @throws JdbcStoreException when the database fails
   */
  public List<AuditRecord> auditOf(String signalId) {
    Objects.requireNonNull(signalId, "signalId");
    return inTransaction(
        "auditOf",
        c ->
            Sql.list(c, "SELECT doc_version, doc FROM journey_audit WHERE signal_id = ? ORDER BY id",
                Sql.params(signalId),
                rs -> docs.read(rs.getString(2), rs.getInt(1), AuditRecord.class, "audit of signal " + signalId)));
  }

  /**
   * Releases the timer and outbox leases held under this store's {@link Builder#instanceId}, so
   * that work claimed before a crash is claimable at once instead of after the lease. Call it at
   * startup, before the engine and relay run, and only when no other live process uses the same
   * instance id (like Quartz recovering its own node's jobs).
   *
   * @return how many leases were released
   */
  public int releaseLeases() {
    return inTransaction(
        "releaseLeases",
        c -> {
          int released = 0;
          for (String table : List.of("journey_timer", "journey_outbox")) {
            released += Sql.update(c,
                "UPDATE " + table + " SET lease_until = NULL, lease_owner = NULL WHERE lease_owner = ?",
                Sql.params(instanceId));
          }
          return released;
        });
  }

  /** The name written on this store's leases. */
  public String instanceId() {
    return instanceId;
  }

  // ---------------------------------------------------------------- retention and erasure

  /**
   * Deletes what the configured retentions allow, measured back from {@code now}: inbox rows
   * older than {@link Builder#inboxRetention}, audit records older than {@link
   * Builder#auditRetention}, and dead letters and quarantined inputs older than {@link
   * Builder#deadLetterRetention} (all but the inbox kept forever unless configured). Run it
   * periodically, e.g. daily.
   */
  @Override
  public PurgeReport purgeExpired(Instant now) {
    Objects.requireNonNull(now, "now");
    return inTransaction(
        "purgeExpired",
        c -> {
          int inbox = deleteOlder(c, "journey_inbox", "received_at", now.minus(inboxRetention));
          int audit =
              auditRetention.isPresent()
                  ? deleteOlder(c, "journey_audit", "recorded_at", now.minus(auditRetention.get()))
                  : 0;
          int dead =
              deadLetterRetention.isPresent()
                  ? deleteOlder(c, "journey_dead_letter", "dead_at", now.minus(deadLetterRetention.get()))
                  : 0;
          int quarantined =
              deadLetterRetention.isPresent()
                  ? deleteOlder(
                      c, "journey_quarantine", "quarantined_at", now.minus(deadLetterRetention.get()))
                  : 0;
          return new PurgeReport(inbox, audit, dead, quarantined);
        });
  }

  private static int deleteOlder(Connection c, String table, String column, Instant cutoff)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM " + table + " WHERE " + column + " < ?")) {
      ps.setLong(1, Instants.key(cutoff));
      return ps.executeUpdate();
    }
  }

  /**
   * Erases everything stored about a subject, in one transaction (e.g. for a GDPR erasure
   * request): snapshot, processed-signal ids, timers, outbox entries, audit records, dead letters
   * and quarantined inputs. A signal for the subject that arrives later starts a new journey.
   * Shared state (counters across subjects) holds no per-subject data and is kept.
   *
   * @return how many rows were deleted
   */
  @Override
  public int erase(SubjectRef subject) {
    String survivor = Objects.requireNonNull(subject, "subject").toString();
    return inTransaction(
        "erase",
        c -> {
          List<String> keys = new ArrayList<>();
          keys.add(survivor);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT alias_value FROM journey_alias WHERE subject = ? AND alias_type = ?")) {
            ps.setString(1, survivor);
            ps.setString(2, Alias.SUBJECT);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                keys.add(rs.getString(1));
              }
            }
          }
          int deleted = 0;
          for (String key : keys) {
            deleted += eraseOne(c, key);
          }
          return deleted;
        });
  }

  /** Erases one subject's rows and alias rows; in the caller's transaction. */
  private int eraseOne(Connection c, String key) throws SQLException {
          int deleted = 0;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM journey_alias WHERE subject = ? OR (alias_type = ? AND alias_value = ?)")) {
            ps.setString(1, key);
            ps.setString(2, Alias.ACCOUNT);
            ps.setString(3, key);
            deleted += ps.executeUpdate();
          }
          for (String table :
              List.of(
                  "journey_snapshot",
                  "journey_inbox",
                  "journey_timer",
                  "journey_outbox",
                  "journey_audit",
                  "journey_dead_letter",
                  "journey_quarantine")) {
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM " + table + " WHERE subject = ?")) {
              ps.setString(1, key);
              deleted += ps.executeUpdate();
            }
          }
          return deleted;
  }

  // ---------------------------------------------------------------- identity graph

  /** Returns {@code true} when a merge left a subject row for {@code subject}. */
  private static boolean mergedAway(Connection c, String subject) throws SQLException {
    return aliasOwner(c, Alias.SUBJECT, subject).isPresent();
  }

  private static Optional<String> aliasOwner(Connection c, String type, String value) throws SQLException {
    return Sql.one(c, "SELECT subject FROM journey_alias WHERE alias_type = ? AND alias_value = ?",
        Sql.params(type, value), rs -> rs.getString(1));
  }

  private static void putAlias(Connection c, Alias alias, String subject, Instant at) throws SQLException {
    try (PreparedStatement del =
        c.prepareStatement("DELETE FROM journey_alias WHERE alias_type = ? AND alias_value = ?")) {
      del.setString(1, alias.type());
      del.setString(2, alias.value());
      del.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO journey_alias (alias_type, alias_value, subject, created_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, alias.type());
      ps.setString(2, alias.value());
      ps.setString(3, subject);
      ps.setLong(4, Instants.key(at));
      ps.executeUpdate();
    }
  }

  @Override
  public Optional<SubjectRef> resolve(Alias alias) {
    Objects.requireNonNull(alias, "alias");
    return read("resolve", c -> aliasOwner(c, alias.type(), alias.value())).map(SubjectRef::parse);
  }

  @Override
  public List<Alias> aliases(SubjectRef subject) {
    String key = Objects.requireNonNull(subject, "subject").toString();
    return read(
        "aliases",
        c -> {
          List<Alias> out =
              Sql.list(c,
                  "SELECT alias_type, alias_value FROM journey_alias WHERE subject = ?"
                      + " ORDER BY alias_type, alias_value",
                  Sql.params(key), rs -> Alias.of(rs.getString(1), rs.getString(2)));
          out.sort(null);
          return List.copyOf(out);
        });
  }

  /**
   * {@link #commit(Commit)} plus alias rows, in one transaction of its own (not grouped with other
   * commits: alias commits are rare, one per new identifier).
   */
  @Override
  public CommitResult commit(Commit commit, List<AliasChange> aliases) {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(aliases, "aliases");
    if (aliases.isEmpty()) {
      return commit(commit);
    }
    return alone(
        "commit",
        c -> {
          CommitResult result = commitIn(c, commit);
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
              try (PreparedStatement ps =
                  c.prepareStatement("DELETE FROM journey_alias WHERE alias_type = ? AND alias_value = ?")) {
                ps.setString(1, change.alias().type());
                ps.setString(2, change.alias().value());
                ps.executeUpdate();
              }
            }
          }
          return CommitResult.COMMITTED;
        });
  }

  @Override
  public CommitResult commitMerge(MergeCommit merge) {
    Objects.requireNonNull(merge, "merge");
    return alone("commitMerge", c -> mergeIn(c, merge));
  }

  private CommitResult mergeIn(Connection c, MergeCommit merge) throws SQLException {
    String survivor = merge.survivor().toString();
    Instant at = merge.audit().isEmpty() ? merge.snapshot().updatedAt() : merge.audit().get(0).recordedAt();
    boolean first =
        insertOnce(
            c,
            "INSERT INTO journey_inbox (signal_id, subject, received_at, fingerprint) VALUES (?, ?, ?, ?)",
            ps -> {
              ps.setString(1, merge.signal().id());
              ps.setString(2, survivor);
              ps.setLong(3, Instants.key(at));
              ps.setString(4, merge.signal().fingerprint());
            });
    if (!first) {
      return CommitResult.DUPLICATE;
    }
    if (merge.refused()) {
      insertAudits(c, merge);
      quarantineIn(c, merge.review().get());
      return CommitResult.COMMITTED;
    }
    // the survivor's compare-and-set
    JourneySnapshot snapshot = merge.snapshot();
    boolean survivorOk = writeSnapshot(c, survivor, snapshot, merge.expectedVersion());
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
            insertOnce(
                c,
                "INSERT INTO journey_snapshot (subject, version, doc_version, doc, updated_at)"
                    + " VALUES (?, 0, ?, ?, ?)",
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
      } else {
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM journey_snapshot WHERE subject = ? AND version = ?")) {
          ps.setString(1, absorbed);
          ps.setLong(2, e.getValue());
          if (ps.executeUpdate() != 1) {
            return CommitResult.CONFLICT;
          }
        }
      }
      if (mergedAway(c, absorbed)) {
        return CommitResult.CONFLICT;
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM journey_timer WHERE subject = ?")) {
        ps.setString(1, absorbed);
        ps.executeUpdate();
      }
      // pending actions move behind the survivor's, in the merge's version slot, ids unchanged
      List<OutboxEntry> moving = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT action_id, doc, doc_version FROM journey_outbox WHERE subject = ? ORDER BY seq")) {
        ps.setString(1, absorbed);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            moving.add(readEntry(rs.getString(2), rs.getInt(3), rs.getString(1)));
          }
        }
      }
      if (!moving.isEmpty()) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE journey_outbox SET subject = ?, seq = ?, doc_version = ?, doc = ? WHERE action_id = ?")) {
          for (OutboxEntry entry : moving) {
            OutboxEntry moved = entry.rekeyed(merge.survivor(), sequence++);
            ps.setString(1, survivor);
            ps.setLong(2, moved.sequence());
            ps.setInt(3, Documents.VERSION);
            ps.setString(4, docs.write(moved));
            ps.setString(5, moved.actionId());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      // aliases: the company link, the absorbed subject's rows, its own subject row
      Optional<String> company = aliasOwner(c, Alias.ACCOUNT, absorbed);
      if (company.isPresent()) {
        try (PreparedStatement ps =
            c.prepareStatement("DELETE FROM journey_alias WHERE alias_type = ? AND alias_value = ?")) {
          ps.setString(1, Alias.ACCOUNT);
          ps.setString(2, absorbed);
          ps.executeUpdate();
        }
        if (aliasOwner(c, Alias.ACCOUNT, survivor).isEmpty()) {
          putAlias(c, Alias.accountOf(merge.survivor()), company.get(), at);
        }
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE journey_alias SET subject = ? WHERE subject = ?")) {
        ps.setString(1, survivor);
        ps.setString(2, absorbed);
        ps.executeUpdate();
      }
      putAlias(c, Alias.subject(e.getKey()), survivor, at);
    }
    applyTimers(c, survivor, merge.timerChanges());
    insertAudits(c, merge);
    if (!placeholders.isEmpty()) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM journey_snapshot WHERE subject = ? AND version = 0")) {
        for (String subject : placeholders) {
          ps.setString(1, subject);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    return CommitResult.COMMITTED;
  }

  private void insertAudits(Connection c, MergeCommit merge) throws SQLException {
    if (!auditEnabled || merge.audit().isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO journey_audit (subject, recorded_at, doc_version, doc, signal_id) VALUES (?, ?, ?, ?, ?)")) {
      for (AuditRecord record : merge.audit()) {
        ps.setString(1, record.before().subject().toString());
        ps.setLong(2, Instants.key(record.recordedAt()));
        ps.setInt(3, Documents.VERSION);
        ps.setString(4, docs.write(record));
        ps.setString(5, record.signal().id());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Runs a write in a transaction of its own (under the write lock of a single-writer database):
   * committed when it returns {@link CommitResult#COMMITTED}, else rolled back; a lost race
   * (serialization failure, deadlock) is a {@link CommitResult#CONFLICT}.
   */
  private CommitResult alone(String operation, Work<CommitResult> work) {
    if (writeLock != null) {
      writeLock.lock();
    }
    try (Connection c = openForWrite()) {
      try {
        CommitResult result = work.run(c);
        if (result == CommitResult.COMMITTED) {
          c.commit();
        } else {
          c.rollback();
        }
        return result;
      } catch (SQLException e) {
        rollbackQuietly(c);
        if (isConcurrencyFailure(e) || dialect.isUniqueViolation(e)) {
          LOG.debug("{} lost a race; reported as a conflict", operation, e);
          return CommitResult.CONFLICT;
        }
        throw e;
      } catch (RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    } finally {
      if (writeLock != null) {
        writeLock.unlock();
      }
    }
  }

  // ---------------------------------------------------------------- quarantine

  @Override
  public void quarantine(QuarantinedInput input) {
    Objects.requireNonNull(input, "input");
    inTransaction(
        "quarantine",
        c -> {
          quarantineIn(c, input);
          return null;
        });
  }

  private void quarantineIn(Connection c, QuarantinedInput input) throws SQLException {
          deleteQuarantined(c, input.kind(), input.id());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO journey_quarantine (kind, input_id, subject, reason, content,"
                      + " attempts, quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, input.kind().name());
            ps.setString(2, input.id());
            ps.setString(3, input.subject().map(SubjectRef::toString).orElse(null));
            ps.setString(4, input.reason());
            ps.setString(5, input.content());
            ps.setInt(6, input.attempts());
            ps.setLong(7, Instants.key(input.quarantinedAt()));
            ps.executeUpdate();
          }
          if (input.kind() == QuarantinedInput.Kind.TIMER) {
            Optional<TimerRow> timer = TimerRow.of(input.id());
            if (timer.isPresent()) {
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE journey_timer SET lease_until = ?, lease_owner = ?"
                          + " WHERE subject = ? AND name = ? AND generation = ?")) {
                ps.setLong(1, Long.MAX_VALUE);
                ps.setString(2, QUARANTINE_OWNER);
                timer.get().bind(ps, 3);
                ps.executeUpdate();
              }
            }
          }
  }

  @Override
  public List<QuarantinedInput> quarantined() {
    return inTransaction(
        "quarantined",
        c ->
            Sql.list(c,
                "SELECT kind, input_id, subject, reason, content, attempts, quarantined_at"
                    + " FROM journey_quarantine ORDER BY quarantined_at, kind, input_id",
                Sql.NONE, JdbcJourneyStore::quarantinedRow));
  }

  @Override
  public Optional<QuarantinedInput> inspect(QuarantinedInput.Kind kind, String id) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    return inTransaction("inspect", c -> selectQuarantined(c, kind, id));
  }

  @Override
  public Optional<QuarantinedInput> requeue(QuarantinedInput.Kind kind, String id, Instant now) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(now, "now");
    return inTransaction(
        "requeue",
        c -> {
          Optional<QuarantinedInput> found = selectQuarantined(c, kind, id);
          if (found.isEmpty()) {
            return found;
          }
          deleteQuarantined(c, kind, id);
          Optional<TimerRow> timer =
              kind == QuarantinedInput.Kind.TIMER ? TimerRow.of(id) : Optional.empty();
          if (timer.isPresent()) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE journey_timer SET lease_until = NULL, lease_owner = NULL"
                        + " WHERE subject = ? AND name = ? AND generation = ?")) {
              timer.get().bind(ps, 1);
              ps.executeUpdate();
            }
          }
          return found;
        });
  }

  @Override
  public boolean discard(QuarantinedInput.Kind kind, String id) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    return inTransaction(
        "discardQuarantined",
        c -> {
          if (deleteQuarantined(c, kind, id) == 0) {
            return false;
          }
          Optional<TimerRow> timer =
              kind == QuarantinedInput.Kind.TIMER ? TimerRow.of(id) : Optional.empty();
          if (timer.isPresent()) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "DELETE FROM journey_timer WHERE subject = ? AND name = ? AND generation = ?")) {
              timer.get().bind(ps, 1);
              ps.executeUpdate();
            }
          }
          return true;
        });
  }

  private static int deleteQuarantined(Connection c, QuarantinedInput.Kind kind, String id)
      throws SQLException {
    return Sql.update(c, "DELETE FROM journey_quarantine WHERE kind = ? AND input_id = ?",
        Sql.params(kind.name(), id));
  }

  private static Optional<QuarantinedInput> selectQuarantined(
      Connection c, QuarantinedInput.Kind kind, String id) throws SQLException {
    return Sql.one(c,
        "SELECT kind, input_id, subject, reason, content, attempts, quarantined_at"
            + " FROM journey_quarantine WHERE kind = ? AND input_id = ?",
        Sql.params(kind.name(), id), JdbcJourneyStore::quarantinedRow);
  }

  private static QuarantinedInput quarantinedRow(ResultSet rs) throws SQLException {
    String subject = rs.getString(3);
    return new QuarantinedInput(
        QuarantinedInput.Kind.valueOf(rs.getString(1)),
        rs.getString(2),
        subject == null ? Optional.empty() : Optional.of(SubjectRef.parse(subject)),
        rs.getString(4),
        rs.getString(5),
        rs.getInt(6),
        Instants.fromKey(rs.getLong(7)));
  }

  /** The row key of the timer a firing signal id ({@code timer:<type>:<id>:<name>:<gen>}) names. */
  private record TimerRow(String subject, String name, long generation) {
    static Optional<TimerRow> of(String signalId) {
      if (!signalId.startsWith("timer:")) {
        return Optional.empty();
      }
      String rest = signalId.substring("timer:".length());
      int typeEnd = rest.indexOf(':');
      int idEnd = typeEnd < 0 ? -1 : rest.indexOf(':', typeEnd + 1);
      int genStart = rest.lastIndexOf(':');
      if (idEnd < 0 || genStart <= idEnd) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new TimerRow(
                rest.substring(0, idEnd),
                rest.substring(idEnd + 1, genStart),
                Long.parseLong(rest.substring(genStart + 1))));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    void bind(PreparedStatement ps, int first) throws SQLException {
      ps.setString(first, subject);
      ps.setString(first + 1, name);
      ps.setLong(first + 2, generation);
    }
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

  /** A claimed candidate row. */
  private static final class Row {
    final long id;
    final String textId;
    final String subject;
    final int docVersion;
    final String doc;

    Row(long id, String subject, int docVersion, String doc) {
      this.id = id;
      this.textId = null;
      this.subject = subject;
      this.docVersion = docVersion;
      this.doc = doc;
    }

    Row(String textId, String subject, int docVersion, String doc) {
      this.id = 0;
      this.textId = textId;
      this.subject = subject;
      this.docVersion = docVersion;
      this.doc = doc;
    }
  }

  // ---------------------------------------------------------------- deployments

  @Override
  public Optional<JourneyDeployment> deployment(String journey) {
    Objects.requireNonNull(journey, "journey");
    return read("deployment", c -> readDeployment(c, journey));
  }

  private Optional<JourneyDeployment> readDeployment(Connection c, String journey) throws SQLException {
    String where = "deployment of " + journey;
    return Sql.one(c, "SELECT doc_version, doc FROM journey_deployment WHERE journey = ?", Sql.params(journey),
        rs -> {
          return docs.readDeployment(rs.getString(2), rs.getInt(1), where);
        });
  }

  @Override
  public List<String> deployedJourneys() {
    return read(
        "deployedJourneys",
        c ->
            List.copyOf(
                Sql.list(c, "SELECT journey FROM journey_deployment ORDER BY journey", Sql.NONE,
                    rs -> rs.getString(1))));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One transaction: an insert for the first revision (the primary key makes a concurrent
   * first save lose), an update guarded by {@code revision = expectedRevision} otherwise.
   */
  @Override
  public void saveDeployment(JourneyDeployment next, long expectedRevision) {
    Objects.requireNonNull(next, "next");
    DeploymentStore.requireNextRevision(next, expectedRevision);
    String journey = next.journey();
    boolean saved;
    try {
      saved =
          inTransaction(
              "saveDeployment",
              c -> {
                if (expectedRevision == 0) {
                  return insertOnce(
                      c,
                      "INSERT INTO journey_deployment (journey, revision, doc_version, doc, updated_at)"
                          + " VALUES (?, ?, ?, ?, ?)",
                      ps -> bindDeployment(ps, next));
                }
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE journey_deployment SET revision = ?, doc_version = ?, doc = ?,"
                            + " updated_at = ? WHERE journey = ? AND revision = ?")) {
                  ps.setLong(1, next.revision());
                  ps.setInt(2, Documents.VERSION);
                  ps.setString(3, DeploymentJson.write(next));
                  ps.setLong(4, Instants.key(lastChange(next)));
                  ps.setString(5, journey);
                  ps.setLong(6, expectedRevision);
                  return ps.executeUpdate() == 1;
                }
              });
    } catch (JdbcStoreException e) {
      if (e.getCause() instanceof SQLException sql && isConcurrencyFailure(sql)) {
        saved = false;
      } else {
        throw e;
      }
    }
    if (!saved) {
      long actual = deployment(journey).map(JourneyDeployment::revision).orElse(0L);
      throw new DeploymentConflictException(journey, expectedRevision, actual);
    }
  }

  private void bindDeployment(PreparedStatement ps, JourneyDeployment next) throws SQLException {
    ps.setString(1, next.journey());
    ps.setLong(2, next.revision());
    ps.setInt(3, Documents.VERSION);
    ps.setString(4, DeploymentJson.write(next));
    ps.setLong(5, Instants.key(lastChange(next)));
  }

  private static Instant lastChange(JourneyDeployment d) {
    return d.history().isEmpty() ? Instant.EPOCH : d.history().get(d.history().size() - 1).at();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the snapshot documents that mention one of the keys (a {@code LIKE} prefilter), so
   * it costs a scan of the snapshot table: meant for status, not for every decision.
   */
  @Override
  public Map<String, Long> pinnedCounts(String journey, java.util.Set<String> ruleSetKeys) {
    Objects.requireNonNull(journey, "journey");
    Map<String, Long> counts = new java.util.TreeMap<>();
    ruleSetKeys.forEach(k -> counts.put(k, 0L));
    if (counts.isEmpty()) {
      return counts;
    }
    List<String> keys = List.copyOf(counts.keySet());
    StringBuilder sql = new StringBuilder("SELECT subject, doc_version, doc FROM journey_snapshot WHERE ");
    for (int i = 0; i < keys.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append("doc LIKE ?");
    }
    return read(
        "pinnedCounts",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < keys.size(); i++) {
              ps.setString(i + 1, "%" + keys.get(i) + "%");
            }
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                JourneySnapshot snapshot =
                    docs.read(rs.getString(3), rs.getInt(2), JourneySnapshot.class,
                        "snapshot of " + rs.getString(1));
                String key =
                    snapshot.journey(journey).isPresent()
                    ? snapshot.journey(journey).get().ruleSet().orElse("")
                    : snapshot.ruleSet().orElse("");
                counts.computeIfPresent(key, (k, n) -> n + 1);
              }
            }
          }
          return counts;
        });
  }

  /**
   * Configures a {@link JdbcJourneyStore}. Setters validate immediately; {@link #build()}
   * connects, detects the database and creates or migrates the schema. Not thread-safe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private Duration inboxRetention = DEFAULT_INBOX_RETENTION;
    private Optional<Duration> auditRetention = Optional.empty();
    private Optional<Duration> deadLetterRetention = Optional.empty();
    private boolean auditEnabled = true;
    private String instanceId = "journey-" + UUID.randomUUID();
    private int maxGroup = DEFAULT_MAX_GROUP;
    private int commitLanes = DEFAULT_COMMIT_LANES;
    private boolean batchStatements = true;

    Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The clock for retention and migration stamps; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long processed signal ids are kept (a redelivery after that is processed again);
     * default {@link #DEFAULT_INBOX_RETENTION}.
     *
     * @throws IllegalArgumentException when shorter than {@link #MIN_INBOX_RETENTION}
     */
    public Builder inboxRetention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.compareTo(MIN_INBOX_RETENTION) < 0) {
        throw new IllegalArgumentException(
            "inboxRetention must be >= " + MIN_INBOX_RETENTION + ", but was " + retention);
      }
      this.inboxRetention = retention;
      return this;
    }

    /**
     * How long audit records are kept by {@link JdbcJourneyStore#purgeExpired(Instant)}; default
     * forever.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder auditRetention(Duration retention) {
      this.auditRetention = Optional.of(positive(retention, "auditRetention"));
      return this;
    }

    /**
     * How long dead letters are kept by {@link JdbcJourneyStore#purgeExpired(Instant)}; default forever.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder deadLetterRetention(Duration retention) {
      this.deadLetterRetention = Optional.of(positive(retention, "deadLetterRetention"));
      return this;
    }

    /**
     * The name this store writes on the leases it takes, so that {@link
     * JdbcJourneyStore#releaseLeases()} can give them back after a restart; default a random id.
     * Give each process sharing a database a different, stable name (e.g. the host name).
     *
     * @throws IllegalArgumentException when blank or longer than 128 characters
     */
    public Builder instanceId(String id) {
      Objects.requireNonNull(id, "id");
      if (id.isBlank() || id.length() > 128) {
        throw new IllegalArgumentException(
            "instanceId must be 1 to 128 non-blank characters, but was '" + id + "'");
      }
      this.instanceId = id;
      return this;
    }

    /**
     * The most signals group commit puts in one transaction; default {@link #DEFAULT_MAX_GROUP}.
     * 1 turns grouping off (one transaction, one fsync, per signal). Keep it at most 64 on
     * PostgreSQL, where each grouped signal is a subtransaction.
     *
     * @throws IllegalArgumentException when not between 1 and 1,024
     */
    public Builder maxGroup(int signals) {
      if (signals < 1 || signals > 1024) {
        throw new IllegalArgumentException("maxGroup must be 1 to 1024, but was " + signals);
      }
      this.maxGroup = signals;
      return this;
    }

    /**
     * How many commit pipelines run transactions in parallel on a database with concurrent
     * writers (H2, PostgreSQL); a subject always uses the same one. Default {@link
     * #DEFAULT_COMMIT_LANES}. SQLite always has one (one writer).
     *
     * @throws IllegalArgumentException when not between 1 and 64
     */
    public Builder commitLanes(int lanes) {
      if (lanes < 1 || lanes > 64) {
        throw new IllegalArgumentException("commitLanes must be 1 to 64, but was " + lanes);
      }
      this.commitLanes = lanes;
      return this;
    }

    /** Whether commits write audit records; default {@code true}. */
    public Builder audit(boolean enabled) {
      this.auditEnabled = enabled;
      return this;
    }

    /**
     * Whether a group of commits writes each table with one JDBC batch statement for the whole
     * group (default {@code true}) rather than each commit's statements inside its own savepoint.
     * The results are the same either way; {@code false} is for comparing the two.
     */
    public Builder batchStatements(boolean enabled) {
      this.batchStatements = enabled;
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be > 0, but was " + d);
      }
      return d;
    }

    /**
     * Connects, creates or migrates the schema and returns the store.
     *
     * @throws JdbcStoreException when the database is unreachable, not H2 or PostgreSQL, or holds
     *     a schema newer than this library
     */
    public JdbcJourneyStore build() {
      try (Connection c = dataSource.getConnection()) {
        Dialect dialect = Dialect.detect(c);
        int found = Schema.migrate(c, dialect, clock.instant());
        if (found < Schema.CURRENT_VERSION) {
          LOG.info("journey schema migrated from version {} to {}", found, Schema.CURRENT_VERSION);
        }
        return new JdbcJourneyStore(this, dialect);
      } catch (SQLException e) {
        throw new JdbcStoreException("build", e);
      }
    }
  }

}
