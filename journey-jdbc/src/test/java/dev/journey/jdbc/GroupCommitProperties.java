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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Group commit against a reference model: a group of commits ends exactly as the same commits
 * one after the other, one transaction each — the same result per commit (committed, duplicate,
 * conflict, or failed) and the same snapshots, inbox and outbox.
 */
final class GroupCommitProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  /** One generated commit: who, which signal id, which expected version, which action id. */
  record Op(int subject, int signal, long expected, int action) {}

  @Provide
  Arbitrary<Op> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 7),
            Arbitraries.longs().between(0, 2),
            Arbitraries.integers().between(-1, 5))
        .as(Op::new);
  }

  @Property(tries = 25)
  void should_end_as_the_same_commits_one_by_one(
      @ForAll @Size(min = 1, max = 12) List<@From("ops") Op> ops) {
    // given
    List<Commit> commits = new ArrayList<>();
    for (Op op : ops) {
      commits.add(commit(op));
    }
    try (JdbcPool grouped = memory(); JdbcPool reference = memory()) {
      JdbcJourneyStore groupStore = JdbcJourneyStore.builder(grouped).build();
      JdbcJourneyStore oneByOne = JdbcJourneyStore.builder(reference).build();
      // when
      List<String> groupResults = new ArrayList<>();
      for (GroupCommit.Result<CommitResult> r : groupStore.commitAsOneGroup(commits)) {
        groupResults.add(r.failure() == null ? r.value().name() : r.failure().getClass().getSimpleName());
      }
      List<String> referenceResults = new ArrayList<>();
      for (Commit c : commits) {
        try {
          referenceResults.add(oneByOne.commit(c).name());
        } catch (JdbcStoreException e) {
          referenceResults.add(e.getClass().getSimpleName());
        }
      }
      // then
      assertThat(groupResults).as("results of " + ops).isEqualTo(referenceResults);
      for (int s = 0; s <= 3; s++) {
        SubjectRef subject = subject(s);
        assertThat(version(groupStore.load(subject))).as("version of " + subject)
            .isEqualTo(version(oneByOne.load(subject)));
        assertThat(groupStore.audit(subject)).as("audit of " + subject)
            .isEqualTo(oneByOne.audit(subject));
      }
      for (int i = 0; i <= 7; i++) {
        String id = "s-" + i;
        assertThat(groupStore.lookup(subject(0), id).inbox().isPresent()).as("inbox row of " + id)
            .isEqualTo(oneByOne.lookup(subject(0), id).inbox().isPresent());
      }
      assertThat(groupStore.pendingActions()).isEqualTo(oneByOne.pendingActions());
    }
  }

  private static long version(Optional<JourneySnapshot> snapshot) {
    return snapshot.map(JourneySnapshot::version).orElse(0L);
  }

  private static JdbcPool memory() {
    return JdbcPool.of(
        "jdbc:h2:mem:group-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
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
    List<OutboxEntry> outbox =
        op.action() < 0
            ? List.of()
            : List.of(new OutboxEntry(
                new Notify("a-" + op.action(), subject, "owner", "hi"), op.expected() + 1, T0, 0, T0));
    return new Commit(signal, op.expected(), after, List.of(), outbox,
        new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), T0), List.of());
  }
}
