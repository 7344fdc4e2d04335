package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A claimed batch of due timers is committed through {@link JdbcJourneyStore#commitAll}: groups
 * of JDBC batch statements, one transaction each, with the same outcome as one timer at a time.
 */
final class BatchedTimerFiringTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int SUBJECTS = 40;

  private JdbcPool pool;

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  private static JourneyEngine engine(JdbcJourneyStore store, VirtualClock clock) {
    JavaRuleSet rules =
        JavaRuleSet.builder("timers", "1")
            .rule("form", f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
                (f, d) -> d.increment("forms", 1)
                    .startTimer("sla", f.signal().occurredAt().plus(Duration.ofMinutes(10))))
            .rule("sla", f -> f.signal().isTimer(), (f, d) -> d.increment("breaches", 1))
            .build();
    return JourneyEngine.builder()
        .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules))
        .store(store)
        .clock(clock)
        .build();
  }

  @Test
  void should_fire_claimed_timers_in_batched_groups_when_many_are_due() {
    // given: 40 subjects with one timer each, due in 10 minutes
    pool = TestDatabases.freshSqlite("batched-timers");
    VirtualClock clock = VirtualClock.at(T0);
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).maxGroup(16).maxBatch(16).build();
    JourneyEngine engine = engine(store, clock);
    for (int i = 0; i < SUBJECTS; i++) {
      engine.accept(Signal.builder().id("form-" + i).subject(SubjectRef.contact("c" + i))
          .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("test").build());
    }
    long groupsBefore = store.batchedGroups();
    clock.advance(Duration.ofMinutes(11));
    // when
    int fired = engine.fireDueTimers();
    // then: every timer fired once, in groups of at most 16 (40 = 16 + 16 + 8)
    assertThat(fired).isEqualTo(SUBJECTS);
    assertThat(store.batchedGroups() - groupsBefore).isEqualTo(3);
    for (int i = 0; i < SUBJECTS; i++) {
      assertThat(store.load(SubjectRef.contact("c" + i)).orElseThrow().counter("breaches"))
          .as("breaches of c" + i).isEqualTo(1);
    }
    assertThat(store.nextTimerDue()).isEmpty();
    assertThat(engine.fireDueTimers()).isZero();
  }

  @Test
  void should_fire_a_claimed_batch_in_one_transaction_when_sqlite_keeps_the_default_batch() {
    // given: 40 subjects with one timer each on SQLite, maxGroup 16 but the default maxBatch
    pool = TestDatabases.freshSqlite("one-batch");
    VirtualClock clock = VirtualClock.at(T0);
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).maxGroup(16).build();
    JourneyEngine engine = engine(store, clock);
    for (int i = 0; i < SUBJECTS; i++) {
      engine.accept(Signal.builder().id("form-" + i).subject(SubjectRef.contact("c" + i))
          .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("test").build());
    }
    long groupsBefore = store.batchedGroups();
    clock.advance(Duration.ofMinutes(11));
    // when
    int fired = engine.fireDueTimers();
    // then: the engine's one claimed batch went as one group, every timer fired once
    assertThat(fired).isEqualTo(SUBJECTS);
    assertThat(store.batchedGroups() - groupsBefore).isEqualTo(1);
    for (int i = 0; i < SUBJECTS; i++) {
      assertThat(store.load(SubjectRef.contact("c" + i)).orElseThrow().counter("breaches"))
          .as("breaches of c" + i).isEqualTo(1);
    }
    assertThat(store.nextTimerDue()).isEmpty();
  }

  @Test
  void should_refuse_a_batch_size_outside_one_to_4096() {
    // given
    pool = TestDatabases.freshSqlite("batch-size");
    JdbcJourneyStore.Builder builder = JdbcJourneyStore.builder(pool);
    // when / then
    assertThatThrownBy(() -> builder.maxBatch(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatch must be 1 to 4096, but was 0");
    assertThatThrownBy(() -> builder.maxBatch(4097))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatch must be 1 to 4096, but was 4097");
  }

  @Test
  void should_report_each_commit_alone_when_commit_all_mixes_winners_and_duplicates() {
    // given: c0's and c1's signals already committed
    pool = TestDatabases.freshSqlite("commit-all");
    VirtualClock clock = VirtualClock.at(T0);
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).maxGroup(2).maxBatch(2).build();
    JourneyEngine engine = engine(store, clock);
    Signal first = Signal.builder().id("form-0").subject(SubjectRef.contact("c0"))
        .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("test").build();
    engine.accept(first);
    engine.accept(Signal.builder().id("form-1").subject(SubjectRef.contact("c1"))
        .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("test").build());
    long groupsBefore = store.batchedGroups();
    var recorded = store.audit(SubjectRef.contact("c0")).get(0);
    var again = new dev.journey.core.spi.Commit(first, 0,
        recorded.before().toBuilder().version(1).build(), List.of(), List.of(), recorded, List.of());
    var stale = new dev.journey.core.spi.Commit(
        Signal.builder().id("form-x").subject(SubjectRef.contact("c1"))
            .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("test").build(),
        0, dev.journey.core.state.JourneySnapshot.initial(SubjectRef.contact("c1"), "NEW", T0)
            .toBuilder().version(1).build(), List.of(), List.of(), recorded, List.of());
    var fresh = new dev.journey.core.spi.Commit(
        Signal.builder().id("form-y").subject(SubjectRef.contact("c9"))
            .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("test").build(),
        0, dev.journey.core.state.JourneySnapshot.initial(SubjectRef.contact("c9"), "NEW", T0)
            .toBuilder().version(1).build(), List.of(), List.of(), recorded, List.of());
    // when: three commits in groups of two (the first written as batches)
    List<CommitResult> results = store.commitAll(List.of(again, stale, fresh));
    // then
    assertThat(store.batchedGroups() - groupsBefore).isEqualTo(1);
    assertThat(results).containsExactly(
        CommitResult.DUPLICATE, CommitResult.CONFLICT, CommitResult.COMMITTED);
    assertThat(store.load(SubjectRef.contact("c9"))).isPresent();
    assertThat(store.lookup(SubjectRef.contact("c1"), "form-x").inbox()).isEmpty();
    assertThat(store.load(SubjectRef.contact("c1")).orElseThrow().counter("forms")).isEqualTo(1);
  }
}
