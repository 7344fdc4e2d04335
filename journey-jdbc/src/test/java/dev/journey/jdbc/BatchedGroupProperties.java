package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.journey.jdbc.internal.GroupCommit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * Groups written with JDBC batch statements against the reference model, the in-memory store
 * committing the same commits one by one: groups that mix compare-and-set winners, losers (a
 * version that moved, a first snapshot whose row exists) and duplicate signal ids end with the
 * same result per commit, the same snapshots, inbox (fingerprints included), audit, outbox and
 * timers, whether the group's writer writes the documents or their committing threads wrote them
 * before the group ran.
 */
final class BatchedGroupProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int SUBJECTS = 8;
  private static final int SIGNALS = 16;
  private static final AtomicInteger DATABASES = new AtomicInteger();

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

  @Property(tries = 30)
  void should_end_as_the_in_memory_store_when_groups_mix_winners_losers_and_duplicates(
      @ForAll @Size(min = 1, max = 24) List<@From("ops") Op> ops,
      @ForAll @IntRange(min = 2, max = 8) int groupSize,
      @ForAll boolean sqlite,
      @ForAll boolean prewritten) {
    // given
    InMemoryJourneyStore reference = InMemoryJourneyStore.create();
    String name = "batched-" + DATABASES.incrementAndGet();
    try (JdbcPool pool =
        sqlite
            ? TestDatabases.freshSqlite(name)
            : JdbcPool.of("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", 2)) {
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
      List<String> results = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      // when
      for (int from = 0; from < ops.size(); from += groupSize) {
        List<Commit> group = new ArrayList<>();
        for (Op op : ops.subList(from, Math.min(ops.size(), from + groupSize))) {
          group.add(commit(op));
        }
        (prewritten ? store.commitAsOneGroupPrewritten(group) : store.commitAsOneGroup(group))
            .forEach(r -> results.add(r.value().name()));
        for (Commit c : group) {
          expected.add(reference.commit(c).name());
        }
      }
      // then
      assertThat(results)
          .as("results of " + ops + " in groups of " + groupSize + (prewritten ? ", prewritten" : ""))
          .isEqualTo(expected);
      assertSameState(store, reference);
      if (sqlite) {
        TestDatabases.deleteFiles(name);
      }
    }
  }

  @Example
  void should_write_a_mixed_group_as_batches_when_subjects_and_ids_are_distinct() {
    // given: p1 and p2 stored at version 1, signal s-9 already processed
    try (JdbcPool pool = JdbcPool.of(
        "jdbc:h2:mem:batched-example-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "", 2)) {
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
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
      // then
      assertThat(results).containsExactly(CommitResult.COMMITTED, CommitResult.COMMITTED,
          CommitResult.CONFLICT, CommitResult.DUPLICATE, CommitResult.CONFLICT);
      assertThat(store.batchedGroups()).isEqualTo(before + 1);
      assertThat(store.load(subject(1)).orElseThrow().version()).isEqualTo(2);
      assertThat(store.load(subject(3))).isEmpty();
      assertThat(store.lookup(subject(0), "s-2").inbox()).isEmpty();
      assertThat(signalIds(store.audit(subject(1)))).containsExactly("s-9", "s-1");
    }
  }

  @Example
  void should_roll_the_batch_back_and_decide_each_commit_alone_when_two_share_an_action_id() {
    // given: two first commits of distinct subjects and signals whose outbox entries share an
    // action id, so the batch's outbox insert fails on the key
    String name = "batched-fallback-" + DATABASES.incrementAndGet();
    try (JdbcPool pool = TestDatabases.freshSqlite(name)) {
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
      long before = store.batchedGroups();
      // when
      List<GroupCommit.Result<CommitResult>> results =
          store.commitAsOneGroupPrewritten(
              List.of(commit(new Op(0, 0, 0, true), "a-shared"), commit(new Op(1, 1, 0, true), "a-shared")));
      // then: nothing of the batch is left; alone, the first commits and the second fails
      assertThat(store.batchedGroups()).isEqualTo(before);
      assertThat(results.get(0).value()).isEqualTo(CommitResult.COMMITTED);
      assertThat(results.get(1).failure()).isInstanceOf(JdbcStoreException.class);
      assertThat(store.load(subject(0)).orElseThrow().version()).isEqualTo(1);
      assertThat(store.load(subject(1))).isEmpty();
      assertThat(store.lookup(subject(1), "s-1").inbox()).isEmpty();
      assertThat(signalIds(store.audit(subject(1)))).isEmpty();
      assertThat(actionIds(store.pendingActions())).containsExactly("a-shared");
      assertThat(timers(store.claimDueTimers(T0.plus(Duration.ofDays(1)), Duration.ofMinutes(1), 10)))
          .hasSize(1);
    } finally {
      TestDatabases.deleteFiles(name);
    }
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
      assertThat(store.lookup(subject(0), id).inbox().map(r -> r.subject() + " " + r.fingerprint()))
          .as("inbox row of " + id)
          .isEqualTo(reference.lookup(subject(0), id).inbox().map(r -> r.subject() + " " + r.fingerprint()));
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
    // one action per (signal, subject, version): two commits that both win never share one
    return commit(op, "a-" + op.signal() + "-" + op.subject() + "-" + op.expected());
  }

  private static Commit commit(Op op, String actionId) {
    SubjectRef subject = subject(op.subject());
    Signal signal =
        Signal.builder().id("s-" + op.signal()).subject(subject).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(T0).source("property").build();
    JourneySnapshot before =
        JourneySnapshot.initial(subject, "NURTURE", T0).toBuilder().version(op.expected()).build();
    JourneySnapshot after =
        before.toBuilder().version(op.expected() + 1).counter("n", op.expected() + 1).build();
    Decision decision = Decision.noop(before, signal, T0, RuleSetRef.of("t", "1"), "property");
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

  @Property
  void should_size_an_in_list_at_the_smallest_power_of_two_holding_every_value(
      @ForAll @IntRange(min = 1, max = 100_000) int values) {
    // given: the reference, counted up instead of computed with bits
    int expected = 1;
    while (expected < values) {
      expected *= 2;
    }
    // when
    int slots = BatchedGroup.inListSize(values);
    // then
    assertThat(slots).isEqualTo(expected);
  }
}
