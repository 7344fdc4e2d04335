package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.InvalidSignalException;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.action.ActionKind;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class JourneyEngineTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef ADA = SubjectRef.contact("1001");

  private final MutableClock clock = MutableClock.at(START.toString());
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private final JourneyEngine engine =
      JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), TestRules.rules())).store(store).clock(clock).build();

  private Signal signal(String id, String type) {
    return Signal.builder()
        .id(id)
        .subject(ADA)
        .type(type)
        .occurredAt(clock.instant())
        .source("test")
        .build();
  }

  @Test
  void should_commit_state_owner_actions_timer_and_audit_for_a_decision() {
    // when
    SignalResult result = engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED));

    // then
    assertThat(result.status()).isEqualTo(SignalResult.Status.DECIDED);
    JourneySnapshot snapshot = store.load(ADA).orElseThrow();
    assertThat(snapshot.state()).isEqualTo(JourneyModel.SALES_ENGAGED);
    assertThat(snapshot.owner()).contains("o-1");
    assertThat(snapshot.properties().get("owner").writer()).isEqualTo("test-rules");
    assertThat(snapshot.isSuppressed("nurture", START)).isTrue();
    assertThat(snapshot.timer("sla")).get().extracting(PendingTimer::dueAt).isEqualTo(START.plus(TestRules.SLA));
    assertThat(snapshot.version()).isEqualTo(1);
    assertThat(snapshot.ruleSet()).contains("test-rules@1");
    assertThat(store.pendingActions())
        .extracting(e -> e.action().kind())
        .containsExactly(ActionKind.ASSIGN_OWNER, ActionKind.CREATE_TASK, ActionKind.SUPPRESS_OUTREACH);
    assertThat(store.audit(ADA)).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(AuditRecord.Outcome.DECIDED);
      assertThat(a.before().version()).isZero();
      assertThat(a.decision().rulesFired()).containsExactly("demo request from nurture");
    });
  }

  @Test
  void should_bind_an_ownerless_task_to_the_owner_assigned_in_the_same_decision() {
    // when
    engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED));
    // then
    assertThat(store.pendingActions())
        .filteredOn(e -> e.action().kind() == ActionKind.CREATE_TASK)
        .singleElement()
        .extracting(e -> ((dev.journey.core.action.CreateTask) e.action()).ownerId().orElseThrow())
        .isEqualTo("o-1");
  }

  @Test
  void should_do_nothing_for_a_redelivered_signal() {
    // given
    engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED));
    List<OutboxEntry> before = store.pendingActions();
    // when
    SignalResult again = engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED));
    // then
    assertThat(again.status()).isEqualTo(SignalResult.Status.DUPLICATE);
    assertThat(again).isInstanceOf(SignalResult.Duplicate.class);
    assertThat(store.pendingActions()).isEqualTo(before);
    assertThat(store.load(ADA).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void should_fire_a_due_timer_once_as_a_signal_with_a_deterministic_id() {
    // given
    engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED));
    // when
    clock.advance(Duration.ofHours(1));
    int early = engine.fireDueTimers();
    clock.advance(Duration.ofHours(1));
    int due = engine.fireDueTimers();
    int again = engine.fireDueTimers();
    // then
    assertThat(early).isZero();
    assertThat(due).isEqualTo(1);
    assertThat(again).isZero();
    List<AuditRecord> audit = store.audit(ADA);
    assertThat(audit).hasSize(2);
    assertThat(audit.get(1).signal().id()).isEqualTo("timer:contact:1001:sla:1");
    assertThat(audit.get(1).decision().rulesFired()).containsExactly("sla breach escalates and restarts");
    // the rule restarted the timer with a new generation
    assertThat(store.load(ADA).orElseThrow().timer("sla").orElseThrow().generation()).isEqualTo(2);
  }

  @Test
  void should_treat_a_stale_timer_generation_as_a_no_op() {
    // given a timer of generation 1, then cancelled by sales activity
    engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED));
    PendingTimer first = store.load(ADA).orElseThrow().timer("sla").orElseThrow();
    engine.accept(signal("call-1", SignalTypes.SALES_ACTIVITY));
    JourneySnapshot beforeStale = store.load(ADA).orElseThrow();
    clock.advance(Duration.ofHours(3));
    // when the old generation fires anyway (e.g. claimed before the cancel by another instance)
    SignalResult result = engine.accept(JourneyEngine.timerSignal(new DueTimer(ADA, first)));
    // then
    assertThat(result.status()).isEqualTo(SignalResult.Status.STALE_TIMER);
    assertThat(((SignalResult.StaleTimer) result).reason())
        .isEqualTo("timer sla generation 1 is stale (pending: none)");
    assertThat(store.load(ADA).orElseThrow()).isEqualTo(beforeStale);
    assertThat(store.audit(ADA).get(2).outcome()).isEqualTo(AuditRecord.Outcome.STALE_TIMER);
    assertThat(store.audit(ADA).get(2).decision().actions()).isEmpty();
    assertThat(engine.fireDueTimers()).isZero();
  }

  @Test
  void should_reject_and_audit_an_illegal_transition_without_applying_anything() {
    // when
    SignalResult result = engine.accept(signal("jump-1", "JUMP"));
    // then
    assertThat(result.status()).isEqualTo(SignalResult.Status.REJECTED);
    SignalResult.Rejected rejected = (SignalResult.Rejected) result;
    assertThat(rejected.cause()).isInstanceOf(dev.journey.core.IllegalTransitionException.class);
    assertThat(rejected.reason())
        .isEqualTo(
            "journey 'lead-handoff' cannot go from NURTURE to CUSTOMER; allowed from NURTURE:"
                + " [OPPORTUNITY_ACTIVE, RECYCLED, SALES_ENGAGED]");
    assertThat(store.load(ADA)).isEmpty();
    assertThat(store.pendingActions()).isEmpty();
    assertThat(store.audit(ADA)).singleElement().satisfies(a -> {
      assertThat(a.outcome()).isEqualTo(AuditRecord.Outcome.REJECTED);
      assertThat(a.error().orElseThrow()).contains("cannot go from NURTURE to CUSTOMER");
      assertThat(a.decision().stateAfter()).isEqualTo(JourneyModel.CUSTOMER);
    });
    assertThat(engine.accept(signal("jump-1", "JUMP")).status())
        .isEqualTo(SignalResult.Status.DUPLICATE);
  }

  @Test
  void should_reject_a_decision_for_an_unknown_state_with_a_typed_reason() {
    // when
    SignalResult result = engine.accept(signal("typo-1", "TYPO"));
    // then
    assertThat(result.status()).isEqualTo(SignalResult.Status.REJECTED);
    SignalResult.Rejected rejected = (SignalResult.Rejected) result;
    assertThat(rejected.cause()).isInstanceOf(dev.journey.core.UnknownStateException.class);
    assertThat(rejected.reason()).startsWith("journey 'lead-handoff' has no state 'SALES_ENAGED'; states are [");
    assertThat(store.load(ADA)).isEmpty();
    assertThat(store.audit(ADA)).singleElement()
        .extracting(AuditRecord::outcome).isEqualTo(AuditRecord.Outcome.REJECTED);
  }

  @Test
  void should_reject_a_signal_from_beyond_the_clock_skew_and_write_nothing() {
    // given
    Signal future =
        Signal.builder().id("f-1").subject(ADA).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(START.plus(Duration.ofMinutes(6))).source("test").build();
    // when / then
    assertThatThrownBy(() -> engine.accept(future))
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage(
            "signal.occurredAt must be at most PT5M after the engine's clock (2026-03-02T09:05:00Z),"
                + " but was 2026-03-02T09:06:00Z");
    assertThat(store.lookup(ADA, "f-1").inbox()).isEmpty();
    assertThat(store.load(ADA)).isEmpty();
  }

  @Test
  void should_validate_builder_settings() {
    assertThatThrownBy(() -> JourneyEngine.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a journey definition is required: call definition(JourneyDefinition)");
    assertThatThrownBy(() -> JourneyEngine.builder().maxConflictRetries(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConflictRetries must be >= 1, but was 0");
    assertThatThrownBy(() -> JourneyEngine.builder().maxClockSkew(Duration.ofSeconds(-1)))
        .hasMessage("maxClockSkew must be >= 0, but was PT-1S");
  }

  @Test
  void should_lose_no_update_when_two_engines_on_one_store_race_for_one_subject() throws Exception {
    // given two engine instances sharing one store (as two processes would share a database)
    JourneyEngine other =
        JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), TestRules.rules())).store(store).clock(clock)
            .maxConflictRetries(1_000).build();
    JourneyEngine first =
        JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), TestRules.rules())).store(store).clock(clock)
            .maxConflictRetries(1_000).build();
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      JourneyEngine e = t % 2 == 0 ? first : other;
      int thread = t;
      futures.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < perThread; i++) {
          e.accept(signal("form-" + thread + "-" + i, SignalTypes.FORM_SUBMITTED));
        }
        return null;
      }));
    }
    // when
    go.countDown();
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    // then every signal counted exactly once
    JourneySnapshot snapshot = store.load(ADA).orElseThrow();
    assertThat(snapshot.counter("forms")).isEqualTo(4L * perThread);
    assertThat(snapshot.version()).isEqualTo(4L * perThread);
    assertThat(store.audit(ADA)).hasSize(4 * perThread);
  }
}
