package dev.journey.testkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.runtime.IntakeFullException;
import dev.journey.core.runtime.IntakePolicy;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeHealth;
import dev.journey.core.runtime.RuntimeListener;
import dev.journey.core.runtime.RuntimeNotRunningException;
import dev.journey.core.runtime.RuntimeScheduler;
import dev.journey.core.runtime.SignalRefusedException;
import dev.journey.core.runtime.StopReport;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import dev.journey.testkit.store.CrashPoint;
import dev.journey.testkit.store.FaultInjectingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class JourneyRuntimeTest {
  private final VirtualClock clock = VirtualClock.at(RuntimeFixture.T0);
  private final VirtualScheduler scheduler = VirtualScheduler.on(clock);
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private JourneyEngine engine(JourneyStore store) {
    return JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), RuntimeFixture.rules())).store(store).clock(clock).build();
  }

  private JourneyRuntime.Builder runtime(JourneyEngine engine, ActionExecutor executor) {
    return JourneyRuntime.builder(engine, executor)
        .scheduler(scheduler)
        .timerInterval(Duration.ofSeconds(1))
        .relayInterval(Duration.ofSeconds(1))
        .healthInterval(Duration.ofSeconds(5))
        .relay(r -> r.initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)));
  }

  @Test
  void should_fire_timers_and_deliver_their_actions_as_virtual_time_passes() {
    // given
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    RuntimeFixture.Executor executor = new RuntimeFixture.Executor(0);
    JourneyRuntime runtime = runtime(engine(store), executor).build();
    runtime.start();
    // when
    for (int i = 0; i < 20; i++) {
      runtime.accept(RuntimeFixture.form(i, clock.instant()));
    }
    scheduler.advance(Duration.ofMinutes(6));
    // then: 20 form notifications and 20 follow-ups, each once
    assertThat(executor.effects()).hasSize(40);
    assertThat(executor.calls()).isEqualTo(40);
    assertThat(store.pendingActions()).isEmpty();
    assertThat(store.nextTimerDue()).isEmpty();
    assertThat(runtime.health().status()).isEqualTo(RuntimeHealth.Status.UP);
    runtime.close();
  }

  @Test
  void should_keep_firing_timers_while_the_executor_fails_and_recover_to_up() {
    // given: the first 200 executor calls fail
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    RuntimeFixture.Executor executor = new RuntimeFixture.Executor(200);
    JourneyRuntime runtime = runtime(engine(store), executor).build();
    runtime.start();
    for (int i = 0; i < 50; i++) {
      runtime.accept(RuntimeFixture.form(i, clock.instant()));
    }
    // when
    scheduler.advance(Duration.ofSeconds(5));
    RuntimeHealth failing = runtime.health();
    scheduler.advance(Duration.ofMinutes(6));
    long firedTimers =
        store.audit(RuntimeFixture.form(0, clock.instant()).subject()).stream()
            .filter(r -> r.signal().isTimer())
            .count();
    scheduler.advance(Duration.ofMinutes(10));
    // then
    assertThat(failing.status()).isEqualTo(RuntimeHealth.Status.DEGRADED);
    assertThat(failing.has(RuntimeHealth.Kind.EXECUTOR_FAILING)).isTrue();
    assertThat(firedTimers).as("timers fire while the executor fails").isEqualTo(1);
    assertThat(executor.effects()).hasSize(100);
    assertThat(store.pendingActions()).isEmpty();
    assertThat(store.deadLetters()).isEmpty();
    assertThat(runtime.health().status()).isEqualTo(RuntimeHealth.Status.UP);
    runtime.close();
  }

  @Test
  void should_refuse_with_retry_after_when_the_intake_is_full() throws Exception {
    // given: two signals held inside the evaluator fill an intake of two
    CountDownLatch inside = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = holdingEngine(store, inside, release);
    List<SignalRefusedException> refusals = new ArrayList<>();
    JourneyRuntime runtime =
        runtime(engine, new RuntimeFixture.Executor(0))
            .maxInFlight(2)
            .retryAfter(Duration.ofSeconds(7))
            .listener(
                new RuntimeListener() {
                  @Override
                  public void onRefused(Signal signal, SignalRefusedException reason) {
                    refusals.add(reason);
                  }
                })
            .build();
    runtime.start();
    Future<SignalResult> first = threads.submit(() -> runtime.accept(RuntimeFixture.form(1, clock.instant())));
    Future<SignalResult> second = threads.submit(() -> runtime.accept(RuntimeFixture.form(2, clock.instant())));
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
    // when / then
    assertThatThrownBy(() -> runtime.accept(RuntimeFixture.form(3, clock.instant())))
        .isInstanceOf(IntakeFullException.class)
        .hasMessage(
            "intake full: signal form-3 refused, 2 signals already in flight (maxInFlight 2, policy"
                + " REFUSE); nothing was written, deliver it again after PT7S")
        .satisfies(e -> assertThat(((IntakeFullException) e).retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    release.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(second.get(30, TimeUnit.SECONDS).status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(processed(store, "form-1")).isTrue();
    assertThat(processed(store, "form-2")).isTrue();
    assertThat(processed(store, "form-3")).as("a refused signal is not written").isFalse();
    assertThat(refusals).hasSize(1);
    assertThat(runtime.accept(RuntimeFixture.form(3, clock.instant())).status())
        .as("accepted once a slot is free")
        .isEqualTo(SignalResult.Status.DECIDED);
    runtime.close();
  }

  @Test
  void should_wait_for_a_free_slot_when_the_policy_blocks() throws Exception {
    // given
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyRuntime runtime =
        runtime(holdingEngine(store, inside, release), new RuntimeFixture.Executor(0))
            .maxInFlight(1)
            .intakePolicy(IntakePolicy.BLOCK)
            .blockTimeout(Duration.ofMinutes(5))
            .build();
    runtime.start();
    Future<SignalResult> holder = threads.submit(() -> runtime.accept(RuntimeFixture.form(1, clock.instant())));
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
    // when: a second signal waits for the slot
    CountDownLatch started = new CountDownLatch(1);
    Future<SignalResult> waiter =
        threads.submit(
            () -> {
              started.countDown();
              return runtime.accept(RuntimeFixture.form(2, clock.instant()));
            });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(waiter.isDone()).isFalse();
    release.countDown();
    // then
    assertThat(holder.get(30, TimeUnit.SECONDS).status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(waiter.get(30, TimeUnit.SECONDS).status()).isEqualTo(SignalResult.Status.DECIDED);
    runtime.close();
  }

  @Test
  void should_refuse_after_the_block_timeout_when_no_slot_frees() throws Exception {
    // given
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyRuntime runtime =
        runtime(holdingEngine(store, inside, release), new RuntimeFixture.Executor(0))
            .maxInFlight(1)
            .intakePolicy(IntakePolicy.BLOCK)
            .blockTimeout(Duration.ofMillis(1))
            .build();
    runtime.start();
    Future<SignalResult> holder = threads.submit(() -> runtime.accept(RuntimeFixture.form(1, clock.instant())));
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
    // when / then
    assertThatThrownBy(() -> runtime.accept(RuntimeFixture.form(2, clock.instant())))
        .isInstanceOf(IntakeFullException.class)
        .hasMessageContaining("policy BLOCK");
    release.countDown();
    holder.get(30, TimeUnit.SECONDS);
    assertThat(processed(store, "form-2")).isFalse();
    runtime.close();
  }

  @Test
  void should_refuse_signals_before_start_and_after_close() {
    // given
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyRuntime runtime = runtime(engine(store), new RuntimeFixture.Executor(0)).build();
    // when / then
    assertThatThrownBy(() -> runtime.accept(RuntimeFixture.form(1, clock.instant())))
        .isInstanceOf(RuntimeNotRunningException.class)
        .hasMessage(
            "signal form-1 refused: the runtime is NEW, it accepts signals only when RUNNING;"
                + " nothing was written")
        .satisfies(e -> assertThat(((SignalRefusedException) e).retryAfter())
            .isEqualTo(JourneyRuntime.DEFAULT_RETRY_AFTER));
    runtime.start();
    runtime.accept(RuntimeFixture.form(1, clock.instant()));
    runtime.close();
    assertThatThrownBy(() -> runtime.accept(RuntimeFixture.form(2, clock.instant())))
        .isInstanceOf(RuntimeNotRunningException.class)
        .hasMessageContaining("the runtime is CLOSED");
    assertThat(processed(store, "form-2")).isFalse();
    assertThat(runtime.health().has(RuntimeHealth.Kind.NOT_RUNNING)).isTrue();
    assertThatThrownBy(runtime::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("start() needs a NEW runtime, but it is CLOSED");
  }

  @Test
  void should_leave_nothing_claimed_after_a_clean_close() {
    // given: work in progress, with retries pending
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    RuntimeFixture.Executor executor = new RuntimeFixture.Executor(1_000);
    JourneyRuntime runtime = runtime(engine(store), executor).build();
    runtime.start();
    for (int i = 0; i < 30; i++) {
      runtime.accept(RuntimeFixture.form(i, clock.instant()));
    }
    scheduler.advance(Duration.ofSeconds(3));
    // when
    StopReport report = runtime.close(Duration.ofSeconds(5));
    // then: everything still pending is claimable by the next runtime at once
    assertThat(report.clean()).isTrue();
    assertThat(scheduler.lanes()).isEmpty();
    clock.advance(Duration.ofHours(1));
    int pending = store.pendingActions().size();
    assertThat(pending).isEqualTo(30);
    assertThat(store.claimActions(clock.instant(), Duration.ofMinutes(1), 10_000)).hasSize(pending);
    assertThat(store.claimDueTimers(clock.instant(), Duration.ofMinutes(1), 10_000)).hasSize(30);
  }

  @Test
  void should_not_stall_timers_or_intake_while_the_executor_hangs() throws Exception {
    // given: real threads; the executor hangs on its first call until released
    CountDownLatch hanging = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ActionExecutor hangs =
        (action, attempt) -> {
          hanging.countDown();
          await(release);
          return ExecutionResult.done();
        };
    CountDownLatch timerFired = new CountDownLatch(1);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff")
                .model(JourneyModel.leadHandoff())
                .evaluator(RuntimeFixture.rules())
                .build())
            .store(store)
            .clock(clock)
            .listener(
                new JourneyListener() {
                  @Override
                  public void onCommitted(AuditRecord record) {
                    if (record.signal().isTimer()) {
                      timerFired.countDown();
                    }
                  }
                })
            .build();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine, hangs)
            .scheduler(RuntimeScheduler.threads("test"))
            .timerInterval(Duration.ofMillis(1))
            .relayInterval(Duration.ofMillis(1))
            .build();
    runtime.start();
    runtime.accept(RuntimeFixture.form(1, clock.instant()));
    assertThat(hanging.await(30, TimeUnit.SECONDS)).isTrue();
    // when: while the relay hangs, a signal arrives and its timer comes due
    SignalResult second = runtime.accept(RuntimeFixture.form(2, clock.instant()));
    clock.advance(Duration.ofMinutes(6));
    // then
    assertThat(second.status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(timerFired.await(30, TimeUnit.SECONDS)).as("a timer fired while the relay hangs").isTrue();
    release.countDown();
    assertThat(runtime.close(Duration.ofSeconds(30)).clean()).isTrue();
  }

  @Test
  void should_report_the_busy_lane_and_hand_back_leases_when_the_drain_deadline_passes()
      throws Exception {
    // given: the executor hangs until released
    CountDownLatch hanging = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ActionExecutor hangs =
        (action, attempt) -> {
          hanging.countDown();
          await(release);
          return ExecutionResult.done();
        };
    AtomicInteger releases = new AtomicInteger();
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine(store), hangs)
            .scheduler(RuntimeScheduler.threads("test"))
            .relayInterval(Duration.ofMillis(1))
            .leaseRelease(() -> releases.incrementAndGet() == 2 ? 1 : 0)
            .build();
    runtime.start();
    runtime.accept(RuntimeFixture.form(1, clock.instant()));
    assertThat(hanging.await(30, TimeUnit.SECONDS)).isTrue();
    // when
    StopReport report = runtime.close(Duration.ZERO);
    release.countDown();
    // then
    assertThat(report.clean()).isFalse();
    assertThat(report.abandonedSignals()).isZero();
    // the hanging relay lane; the timer and health lanes only if a tick was running that instant
    assertThat(report.busyLanes()).isBetween(1, 3);
    assertThat(report.releasedLeases()).isEqualTo(1);
    assertThat(releases.get()).as("at start and at close").isEqualTo(2);
    assertThat(runtime.state()).isEqualTo(JourneyRuntime.State.CLOSED);
    assertThat(runtime.close(Duration.ZERO)).isSameAs(report);
  }

  @Test
  void should_be_down_when_the_store_is_unreachable() {
    // given: a store that dies at its first outbox claim
    InMemoryJourneyStore memory = InMemoryJourneyStore.create();
    FaultInjectingStore store = FaultInjectingStore.crashingAt(memory, CrashPoint.AFTER_OUTBOX_CLAIM, 1);
    List<String> failedLanes = new ArrayList<>();
    JourneyRuntime runtime =
        runtime(engine(store), new RuntimeFixture.Executor(0))
            .listener(
                new RuntimeListener() {
                  @Override
                  public void onLaneFailed(String lane, RuntimeException failure) {
                    failedLanes.add(lane);
                  }
                })
            .build();
    runtime.start();
    runtime.accept(RuntimeFixture.form(1, clock.instant()));
    // when
    scheduler.advance(Duration.ofSeconds(2));
    RuntimeHealth health = runtime.health();
    // then
    assertThat(health.status()).isEqualTo(RuntimeHealth.Status.DOWN);
    assertThat(health.reasons())
        .extracting(RuntimeHealth.Reason::kind)
        .containsExactly(RuntimeHealth.Kind.STORE_UNREACHABLE);
    assertThat(failedLanes).contains("relay");
    runtime.close();
  }

  @Test
  void should_be_degraded_while_timers_are_overdue() {
    // given: a timer lane that polls only hourly
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyRuntime runtime =
        runtime(engine(store), new RuntimeFixture.Executor(0))
            .timerInterval(Duration.ofHours(1))
            .timerOverdueThreshold(Duration.ofMinutes(2))
            .build();
    runtime.start();
    runtime.accept(RuntimeFixture.form(1, clock.instant()));
    // when: the timer was due at +5 min
    scheduler.advance(Duration.ofMinutes(6));
    RuntimeHealth inTime = runtime.health();
    scheduler.advance(Duration.ofMinutes(2));
    RuntimeHealth overdue = runtime.health();
    scheduler.advance(Duration.ofHours(1));
    // then
    assertThat(inTime.status()).isEqualTo(RuntimeHealth.Status.UP);
    assertThat(overdue.status()).isEqualTo(RuntimeHealth.Status.DEGRADED);
    assertThat(overdue.reasons())
        .containsExactly(
            new RuntimeHealth.Reason(
                RuntimeHealth.Kind.TIMERS_OVERDUE,
                "earliest pending timer overdue by PT3M (threshold PT2M)"));
    assertThat(runtime.health().status()).isEqualTo(RuntimeHealth.Status.UP);
    runtime.close();
  }

  @Test
  void should_be_degraded_while_dead_letters_grow_and_up_after_the_window() {
    // given
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    RuntimeFixture.Executor executor = new RuntimeFixture.Executor(0);
    List<RuntimeHealth.Status> changes = new ArrayList<>();
    JourneyRuntime runtime =
        runtime(engine(store), executor)
            .deadLetterWindow(Duration.ofMinutes(10))
            .failureThreshold(1.0)
            .listener(
                new RuntimeListener() {
                  @Override
                  public void onHealthChanged(RuntimeHealth previous, RuntimeHealth current) {
                    changes.add(current.status());
                  }
                })
            .build();
    runtime.start();
    scheduler.advance(Duration.ofSeconds(5));
    executor.failPermanently();
    runtime.accept(RuntimeFixture.form(1, clock.instant()));
    // when
    scheduler.advance(Duration.ofSeconds(10));
    RuntimeHealth growing = runtime.health();
    scheduler.advance(Duration.ofMinutes(15));
    // then
    assertThat(store.deadLetters()).hasSize(2);
    assertThat(growing.has(RuntimeHealth.Kind.DEAD_LETTERS_GROWING)).isTrue();
    assertThat(runtime.health().status()).isEqualTo(RuntimeHealth.Status.UP);
    assertThat(changes).containsSubsequence(
        RuntimeHealth.Status.UP, RuntimeHealth.Status.DEGRADED, RuntimeHealth.Status.UP);
    runtime.close();
  }

  @Test
  void should_be_degraded_when_ready_actions_wait_longer_than_the_lag_threshold() {
    // given: a relay that polls every 10 minutes, a lag threshold of 1 minute
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    RuntimeFixture.Executor executor = new RuntimeFixture.Executor(0);
    JourneyRuntime runtime =
        runtime(engine(store), executor)
            .relayInterval(Duration.ofMinutes(10))
            .relayLagThreshold(Duration.ofMinutes(1))
            .build();
    runtime.start();
    scheduler.runDue();
    runtime.accept(RuntimeFixture.form(1, clock.instant()));
    // when: the relay next runs 10 minutes later and finds an action ready since then
    scheduler.advance(Duration.ofMinutes(10));
    RuntimeHealth lagging = runtime.health();
    scheduler.advance(Duration.ofMinutes(20)); // the follow-up's action, then nothing left

    // then
    assertThat(lagging.has(RuntimeHealth.Kind.RELAY_LAG)).isTrue();
    assertThat(runtime.health().status()).isEqualTo(RuntimeHealth.Status.UP);
    runtime.close();
  }

  private JourneyEngine holdingEngine(JourneyStore store, CountDownLatch inside, CountDownLatch release) {
    dev.journey.core.rules.JavaRuleSet rules = RuntimeFixture.rules();
    return JourneyEngine.builder()
        .definition(JourneyDefinition.builder("lead-handoff")
            .model(JourneyModel.leadHandoff())
            .evaluator((snapshot, signal, now) -> {
                  inside.countDown();
                  await(release);
                  return rules.evaluate(snapshot, signal, now);
                })
            .build())
        .store(store)
        .clock(clock)
        .build();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not released within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }


  /** Whether the store's inbox holds {@code signalId} (the subject does not matter for the inbox). */
  private static boolean processed(dev.journey.core.spi.JourneyStore store, String signalId) {
    return store.lookup(dev.journey.core.SubjectRef.contact("0"), signalId).inbox().isPresent();
  }
}
