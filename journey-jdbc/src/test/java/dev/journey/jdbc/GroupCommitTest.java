package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Notify;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.jdbc.internal.GroupCommit;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Group commit keeps each signal atomic: in one transaction with others, a duplicate, a lost
 * compare-and-set or a failing statement rolls back only its own signal.
 */
final class GroupCommitTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef ALICE = SubjectRef.contact("alice");
  private static final SubjectRef BOB = SubjectRef.contact("bob");
  private static final SubjectRef CAROL = SubjectRef.contact("carol");
  private static final SubjectRef DAVE = SubjectRef.contact("dave");

  private JdbcPool pool;

  static Stream<String> databases() {
    return Stream.of("sqlite", "h2");
  }

  private JdbcJourneyStore store(String database) {
    pool =
        database.equals("sqlite")
            ? TestDatabases.freshSqlite("group-commit")
            : TestDatabases.freshH2("group-commit");
    return JdbcJourneyStore.builder(pool).build();
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  private static Commit commit(String signalId, SubjectRef subject, long expected, List<OutboxEntry> outbox) {
    Signal signal =
        Signal.builder().id(signalId).subject(subject).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(T0).source("test").build();
    JourneySnapshot before =
        JourneySnapshot.initial(subject, "NURTURE", T0).toBuilder().version(expected).build();
    JourneySnapshot after = before.toBuilder().version(expected + 1).counter("n", expected + 1).build();
    Decision decision = Decision.noop(before, signal, T0, RuleSetRef.of("t", "1"), "test");
    return new Commit(signal, expected, after, List.of(), outbox,
        new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), T0), List.of());
  }

  private static OutboxEntry entry(String actionId, SubjectRef subject) {
    return new OutboxEntry(new Notify(actionId, subject, "owner", "hi"), 1, T0, 0, T0);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void should_roll_back_only_the_duplicate_and_the_conflict_of_a_group(String database) {
    // given: alice is at version 1
    JdbcJourneyStore store = store(database);
    assertThat(store.commit(commit("s-0", ALICE, 0, List.of()))).isEqualTo(CommitResult.COMMITTED);
    // when: one group with a new subject, a redelivery, a stale compare-and-set and another new one
    List<GroupCommit.Result<CommitResult>> results =
        store.commitAsOneGroup(
            List.of(
                commit("s-1", BOB, 0, List.of(entry("a-bob", BOB))),
                commit("s-0", ALICE, 1, List.of()),
                commit("s-2", ALICE, 0, List.of(entry("a-alice", ALICE))),
                commit("s-3", CAROL, 0, List.of())));
    // then
    assertThat(results).extracting(GroupCommit.Result::value)
        .containsExactly(
            CommitResult.COMMITTED, CommitResult.DUPLICATE, CommitResult.CONFLICT, CommitResult.COMMITTED);
    assertThat(store.load(BOB).orElseThrow().version()).isEqualTo(1);
    assertThat(store.load(CAROL).orElseThrow().version()).isEqualTo(1);
    assertThat(store.load(ALICE).orElseThrow().version()).as("alice unchanged").isEqualTo(1);
    assertThat(store.lookup(CAROL, "s-2").inbox().isPresent()).as("the conflicting signal left no inbox row").isFalse();
    assertThat(store.audit(ALICE)).as("alice's audit: the first commit only").hasSize(1);
    assertThat(store.pendingActions()).extracting(OutboxEntry::actionId).containsExactly("a-bob");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void should_fail_only_the_signal_whose_statement_fails_in_a_group(String database) {
    // given
    JdbcJourneyStore store = store(database);
    // when: carol's outbox entry reuses bob's action id, a primary-key violation
    List<GroupCommit.Result<CommitResult>> results =
        store.commitAsOneGroup(
            List.of(
                commit("s-1", BOB, 0, List.of(entry("a-1", BOB))),
                commit("s-2", CAROL, 0, List.of(entry("a-1", CAROL))),
                commit("s-3", DAVE, 0, List.of(entry("a-3", DAVE)))));
    // then
    assertThat(results.get(0).value()).isEqualTo(CommitResult.COMMITTED);
    assertThat(results.get(1).failure()).isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("commit");
    assertThat(results.get(2).value()).isEqualTo(CommitResult.COMMITTED);
    assertThat(store.load(CAROL)).as("nothing of carol's commit").isEmpty();
    assertThat(store.lookup(CAROL, "s-2").inbox().isPresent()).isFalse();
    assertThat(store.load(DAVE)).isPresent();
    assertThat(store.pendingActions()).extracting(OutboxEntry::actionId).containsExactly("a-1", "a-3");
  }
}
