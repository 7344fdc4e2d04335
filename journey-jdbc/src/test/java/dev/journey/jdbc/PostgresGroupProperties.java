package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.journey.core.Alias;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Notify;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The PostgreSQL group ({@link PostgresGroup}: array inserts, one check query, batched
 * compare-and-sets) against the reference model, the in-memory store committing the same commits
 * one by one: groups mixing winners, losers and duplicates end with the same result per commit
 * and the same snapshots, inbox, audit (in order), outbox and timers. On the server of {@code
 * JOURNEY_PG_URL}; skipped without one, failing without one when {@code CI=true}.
 */
@AddLifecycleHook(PostgresGroupProperties.SkipWithoutPostgres.class)
final class PostgresGroupProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int SUBJECTS = 8;
  private static final int SIGNALS = 16;

  private static HikariDataSource pool;

  /**
   * Skips the container without a server (with {@code CI=true} it runs, and {@link #open} fails):
   * an assumption in a {@code @BeforeContainer} hook is an error in jqwik, not a skip.
   */
  static final class SkipWithoutPostgres implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return TestDatabases.postgresConfigured() || "true".equalsIgnoreCase(System.getenv("CI"))
          ? SkipResult.doNotSkip()
          : SkipResult.skip(
              "JOURNEY_PG_URL is not set: PostgreSQL tests skipped (run '. .ci/postgres.sh' first)");
    }
  }

  @BeforeContainer
  static void open() {
    pool = TestDatabases.freshPostgres(2);
    JdbcJourneyStore.builder(pool).build(); // creates the tables
  }

  @AfterContainer
  static void close() {
    if (pool != null) {
      pool.close();
    }
  }

  /** One generated commit: who, which signal id, which expected version, whether it schedules. */
  record Op(int subject, int signal, long expected, boolean timer) {}

  @Provide
  Arbitrary<Op> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, SUBJECTS - 1),
            Arbitraries.integers().between(0, SIGNALS - 1),
            Arbitraries.longs().between(0, 2),
            Arbitraries.of(true, false))
        .as(Op::new);
  }

  private static JdbcJourneyStore emptyStore() throws SQLException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "TRUNCATE journey_inbox, journey_snapshot, journey_timer, journey_outbox, journey_audit,"
              + " journey_alias");
      c.commit();
    }
    return JdbcJourneyStore.builder(pool).build();
  }

  @Property(tries = 25)
  void should_end_as_the_in_memory_store_when_postgres_groups_mix_winners_losers_and_duplicates(
      @ForAll @Size(min = 1, max = 24) List<@From("ops") Op> ops,
      @ForAll @IntRange(min = 2, max = 8) int groupSize,
      @ForAll boolean prewritten)
      throws SQLException {
    // given
    InMemoryJourneyStore reference = InMemoryJourneyStore.create();
    JdbcJourneyStore store = emptyStore();
    List<String> results = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    // when
    for (int from = 0; from < ops.size(); from += groupSize) {
      List<Commit> group = new ArrayList<>();
      for (Op op : ops.subList(from, Math.min(ops.size(), from + groupSize))) {
        group.add(commit(op));
      }
      // the documents written by the group's leader, or before by each committing thread
      (prewritten ? store.commitAsOneGroupPrewritten(group) : store.commitAsOneGroup(group))
          .forEach(r -> results.add(r.value().name()));
      for (Commit c : group) {
        expected.add(reference.commit(c).name());
      }
    }
    // then
    assertThat(results).as("results of " + ops + " in groups of " + groupSize).isEqualTo(expected);
    assertSameState(store, reference);
  }

  @Example
  void should_write_a_mixed_group_in_the_postgres_statements_when_subjects_and_ids_are_distinct()
      throws SQLException {
    // given: p1 and p2 stored at version 1, signal s-9 already processed
    JdbcJourneyStore store = emptyStore();
    store.commitAsOneGroup(List.of(commit(new Op(1, 9, 0, false)), commit(new Op(2, 10, 0, true))));
    long before = store.batchedGroups();
    // when: a winner of each kind, a moved version, an existing first snapshot, a duplicate
    List<CommitResult> results = new ArrayList<>();
    store.commitAsOneGroup(List.of(
            commit(new Op(0, 0, 0, true)), // first snapshot: wins
            commit(new Op(1, 1, 1, true)), // update from version 1: wins
            commit(new Op(2, 2, 0, false)), // first snapshot, but p2 exists: conflict
            commit(new Op(3, 9, 0, false)), // s-9 already processed: duplicate
            commit(new Op(4, 4, 2, false)))) // version 2 of a subject never stored: conflict
        .forEach(r -> results.add(r.value()));
    // then: decided by the group's statements, not one savepoint per commit
    assertThat(results).containsExactly(CommitResult.COMMITTED, CommitResult.COMMITTED,
        CommitResult.CONFLICT, CommitResult.DUPLICATE, CommitResult.CONFLICT);
    assertThat(store.batchedGroups()).isEqualTo(before + 1);
    assertThat(store.load(subject(1)).orElseThrow().version()).isEqualTo(2);
    assertThat(store.load(subject(3))).isEmpty();
    assertThat(signalIds(store.audit(subject(1)))).containsExactly("s-9", "s-1");
    assertThat(timers(store.claimDueTimers(T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1), 10)))
        .containsExactly("timer:contact:p0:follow-up-0:1", "timer:contact:p1:follow-up-1:1",
            "timer:contact:p2:follow-up-0:1");
  }

  @Example
  void should_fall_back_to_one_savepoint_per_commit_when_a_group_statement_fails()
      throws SQLException {
    // given: an action id already in the outbox, which the group's insert of rows refuses
    JdbcJourneyStore store = emptyStore();
    Commit first = commit(new Op(0, 0, 0, false));
    store.commitAsOneGroup(List.of(first));
    Commit clash = withAction(commit(new Op(1, 1, 0, false)), first.outbox().get(0).actionId());
    Commit fine = commit(new Op(2, 2, 0, true));
    long before = store.batchedGroups();
    // when
    List<GroupCommitResult> results = new ArrayList<>();
    store.commitAsOneGroup(List.of(clash, fine))
        .forEach(r -> results.add(new GroupCommitResult(r.value(), r.failure())));
    // then: the clash fails alone, the other commits, nothing of the clash is left behind
    assertThat(store.batchedGroups()).isEqualTo(before);
    assertThat(results.get(0).failure()).isNotNull();
    assertThat(results.get(1).value()).isEqualTo(CommitResult.COMMITTED);
    assertThat(store.load(subject(1))).isEmpty();
    assertThat(store.lookup(subject(1), "s-1").inbox()).isEmpty();
    assertThat(store.load(subject(2))).isPresent();
  }

  @Example
  void should_refuse_only_the_merged_away_subject_in_a_group_of_first_snapshots()
      throws SQLException {
    // given: p1 merged away (a merge leaves an alias row for it), p0 and p2 never stored
    JdbcJourneyStore store = emptyStore();
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO journey_alias (alias_type, alias_value, subject, created_at) VALUES ('"
              + Alias.SUBJECT + "', '" + subject(1) + "', '" + subject(9) + "', 0)");
      c.commit();
    }
    long before = store.batchedGroups();
    // when: a group of first snapshots, one of them for p1
    List<CommitResult> results = new ArrayList<>();
    store.commitAsOneGroup(List.of(
            commit(new Op(0, 0, 0, true)),
            commit(new Op(1, 1, 0, true)),
            commit(new Op(2, 2, 0, false))))
        .forEach(r -> results.add(r.value()));
    // then: p1's snapshot does not come back; the group was run one savepoint per commit
    assertThat(results).containsExactly(
        CommitResult.COMMITTED, CommitResult.CONFLICT, CommitResult.COMMITTED);
    assertThat(store.batchedGroups()).isEqualTo(before);
    assertThat(store.load(subject(1))).isEmpty();
    assertThat(store.lookup(subject(1), "s-1").inbox()).isEmpty();
    assertThat(store.load(subject(0))).isPresent();
    assertThat(store.load(subject(2))).isPresent();
    assertThat(timers(store.claimDueTimers(T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1), 10)))
        .containsExactly("timer:contact:p0:follow-up-0:1");
  }

  private record GroupCommitResult(CommitResult value, RuntimeException failure) {}

  private static Commit withAction(Commit commit, String actionId) {
    OutboxEntry entry = commit.outbox().get(0);
    OutboxEntry clashing =
        new OutboxEntry(new Notify(actionId, commit.signal().subject(), "owner", "hi"),
            entry.sequence(), entry.createdAt(), entry.attempts(), entry.nextAttemptAt(),
            entry.lastError());
    return new Commit(commit.signal(), commit.expectedVersion(), commit.snapshot(),
        commit.timerChanges(), List.of(clashing), commit.audit(), commit.sharedWrites(),
        commit.moreAudits());
  }

  private static void assertSameState(JdbcJourneyStore store, JourneyStore reference) {
    for (int s = 0; s < SUBJECTS; s++) {
      SubjectRef subject = subject(s);
      assertThat(store.load(subject)).as("snapshot of " + subject).isEqualTo(reference.load(subject));
      assertThat(signalIds(store.audit(subject))).as("audit of " + subject)
          .isEqualTo(signalIds(reference.audit(subject)));
    }
    for (int i = 0; i < SIGNALS; i++) {
      String id = "s-" + i;
      assertThat(store.lookup(subject(0), id).inbox().map(r -> r.subject()))
          .as("inbox row of " + id)
          .isEqualTo(reference.lookup(subject(0), id).inbox().map(r -> r.subject()));
    }
    assertThat(actionIds(store.pendingActions())).isEqualTo(actionIds(reference.pendingActions()));
    Instant later = T0.plus(Duration.ofDays(1));
    assertThat(timers(store.claimDueTimers(later, Duration.ofMinutes(1), 1000)))
        .isEqualTo(timers(reference.claimDueTimers(later, Duration.ofMinutes(1), 1000)));
  }

  private static List<String> signalIds(List<AuditRecord> audit) {
    return audit.stream().map(a -> a.signal().id()).toList();
  }

  private static List<String> actionIds(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::actionId).sorted().toList();
  }

  private static List<String> timers(List<DueTimer> due) {
    return due.stream().map(DueTimer::signalId).sorted().toList();
  }

  private static SubjectRef subject(int i) {
    return SubjectRef.contact("p" + i);
  }

  private static Commit commit(Op op) {
    SubjectRef subject = subject(op.subject());
    Signal signal =
        Signal.builder().id("s-" + op.signal()).subject(subject).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(T0).source("property").build();
    JourneySnapshot before =
        JourneySnapshot.initial(subject, "NURTURE", T0).toBuilder().version(op.expected()).build();
    JourneySnapshot after =
        before.toBuilder().version(op.expected() + 1).counter("n", op.expected() + 1).build();
    Decision decision = Decision.noop(before, signal, T0, RuleSetRef.of("t", "1"), "property");
    // one action per (signal, subject, version): two commits that both win never share one
    String actionId = "a-" + op.signal() + "-" + op.subject() + "-" + op.expected();
    List<OutboxEntry> outbox =
        List.of(new OutboxEntry(new Notify(actionId, subject, "owner", "hi"), op.expected() + 1, T0, 0, T0));
    List<TimerChange> timers =
        op.timer()
            ? List.of(new TimerChange.Scheduled(
                new PendingTimer("follow-up-" + op.expected(), T0.plusSeconds(60), 1, Map.of())))
            : List.of();
    return new Commit(signal, op.expected(), after, timers, outbox,
        new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), T0), List.of());
  }
}
