package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Alias;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.identity.MergeRequest;
import dev.journey.core.identity.MergeResult;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The crash matrix for a merge commit, on SQLite and H2: a merge of two contacts with SLA timers
 * and a pending action crashes before its commit, during it (the database's commit fails) or
 * after it (the caller never hears); the process restarts on the same database, the merge is
 * redelivered and everything runs to quiescence. The outcome must equal an uninterrupted run:
 * same snapshots, every effect once per action id, every timer fired once, nothing pending.
 */
final class MergeCrashTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef PRIMARY = SubjectRef.contact("11");
  private static final SubjectRef DUPLICATE = SubjectRef.contact("12");
  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("merge-crash", "1")
          .rule(
              "demo goes to sales with an SLA and a reminder",
              f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
              (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED)
                  .notify("owner-1", "demo")
                  .startTimer("sla", f.now().plus(Duration.ofHours(2)))
                  .startTimer("reminder:" + f.signal().subject().id(), f.now().plus(Duration.ofHours(1))))
          .rule(
              "a firing notifies",
              f -> f.signal().isTimer(),
              (f, d) -> d.notify("manager-1", f.signal().firing().orElseThrow().name()))
          .build();

  enum Crash { NONE, BEFORE_COMMIT, DURING_COMMIT, AFTER_COMMIT }

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (String db : List.of("sqlite", "h2")) {
      for (Crash crash : List.of(Crash.BEFORE_COMMIT, Crash.DURING_COMMIT, Crash.AFTER_COMMIT)) {
        runs.add(Arguments.of(db, crash));
      }
    }
    return runs.stream();
  }

  private static DataSource open(String db, boolean fresh) {
    String name = "merge-crash-" + db;
    if (db.equals("sqlite")) {
      return fresh ? TestDatabases.freshSqlite(name) : TestDatabases.reopenSqlite(name);
    }
    if (fresh) {
      TestDatabases.deleteFiles(name);
    }
    return JdbcPool.h2File(TestDatabases.dir().resolve(name));
  }

  private record Outcome(
      Optional<JourneySnapshot> primary, Optional<JourneySnapshot> duplicate, Map<String, Action> effects,
      List<String> fired, Optional<Instant> nextTimer, int pending) {}

  /** One "process". */
  private static final class Process {
    final DataSource pool;
    final CommitFailingDataSource failing;
    final JdbcJourneyStore store;
    final IdentityResolver identity;
    final JourneyEngine engine;
    final OutboxRelay relay;

    Process(DataSource pool, VirtualClock clock, IdempotentExecutor executor) {
      this.pool = pool;
      this.failing = new CommitFailingDataSource(pool);
      this.store = JdbcJourneyStore.builder(failing).clock(clock).build();
      this.identity = IdentityResolver.builder().store(store).model(JourneyModel.leadHandoff()).clock(clock).build();
      this.engine = JourneyEngine.builder()
          .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), RULES))
          .store(store).clock(clock).identity(identity).build();
      this.relay = OutboxRelay.builder(store, executor).clock(clock).build();
    }
  }

  private static Outcome run(String db, Crash crash) {
    VirtualClock clock = VirtualClock.at(T0);
    IdempotentExecutor executor = new IdempotentExecutor();
    Process p = new Process(open(db, true), clock, executor);
    p.engine.accept(demo("d-1", PRIMARY, clock));
    p.relay.drain();
    clock.advance(Duration.ofMinutes(30));
    p.engine.accept(demo("d-2", DUPLICATE, clock)); // its notify stays pending through the merge
    clock.advance(Duration.ofMinutes(15));
    MergeRequest merge = MergeRequest.crm("hubspot:merge:1", PRIMARY, List.of(DUPLICATE), "hubspot-contact", clock.instant());
    switch (crash) {
      case NONE -> assertThat(p.identity.merger().merge(merge)).isInstanceOf(MergeResult.Merged.class);
      case BEFORE_COMMIT -> { } // the process dies before it commits anything
      case DURING_COMMIT -> {
        p.failing.armNextCommit();
        Process doomed = p;
        assertThatThrownBy(() -> doomed.identity.merger().merge(merge)).isInstanceOf(JdbcStoreException.class);
        // nothing of the merge is visible
        assertThat(p.store.load(DUPLICATE)).isPresent();
        assertThat(p.store.resolve(Alias.subject(DUPLICATE))).isEmpty();
      }
      case AFTER_COMMIT -> p.identity.merger().merge(merge); // committed, the answer is lost
    }
    if (crash != Crash.NONE) {
      TestDatabases.close(p.pool);
      p = new Process(open(db, false), clock, executor);
      MergeResult again = p.identity.merger().merge(merge);
      assertThat(again).isInstanceOf(crash == Crash.AFTER_COMMIT ? MergeResult.Unchanged.class : MergeResult.Merged.class);
    }
    // quiesce: timers and the outbox
    for (int i = 0; i < 10; i++) {
      Optional<Instant> next = p.store.nextTimerDue();
      p.relay.drain();
      if (next.isEmpty()) {
        break;
      }
      clock.set(next.get().isAfter(clock.instant()) ? next.get() : clock.instant());
      p.engine.fireDueTimers();
      p.relay.drain();
    }
    List<String> fired = new ArrayList<>();
    for (AuditRecord r : p.store.audit(PRIMARY)) {
      if (r.signal().isTimer() && r.outcome() == AuditRecord.Outcome.DECIDED) {
        fired.add(r.signal().id());
      }
    }
    Outcome outcome = new Outcome(p.store.load(PRIMARY), p.store.load(DUPLICATE), executor.effects(), fired,
        p.store.nextTimerDue(), p.store.pendingActions().size());
    TestDatabases.close(p.pool);
    return outcome;
  }

  private static Signal demo(String id, SubjectRef subject, VirtualClock clock) {
    return Signal.builder().id(id).subject(subject).type(SignalTypes.DEMO_REQUESTED).occurredAt(clock.instant()).source("hubspot").build();
  }

  @ParameterizedTest(name = "{0}: crash {1}")
  @MethodSource("runs")
  void should_end_as_an_uninterrupted_merge_after_a_crash_around_its_commit(String db, Crash crash) {
    // given
    Outcome reference = run(db, Crash.NONE);

    // when
    Outcome crashed = run(db, crash);

    // then
    assertThat(reference.duplicate()).isEmpty();
    assertThat(reference.primary().orElseThrow().timers()).isEmpty();
    assertThat(reference.fired()).hasSize(3); // sla once, both reminders, on the survivor
    assertThat(reference.effects()).hasSize(5); // two demo notifies, three firings
    assertThat(crashed.primary().map(s -> s.toBuilder().updatedAt(T0).build()))
        .isEqualTo(reference.primary().map(s -> s.toBuilder().updatedAt(T0).build()));
    assertThat(crashed.duplicate()).isEmpty();
    assertThat(crashed.effects()).isEqualTo(reference.effects());
    assertThat(crashed.fired()).isEqualTo(reference.fired());
    assertThat(crashed.nextTimer()).isEmpty();
    assertThat(crashed.pending()).isZero();
  }
}
