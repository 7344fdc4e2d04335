package dev.journey.jdbc;

import dev.journey.core.SubjectRef;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.SharedWrite;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.GroupCommit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's commit path: group commit over one or more lanes ({@link GroupCommit}), each group
 * one transaction, written as JDBC batches ({@link BatchedGroup}) where that is exact and one
 * savepoint per commit otherwise; and the statements of one commit ({@link #commitIn}), which the
 * alias commit reuses in a transaction of its own.
 */
final class CommitPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcJourneyStore.class);
  private static final String SNAPSHOT_EXISTS = "SELECT 1 FROM journey_snapshot WHERE subject = ?";
  static final String TOUCH_SNAPSHOT =
      "UPDATE journey_snapshot SET version = version WHERE subject = ? AND version = ?";
  private static final String INSERT_SHARED =
      "INSERT INTO journey_shared (shared_key, version, doc_version, doc) VALUES (?, 1, ?, ?)";
  private static final String UPDATE_SHARED =
      "UPDATE journey_shared SET version = ?, doc_version = ?, doc = ?"
          + " WHERE shared_key = ? AND version = ?";

  private final Transactions tx;
  private final Dialect dialect;
  private final Documents docs;
  private final RowWrites rows;
  private final boolean auditEnabled;
  private final boolean batchStatements;
  private final int maxBatch;
  private final BatchedGroup batchedGroup;
  /** The group's statements over arrays on PostgreSQL ({@link PostgresGroup}); null elsewhere. */
  private final PostgresGroup postgresGroup;
  private final List<GroupCommit<Queued, CommitResult>> lanes;
  /**
   * PostgreSQL's lane choice by load ({@link AdaptiveLanes}), when there are several lanes; null
   * elsewhere (H2 hashes a commit's subject onto its lane, SQLite has one).
   */
  private final AdaptiveLanes adaptive;
  /** Whether a subject was merged away (its first snapshot must not come back). */
  private final MergedAway mergedAway;

  /**
   * A commit waiting in a lane, with its documents when its own thread wrote them before it
   * queued (on PostgreSQL, when the lane is busy: the group's leader then does not write them
   * while it holds the group's lock and the others wait).
   */
  record Queued(Commit commit, Optional<BatchedGroup.Docs> docs) {}

  /** Tells whether a merge left an alias row for a subject, in the caller's transaction. */
  @FunctionalInterface
  interface MergedAway {
    boolean test(Connection c, String subject) throws SQLException;
  }

  CommitPipeline(
      Transactions tx,
      Documents docs,
      RowWrites rows,
      MergedAway mergedAway,
      boolean auditEnabled,
      boolean batchStatements,
      int maxGroup,
      int maxBatch,
      int commitLanes) {
    this.tx = tx;
    this.dialect = tx.dialect();
    this.docs = docs;
    this.rows = rows;
    this.mergedAway = mergedAway;
    this.auditEnabled = auditEnabled;
    this.batchStatements = batchStatements;
    this.maxBatch = maxBatch;
    this.batchedGroup = new BatchedGroup(docs, auditEnabled, dialect);
    this.postgresGroup =
        dialect == Dialect.POSTGRESQL ? new PostgresGroup(docs, auditEnabled) : null;
    int laneCount = dialect.singleWriter() ? 1 : commitLanes;
    List<GroupCommit<Queued, CommitResult>> built = new ArrayList<>(laneCount);
    for (int i = 0; i < laneCount; i++) {
      built.add(new GroupCommit<>(maxGroup, this::commitQueued));
    }
    this.lanes = List.copyOf(built);
    this.adaptive =
        dialect == Dialect.POSTGRESQL && laneCount > 1 ? new AdaptiveLanes(laneCount, maxGroup) : null;
  }

  /**
   * Submits {@code commit} to a lane and returns once its group committed: on PostgreSQL the
   * first lane whose next group is not full, or the lane of its subject's commit in flight
   * ({@link AdaptiveLanes}, which says why that cannot deadlock); elsewhere its subject's lane.
   */
  CommitResult commit(Commit commit) {
    Objects.requireNonNull(commit, "commit");
    if (lanes.size() == 1) {
      return submit(lanes.get(0), commit);
    }
    if (adaptive == null) {
      return submit(
          lanes.get(Math.floorMod(commit.signal().subject().hashCode(), lanes.size())), commit);
    }
    SubjectRef subject = commit.signal().subject();
    int lane = adaptive.acquire(subject, i -> lanes.get(i).queued());
    try {
      return submit(lanes.get(lane), commit);
    } finally {
      adaptive.release(subject);
    }
  }

  private CommitResult submit(GroupCommit<Queued, CommitResult> lane, Commit commit) {
    return lane.submit(new Queued(commit, prewrite(commit, lane)));
  }

  /**
   * {@code commit}'s documents, written by its own thread before it queues, when it will most
   * likely be written as a batch (by {@link PostgresGroup} on PostgreSQL, by {@link BatchedGroup}
   * on SQLite, whose one writer holds its lock for the whole group: batch statements, a busy
   * lane, no shared writes); empty otherwise, or when a document cannot be written (its commit
   * then fails in the group as before).
   */
  private Optional<BatchedGroup.Docs> prewrite(
      Commit commit, GroupCommit<Queued, CommitResult> lane) {
    if ((postgresGroup == null && dialect != Dialect.SQLITE)
        || !batchStatements
        || !commit.sharedWrites().isEmpty()
        || !lane.busy()) {
      return Optional.empty();
    }
    try {
      return Optional.of(BatchedGroup.docs(docs, auditEnabled, commit));
    } catch (SQLException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Commits {@code commits} in groups of at most {@code maxBatch}, beside the lanes. On SQLite a
   * group that will be written as a batch has its documents written first, before the writer's
   * lock is taken (the signals' commits and claims wait for that lock meanwhile).
   */
  List<CommitResult> commitAll(List<Commit> commits) {
    Objects.requireNonNull(commits, "commits");
    List<Commit> all = List.copyOf(commits);
    List<CommitResult> results = new ArrayList<>(all.size());
    for (int from = 0; from < all.size(); from += maxBatch) {
      List<Commit> group = all.subList(from, Math.min(all.size(), from + maxBatch));
      boolean prewrite =
          dialect == Dialect.SQLITE && batchStatements && BatchedGroup.eligible(group);
      for (GroupCommit.Result<CommitResult> r :
          prewrite ? commitGroupPrewritten(group) : commitGroup(group)) {
        if (r.failure() != null) {
          throw r.failure();
        }
        results.add(r.value());
      }
    }
    return results;
  }

  /** How many groups were written as JDBC batches. */
  long batchedGroups() {
    return batchedGroup.written() + (postgresGroup != null ? postgresGroup.written() : 0);
  }

  List<GroupCommit.Result<CommitResult>> commitGroup(List<Commit> group) {
    List<Queued> queued = new ArrayList<>(group.size());
    for (Commit commit : group) {
      queued.add(new Queued(commit, Optional.empty()));
    }
    return commitQueued(queued);
  }

  /**
   * {@link #commitGroup} with every commit's documents written first, as the threads of a busy
   * lane write theirs before they queue (PostgreSQL and SQLite); for tests of that path.
   */
  List<GroupCommit.Result<CommitResult>> commitGroupPrewritten(List<Commit> group) {
    List<Queued> queued = new ArrayList<>(group.size());
    for (Commit commit : group) {
      Optional<BatchedGroup.Docs> written;
      try {
        written = Optional.of(BatchedGroup.docs(docs, auditEnabled, commit));
      } catch (SQLException | RuntimeException e) {
        written = Optional.empty();
      }
      queued.add(new Queued(commit, written));
    }
    return commitQueued(queued);
  }

  private List<GroupCommit.Result<CommitResult>> commitQueued(List<Queued> queued) {
    return tx.locked(() -> commitGroupLocked(queued));
  }

  private List<GroupCommit.Result<CommitResult>> commitGroupLocked(List<Queued> queued) {
    List<Commit> group = new ArrayList<>(queued.size());
    List<Optional<BatchedGroup.Docs>> written = new ArrayList<>(queued.size());
    for (Queued q : queued) {
      group.add(q.commit());
      written.add(q.docs());
    }
    try (Connection c = tx.openForWrite()) {
      try {
        List<GroupCommit.Result<CommitResult>> results =
            group.size() == 1
                ? List.of(commitAlone(c, group.get(0)))
                : commitSeveral(c, group, written);
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
        Transactions.rollbackQuietly(c);
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
      if (Transactions.isConcurrencyFailure(e)) {
        LOG.debug("commit for {} lost a race; reported as a conflict", commit.signal().subject(), e);
        Transactions.rollbackQuietly(c);
        return GroupCommit.Result.of(CommitResult.CONFLICT);
      }
      throw e;
    }
  }

  /**
   * Several commits in one transaction: as JDBC batches across the group where that is exact
   * ({@link BatchedGroup}; on PostgreSQL {@link PostgresGroup}), else each in its own savepoint.
   */
  private List<GroupCommit.Result<CommitResult>> commitSeveral(
      Connection c, List<Commit> group, List<Optional<BatchedGroup.Docs>> written)
      throws SQLException {
    if (batchStatements && BatchedGroup.eligible(group)) {
      Optional<List<CommitResult>> batched =
          postgresGroup != null
              ? postgresGroup.write(c, group, written)
              : batchedGroup.write(c, group, written);
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
        if (Transactions.isConcurrencyFailure(e)) {
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

  /**
   * The statements of one commit in {@code c}'s transaction: inbox, snapshot compare-and-set,
   * shared-state compare-and-sets, timers, outbox, audit. A duplicate or conflict returns before
   * writing the rest; the caller rolls back what was written.
   */
  CommitResult commitIn(Connection c, Commit commit) throws SQLException {
    String subject = commit.signal().subject().toString();
    // 1. inbox: the unique signal id is the idempotency key
    if (!rows.insertInbox(
        c, commit.signal().id(), subject, commit.audit().recordedAt(), commit.signal().fingerprint())) {
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
    rows.applyTimers(c, subject, commit.timerChanges());
    // 5. outbox
    rows.insertOutbox(c, commit.outbox());
    // 6. audit
    if (auditEnabled) {
      rows.insertAudits(c, subject, commit.audit().recordedAt(), commit.audit(), commit.moreAudits());
    }
    return CommitResult.COMMITTED;
  }

  private boolean casSnapshot(Connection c, Commit commit, String subject) throws SQLException {
    long expected = commit.expectedVersion();
    if (!commit.changesSnapshot()) {
      // Unchanged snapshot: only check (and lock) the version.
      if (expected == 0) {
        return Sql.one(c, SNAPSHOT_EXISTS, Sql.params(subject), rs -> true).isEmpty();
      }
      return Sql.update(c, TOUCH_SNAPSHOT, Sql.params(subject, expected)) == 1;
    }
    boolean written = rows.writeSnapshot(c, subject, commit.snapshot(), expected);
    // a first snapshot is checked after its insert, which waits for a merge deleting this
    // subject's row: a subject merged away belongs to its survivor and must not come back
    return expected == 0 ? written && !mergedAway.test(c, subject) : written;
  }

  private boolean casShared(Connection c, SharedWrite write) throws SQLException {
    if (write.expectedVersion() == 0) {
      return Sql.insertOnce(
          c,
          dialect,
          INSERT_SHARED,
          ps -> {
            ps.setString(1, write.key());
            ps.setInt(2, Documents.VERSION);
            ps.setString(3, docs.write(write.values()));
          });
    }
    return Sql.update(
            c,
            UPDATE_SHARED,
            Sql.params(
                write.expectedVersion() + 1,
                Documents.VERSION,
                docs.write(write.values()),
                write.key(),
                write.expectedVersion()))
        == 1;
  }
}
