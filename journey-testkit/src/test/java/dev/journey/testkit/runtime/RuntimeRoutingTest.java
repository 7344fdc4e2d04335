package dev.journey.testkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.ActionKind;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeListener;
import dev.journey.core.runtime.RuntimeScheduler;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class RuntimeRoutingTest {
  private final VirtualClock clock = VirtualClock.at(RuntimeFixture.T0);

  /** A form notifies; a pricing-page view escalates. */
  private static JavaRuleSet rules() {
    return JavaRuleSet.builder("routing", "1")
        .rule(
            "a form notifies",
            f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
            (f, d) -> d.notify("owner-1", "new form"))
        .rule(
            "a pricing view escalates",
            f -> f.signal().type().equals(SignalTypes.PRICING_PAGE_VIEWED),
            (f, d) -> d.escalate("manager-1", 1, "hot lead"))
        .build();
  }

  private Signal signal(String id, String subject, String type) {
    return Signal.builder()
        .id(id)
        .subject(SubjectRef.contact(subject))
        .type(type)
        .occurredAt(clock.instant())
        .source("test")
        .build();
  }

  @Test
  void should_keep_delivering_other_kinds_while_a_kind_executor_is_at_its_limit() throws Exception {
    // given: notifications go to a mailer that hangs, limited to one call at once
    CountDownLatch hanging = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger mailerCalls = new AtomicInteger();
    CountDownLatch mailed = new CountDownLatch(2);
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    ActionExecutor mailer =
        (action, attempt) -> {
          maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
          mailerCalls.incrementAndGet();
          hanging.countDown();
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            concurrent.decrementAndGet();
            mailed.countDown();
          }
          return ExecutionResult.done();
        };
    CountDownLatch escalated = new CountDownLatch(2);
    ActionExecutor crm =
        (action, attempt) -> {
          escalated.countDown();
          return ExecutionResult.done();
        };
    List<String> deferrals = new CopyOnWriteArrayList<>();
    CountDownLatch deferred = new CountDownLatch(1);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules())).store(store).clock(clock).build();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine, crm)
            .executor(ActionKind.NOTIFY, mailer, 1)
            .scheduler(RuntimeScheduler.threads("routing"))
            .relayWorkers(3)
            .relayBatchSize(1)
            .relayInterval(Duration.ofMillis(1))
            .listener(
                new RuntimeListener() {
                  @Override
                  public void onExecuted(OutboxEntry entry, ExecutionResult result, long nanos) {
                    if (result instanceof ExecutionResult.Deferred) {
                      deferrals.add(((ExecutionResult.Deferred) result).reason());
                      deferred.countDown();
                    }
                  }
                })
            .build();
    runtime.start();
    // when: one notification hangs the mailer, a second one waits for it, two escalations follow
    runtime.accept(signal("form-1", "c1", SignalTypes.FORM_SUBMITTED));
    assertThat(hanging.await(30, TimeUnit.SECONDS)).isTrue();
    runtime.accept(signal("form-2", "c2", SignalTypes.FORM_SUBMITTED));
    runtime.accept(signal("page-3", "c3", SignalTypes.PRICING_PAGE_VIEWED));
    runtime.accept(signal("page-4", "c4", SignalTypes.PRICING_PAGE_VIEWED));
    // then: the escalations are delivered while the mailer hangs
    assertThat(escalated.await(30, TimeUnit.SECONDS)).as("escalations delivered").isTrue();
    assertThat(deferred.await(30, TimeUnit.SECONDS)).as("the second notification deferred").isTrue();
    release.countDown();
    // move virtual time past the second notification's deferral until the mailer has it (a worker
    // may defer it once more while the first call is still releasing its slot)
    boolean delivered = false;
    for (int i = 0; i < 300 && !delivered; i++) {
      clock.advance(Duration.ofSeconds(1));
      delivered = mailed.await(100, TimeUnit.MILLISECONDS);
    }
    assertThat(delivered).as("both notifications delivered").isTrue();
    assertThat(runtime.close(Duration.ofSeconds(30)).clean()).isTrue();
    assertThat(maxConcurrent.get()).as("mailer calls at once").isEqualTo(1);
    assertThat(mailerCalls.get()).isEqualTo(2);
    assertThat(deferrals).isNotEmpty().allMatch(r -> r.equals("executor notify at its concurrency limit (1)"));
  }

  @Test
  void should_reject_a_second_executor_for_a_kind_and_a_limit_below_one() {
    JourneyEngine engine =
        JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules())).store(InMemoryJourneyStore.create()).clock(clock).build();
    ActionExecutor done = (a, n) -> ExecutionResult.done();
    JourneyRuntime.Builder builder =
        JourneyRuntime.builder(engine, done).executor(ActionKind.NOTIFY, done, 2);
    assertThatThrownBy(() -> builder.executor(ActionKind.NOTIFY, done, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("kind NOTIFY already has an executor (notify)");
    assertThatThrownBy(() -> builder.executor(ActionKind.ESCALATE, done, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConcurrency must be >= 1, but was 0");
  }
}
