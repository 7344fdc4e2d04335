package dev.journey.jdbc;

import dev.journey.core.Alias;
import dev.journey.core.SubjectRef;
import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.spi.AliasChange;
import dev.journey.core.spi.AliasStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.Erasure;
import dev.journey.core.spi.InboxRecord;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.MergeCommit;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.PurgeReport;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.spi.Retention;
import dev.journey.core.spi.RuleSetSources;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Documents;
import dev.journey.jdbc.internal.GroupCommit;
import dev.journey.jdbc.internal.Instants;
import dev.journey.jdbc.internal.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 * <p>This class is the public face; the work is done by package-private collaborators, one per
 * concern, all running their statements through {@code Sql} in transactions from {@code
 * Transactions}: the commit pipeline ({@code CommitPipeline}, {@code BatchedGroup}, {@code
 * RowWrites}), timer and outbox claims ({@code Claims}), the outbox after delivery ({@code
 * Outbox}), the identity graph and merges ({@code Identity}), retention and erasure ({@code
 * Purges}), quarantine, the audit log and deployments; the schema and its migrations are {@code
 * internal.Schema}'s.
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
  /**
   * Default most commits of one {@link #commitAll} call written in one transaction on SQLite (one
   * writer, so a larger transaction waits for nobody): 512, the engine's batch of claimed timers.
   */
  public static final int DEFAULT_SQLITE_MAX_BATCH = 512;
  /** Default number of commit pipelines on a database with concurrent writers: 2. */
  public static final int DEFAULT_COMMIT_LANES = 2;

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

  private final Dialect dialect;
  private final String instanceId;
  private final Documents docs = new Documents();
  // the collaborators, one per concern; each runs its statements through Sql and Transactions
  private final Transactions tx;
  private final CommitPipeline pipeline;
  private final Claims claims;
  private final Outbox outbox;
  private final AuditLog auditLog;
  private final Purges purges;
  private final Quarantine quarantine;
  private final Identity identity;
  private final Deployments deployments;
  /**
   * PostgreSQL's coalesced lookups (at most {@link Builder#commitLanes} statements in flight);
   * null on the other databases.
   */
  private final PostgresLookups lookups;

  private JdbcJourneyStore(Builder b, Dialect dialect) {
    this.dialect = dialect;
    this.instanceId = b.instanceId;
    this.tx = new Transactions(b.dataSource, dialect);
    RowWrites rows = new RowWrites(dialect, docs);
    this.pipeline =
        new CommitPipeline(
            tx, docs, rows, Identity::mergedAway, b.auditEnabled, b.batchStatements, b.maxGroup, b.batchFor(dialect),
            b.commitLanes);
    this.claims = new Claims(tx, docs, b.instanceId);
    this.outbox = new Outbox(tx, docs, rows);
    this.auditLog = new AuditLog(tx, docs, b.clock);
    this.purges = new Purges(tx, b.inboxRetention, b.auditRetention, b.deadLetterRetention);
    this.quarantine = new Quarantine(tx);
    this.identity = new Identity(tx, docs, rows, pipeline, quarantine, b.auditEnabled);
    this.deployments = new Deployments(tx, docs);
    this.lookups =
        dialect == Dialect.POSTGRESQL
            ? new PostgresLookups(tx, docs, b.commitLanes, this::lookupOne)
            : null;
  }

  /** Starts a builder over {@code dataSource} (a pool: the store borrows one connection per call). */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** The database's schema version (see {@code docs/operations.md}). */
  public int schemaVersion() {
    try (Connection c = tx.connection()) {
      return Schema.currentVersion(c);
    } catch (SQLException e) {
      throw new JdbcStoreException("schemaVersion", e);
    }
  }

  /** The database product: {@code "SQLite"}, {@code "H2"} or {@code "PostgreSQL"}. */
  public String databaseName() {
    return dialect.productName();
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Optional<JourneySnapshot> load(SubjectRef subject) {
    String key = Objects.requireNonNull(subject, "subject").toString();
    return tx.readOne(
        "load",
        c ->
            Sql.one(c, "SELECT doc_version, doc FROM journey_snapshot WHERE subject = ?", Sql.params(key),
                rs -> docs.read(rs.getString(2), rs.getInt(1), JourneySnapshot.class, "snapshot of " + key)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>On PostgreSQL concurrent lookups are coalesced: the lookups queued while {@link
   * Builder#commitLanes} statements are running are answered together by the next one statement
   * (one primary-key probe each, one round trip for all). Each still sees every commit that
   * completed before it was called.
   */
  @Override
  public SubjectLookup lookup(SubjectRef subject, String signalId) {
    String key = Objects.requireNonNull(subject, "subject").toString();
    Objects.requireNonNull(signalId, "signalId");
    if (lookups != null) {
      return lookups.lookup(key, signalId);
    }
    return lookupOne(key, signalId);
  }

  /** One lookup in one {@link #LOOKUP_SQL} statement: the snapshot of {@code key} and the inbox record of {@code signalId}. */
  SubjectLookup lookupOne(String key, String signalId) {
    return tx.readOne(
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
    return tx.read(
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
   * whose statements fail, fails alone; the others commit. The result is returned only once the
   * group's transaction has committed; when that fails, every commit of the group fails and none
   * is acknowledged.
   */
  @Override
  public CommitResult commit(Commit commit) {
    return pipeline.commit(commit);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the commits go in groups of at most {@link Builder#maxBatch} (one transaction, one
   * fsync, JDBC batch statements each), beside the pipeline of {@link #commit}. A commit whose
   * own statements fail fails the call after its group committed.
   */
  @Override
  public List<CommitResult> commitAll(List<Commit> commits) {
    return pipeline.commitAll(commits);
  }

  /**
   * Commits {@code group} as one group — one transaction, a savepoint per commit — as the
   * pipeline does with concurrent callers of {@link #commit}; for tests of the group's semantics.
   */
  List<GroupCommit.Result<CommitResult>> commitAsOneGroup(List<Commit> group) {
    return pipeline.commitGroup(List.copyOf(group));
  }

  /**
   * {@link #commitAsOneGroup} with each commit's documents written before the group runs, as the
   * committing threads of a busy lane write theirs on PostgreSQL; for tests of that path.
   */
  List<GroupCommit.Result<CommitResult>> commitAsOneGroupPrewritten(List<Commit> group) {
    return pipeline.commitGroupPrewritten(List.copyOf(group));
  }

  /** How many groups were written as JDBC batches; for tests. */
  long batchedGroups() {
    return pipeline.batchedGroups();
  }

  // ---------------------------------------------------------------- timers and outbox claims

  /**
   * The timer claim's query (parameters: now, now, limit); package-private for the test that
   * checks with {@code EXPLAIN} that PostgreSQL answers it from
   * {@code journey_timer_due_order} (schema 8 on PostgreSQL, 9 on SQLite).
   */
  static String claimTimersSql(Dialect dialect) {
    return Claims.claimTimersSql(dialect);
  }

  /**
   * The outbox claim's query (parameters: now, now, limit): the ready head of each subject's
   * queue; package-private for the test that checks its plan with {@code EXPLAIN}.
   */
  static String claimActionsSql(Dialect dialect) {
    return Claims.claimActionsSql(dialect);
  }

  @Override
  public List<DueTimer> claimDueTimers(Instant now, Duration lease, int limit) {
    return claims.claimDueTimers(now, lease, limit);
  }

  @Override
  public Optional<Instant> nextTimerDue() {
    return claims.nextTimerDue();
  }

  @Override
  public List<OutboxEntry> claimActions(Instant now, Duration lease, int limit) {
    return claims.claimActions(now, lease, limit);
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
    return claims.releaseLeases();
  }

  /** The name written on this store's leases. */
  public String instanceId() {
    return instanceId;
  }

  // ---------------------------------------------------------------- outbox

  @Override
  public void markDone(String actionId) {
    outbox.markDone(actionId);
  }

  @Override
  public void retryLater(OutboxEntry entry) {
    outbox.retryLater(entry);
  }

  @Override
  public void deadLetter(OutboxEntry entry, String reason, Instant at) {
    outbox.deadLetter(entry, reason, at);
  }

  @Override
  public List<DeadLetter> deadLetters() {
    return outbox.deadLetters();
  }

  @Override
  public boolean requeue(String actionId, Instant now) {
    return outbox.requeue(actionId, now);
  }

  @Override
  public boolean discard(String actionId) {
    return outbox.discard(actionId);
  }

  @Override
  public List<OutboxEntry> pendingActions() {
    return outbox.pendingActions();
  }

  // ---------------------------------------------------------------- audit and rule-set archive

  @Override
  public List<AuditRecord> audit(SubjectRef subject) {
    return auditLog.audit(subject);
  }

  @Override
  public boolean archive(RuleSetSources sources) {
    return auditLog.archive(sources);
  }

  @Override
  public Optional<RuleSetSources> archived(String hash) {
    return auditLog.archived(hash);
  }

  /**
   * The first {@code limit} audit records in commit order, oldest first (every decision, for
   * {@code journey reproduce --all --store}).
   *
   * @throws IllegalArgumentException when {@code limit} is not positive
   * @throws JdbcStoreException when the database fails
   */
  public List<AuditRecord> auditAll(int limit) {
    return auditLog.auditAll(limit);
  }

  /**
   * The audit records of the decisions on one signal id (a timer firing's id included), oldest
   * first: one, unless the id was reused after its inbox record expired; empty when the id was
   * never decided on, its audit was purged, or it was written before schema version 3.
   *
   * @throws JdbcStoreException when the database fails
   */
  public List<AuditRecord> auditOf(String signalId) {
    return auditLog.auditOf(signalId);
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
    return purges.purgeExpired(now);
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
    return purges.erase(subject);
  }

  // ---------------------------------------------------------------- identity graph

  @Override
  public Optional<SubjectRef> resolve(Alias alias) {
    return identity.resolve(alias);
  }

  @Override
  public List<Alias> aliases(SubjectRef subject) {
    return identity.aliases(subject);
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
    return identity.commit(commit, aliases);
  }

  @Override
  public CommitResult commitMerge(MergeCommit merge) {
    return identity.commitMerge(merge);
  }

  // ---------------------------------------------------------------- quarantine

  @Override
  public void quarantine(QuarantinedInput input) {
    quarantine.quarantine(input);
  }

  @Override
  public List<QuarantinedInput> quarantined() {
    return quarantine.quarantined();
  }

  @Override
  public Optional<QuarantinedInput> inspect(QuarantinedInput.Kind kind, String id) {
    return quarantine.inspect(kind, id);
  }

  @Override
  public Optional<QuarantinedInput> requeue(QuarantinedInput.Kind kind, String id, Instant now) {
    return quarantine.requeue(kind, id, now);
  }

  @Override
  public boolean discard(QuarantinedInput.Kind kind, String id) {
    return quarantine.discard(kind, id);
  }

  // ---------------------------------------------------------------- deployments

  @Override
  public Optional<JourneyDeployment> deployment(String journey) {
    return deployments.deployment(journey);
  }

  @Override
  public List<String> deployedJourneys() {
    return deployments.deployedJourneys();
  }

  /**
   * {@inheritDoc}
   *
   * <p>One transaction: an insert for the first revision (the primary key makes a concurrent
   * first save lose), an update guarded by {@code revision = expectedRevision} otherwise.
   */
  @Override
  public void saveDeployment(JourneyDeployment next, long expectedRevision) {
    deployments.saveDeployment(next, expectedRevision);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the snapshot documents that mention one of the keys (a {@code LIKE} prefilter), so
   * it costs a scan of the snapshot table: meant for status, not for every decision.
   */
  @Override
  public Map<String, Long> pinnedCounts(String journey, Set<String> ruleSetKeys) {
    return deployments.pinnedCounts(journey, ruleSetKeys);
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
    private int maxBatch;
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
     * The most commits of one {@link JdbcJourneyStore#commitAll} call (the engine's batch of
     * claimed timers) written in one transaction, and so one fsync. Default: {@link
     * #DEFAULT_SQLITE_MAX_BATCH} on SQLite unless {@link #maxGroup} is 1, else {@link #maxGroup}
     * (on PostgreSQL a group that falls back to one savepoint per commit runs a subtransaction
     * each). Results are the same for any size; a larger one holds the write lock longer.
     *
     * @throws IllegalArgumentException when not between 1 and 4,096
     */
    public Builder maxBatch(int commits) {
      if (commits < 1 || commits > 4096) {
        throw new IllegalArgumentException("maxBatch must be 1 to 4096, but was " + commits);
      }
      this.maxBatch = commits;
      return this;
    }

    private int batchFor(Dialect dialect) {
      if (maxBatch > 0) {
        return maxBatch;
      }
      return dialect.singleWriter() && maxGroup > 1 ? Math.max(maxGroup, DEFAULT_SQLITE_MAX_BATCH) : maxGroup;
    }

    /**
     * How many commit pipelines run transactions in parallel on a database with concurrent
     * writers (H2, PostgreSQL). On H2 a subject always uses the same one; on PostgreSQL a commit
     * joins the first lane whose next group is not full (one lane under light load, more as
     * groups fill), and stays on the lane of its subject's commit in flight. Default {@link
     * #DEFAULT_COMMIT_LANES}. SQLite always has one (one writer). On PostgreSQL it also bounds
     * the coalesced {@link JdbcJourneyStore#lookup} statements in flight.
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
