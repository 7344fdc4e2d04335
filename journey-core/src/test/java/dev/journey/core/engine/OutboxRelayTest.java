package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

final class OutboxRelayTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  private final MutableClock clock = MutableClock.at(START.toString());
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private final JourneyEngine engine =
      JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), TestRules.rules())).store(store).clock(clock).build();

  /** An idempotent executor: applies each action id once, fails as told. */
  private static final class FakeExecutor implements ActionExecutor {
    final Map<String, Integer> effects = new ConcurrentHashMap<>();
    final List<String> calls = new ArrayList<>();
    Function<Action, ExecutionResult> behaviour = a -> ExecutionResult.done();

    @Override
    public synchronized ExecutionResult execute(Action action, int attempt) {
      calls.add(action.kind() + "#" + attempt);
      ExecutionResult result = behaviour.apply(action);
      if (result instanceof ExecutionResult.Done
          || result instanceof ExecutionResult.Ambiguous) { // ambiguous: applied, answer lost
        effects.merge(action.id(), 1, (a, b) -> 1);
      }
      return result;
    }
  }

  private void demoRequest(String subjectId) {
    engine.accept(
        Signal.builder()
            .id("demo-" + subjectId)
            .subject(SubjectRef.contact(subjectId))
            .type(SignalTypes.DEMO_REQUESTED)
            .occurredAt(clock.instant())
            .source("test")
            .build());
  }

  @Test
  void should_execute_one_subjects_actions_in_order() {
    // given
    demoRequest("1");
    FakeExecutor executor = new FakeExecutor();
    OutboxRelay relay = OutboxRelay.builder(store, executor).clock(clock).build();
    // when
    int first = relay.runOnce();
    relay.drain();
    // then only the head of the subject's queue is claimed per round
    assertThat(first).isEqualTo(1);
    assertThat(executor.calls).containsExactly("ASSIGN_OWNER#1", "CREATE_TASK#1", "SUPPRESS_OUTREACH#1");
    assertThat(store.pendingActions()).isEmpty();
  }

  @Test
  void should_retry_with_backoff_then_dead_letter_then_requeue_without_a_duplicate_effect() {
    // given an executor that times out ambiguously (applies, loses the answer) on tasks
    demoRequest("1");
    FakeExecutor executor = new FakeExecutor();
    executor.behaviour =
        a -> a.kind() == ActionKind.CREATE_TASK
            ? ExecutionResult.retryAfter(Duration.ZERO, "503 service unavailable")
            : ExecutionResult.done();
    OutboxRelay relay =
        OutboxRelay.builder(store, executor).clock(clock).maxAttempts(3)
            .initialBackoff(Duration.ofSeconds(10)).jitter(0).build();
    // when: attempt 1 now, attempt 2 after 10 s, attempt 3 after 20 s more
    relay.drain();
    clock.advance(Duration.ofSeconds(9));
    relay.drain();
    int callsBeforeBackoffElapsed = executor.calls.size();
    clock.advance(Duration.ofSeconds(1));
    relay.drain();
    clock.advance(Duration.ofSeconds(20));
    relay.drain();
    // then
    assertThat(callsBeforeBackoffElapsed).isEqualTo(2);
    assertThat(executor.calls)
        .containsExactly("ASSIGN_OWNER#1", "CREATE_TASK#1", "CREATE_TASK#2", "CREATE_TASK#3",
            "SUPPRESS_OUTREACH#1");
    List<DeadLetter> dead = store.deadLetters();
    assertThat(dead).singleElement().satisfies(d -> {
      assertThat(d.entry().action().kind()).isEqualTo(ActionKind.CREATE_TASK);
      assertThat(d.reason()).isEqualTo("gave up after 3 attempts; last: 503 service unavailable");
    });

    // when the dead letter is requeued and the executor has recovered
    executor.behaviour = a -> ExecutionResult.done();
    String taskId = dead.get(0).entry().actionId();
    assertThat(store.requeue(taskId, clock.instant())).isTrue();
    relay.drain();
    // then it ran again with the same id, and its effect exists once
    assertThat(store.deadLetters()).isEmpty();
    assertThat(executor.effects).containsEntry(taskId, 1).hasSize(3);
    assertThat(store.requeue(taskId, clock.instant())).isFalse();
  }

  @Test
  void should_dead_letter_a_permanent_failure_at_once_and_keep_going() {
    // given
    demoRequest("1");
    FakeExecutor executor = new FakeExecutor();
    executor.behaviour =
        a -> a.kind() == ActionKind.ASSIGN_OWNER
            ? ExecutionResult.permanent("403 missing scope crm.objects.contacts.write")
            : ExecutionResult.done();
    // when
    OutboxRelay.builder(store, executor).clock(clock).build().drain();
    // then
    assertThat(store.deadLetters()).singleElement()
        .extracting(DeadLetter::reason)
        .isEqualTo("permanent failure: 403 missing scope crm.objects.contacts.write");
    assertThat(executor.calls).hasSize(3);
    assertThat(store.discard(store.deadLetters().get(0).entry().actionId())).isTrue();
    assertThat(store.deadLetters()).isEmpty();
  }

  @Test
  void should_treat_an_executor_exception_as_ambiguous_and_retry_it() {
    // given
    demoRequest("1");
    Set<String> failedOnce = new HashSet<>();
    FakeExecutor executor = new FakeExecutor();
    executor.behaviour = a -> {
      if (failedOnce.add(a.id())) {
        throw new IllegalStateException("connection reset");
      }
      return ExecutionResult.done();
    };
    OutboxRelay relay = OutboxRelay.builder(store, executor).clock(clock).jitter(0).build();
    // when
    relay.drain();
    clock.advance(Duration.ofSeconds(1));
    relay.drain();
    clock.advance(Duration.ofSeconds(1));
    relay.drain();
    clock.advance(Duration.ofSeconds(1));
    relay.drain();
    // then
    assertThat(store.pendingActions()).isEmpty();
    assertThat(store.deadLetters()).isEmpty();
    assertThat(executor.effects).hasSize(3);
  }

  @Test
  void should_not_count_deferrals_as_attempts_but_bound_them_in_time() {
    // given an executor that defers every task for a day (e.g. awaiting approval)
    demoRequest("1");
    FakeExecutor executor = new FakeExecutor();
    executor.behaviour =
        a -> a.kind() == ActionKind.CREATE_TASK
            ? ExecutionResult.deferred(Duration.ofDays(1), "awaiting approval")
            : ExecutionResult.done();
    OutboxRelay relay =
        OutboxRelay.builder(store, executor).clock(clock).maxAttempts(2)
            .maxDeferral(Duration.ofDays(3)).build();
    // when: deferred on day 0, 1, 2 (within three days), then beyond
    for (int day = 0; day < 4; day++) {
      relay.drain();
      clock.advance(Duration.ofDays(1));
    }
    // then: more deferrals than maxAttempts, then a dead letter that says why
    assertThat(executor.calls.stream().filter(c -> c.startsWith("CREATE_TASK"))).hasSize(4)
        .allMatch(c -> c.endsWith("#1"));
    assertThat(store.deadLetters()).singleElement().extracting(DeadLetter::reason)
        .isEqualTo("deferred beyond PT72H after it was committed; last: awaiting approval");
  }

  @Test
  void should_keep_jittered_backoff_within_bounds_and_stable() {
    OutboxRelay relay =
        OutboxRelay.builder(store, (a, n) -> ExecutionResult.done())
            .initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)).jitter(0.2)
            .build();
    for (int attempt = 1; attempt <= 10; attempt++) {
      long base = Math.min(1000L << (attempt - 1), 30_000L);
      Duration wait = relay.backoff("a-1", attempt);
      assertThat(wait.toMillis()).isBetween((long) (base * 0.8), (long) (base * 1.2) + 1);
      assertThat(relay.backoff("a-1", attempt)).isEqualTo(wait);
    }
  }

  @Test
  void should_validate_builder_settings() {
    OutboxRelay.Builder builder = OutboxRelay.builder(store, (a, n) -> ExecutionResult.done());
    assertThatThrownBy(() -> builder.maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be >= 1, but was 0");
    assertThatThrownBy(() -> builder.jitter(1.5)).hasMessage("jitter must be within [0, 1], but was 1.5");
    assertThatThrownBy(() -> builder.initialBackoff(Duration.ofHours(2)))
        .hasMessage("initialBackoff must be <= maxBackoff (PT1H), but was PT2H");
  }
}
