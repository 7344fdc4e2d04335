package dev.journey.testkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Against a reference model of the fixture's rules: whatever the arrival pattern, the executor's
 * failures, the number of relay workers and the batch sizes, every expected action takes effect
 * exactly once and nothing is left in the outbox or the timer index.
 */
final class RuntimeDeliveryProperties {

  @Property(tries = 40)
  void every_expected_action_takes_effect_once(
      @ForAll @Size(min = 1, max = 25) List<@IntRange(min = 0, max = 5) Integer> subjects,
      @ForAll @Size(min = 25, max = 25) List<@IntRange(min = 1, max = 4) Integer> gapsInMinutes,
      @ForAll @IntRange(min = 0, max = 40) int failures,
      @ForAll @IntRange(min = 1, max = 3) int workers,
      @ForAll @IntRange(min = 1, max = 7) int batchSize) {
    // given
    VirtualClock clock = VirtualClock.at(RuntimeFixture.T0);
    VirtualScheduler scheduler = VirtualScheduler.on(clock);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    RuntimeFixture.Executor executor = new RuntimeFixture.Executor(failures);
    JourneyEngine engine =
        JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), RuntimeFixture.rules())).store(store).clock(clock).build();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine, executor)
            .scheduler(scheduler)
            .timerInterval(Duration.ofSeconds(1))
            .relayInterval(Duration.ofSeconds(1))
            .relayWorkers(workers)
            .relayBatchSize(batchSize)
            .timerBatchSize(batchSize)
            .relay(r -> r.maxAttempts(100).initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(20)))
            .build();
    runtime.start();
    List<Signal> signals = new ArrayList<>();
    Instant at = RuntimeFixture.T0;
    for (int i = 0; i < subjects.size(); i++) {
      at = at.plus(Duration.ofMinutes(gapsInMinutes.get(i)));
      signals.add(
          Signal.builder()
              .id("form-" + i)
              .subject(SubjectRef.contact("c" + subjects.get(i)))
              .type(SignalTypes.FORM_SUBMITTED)
              .occurredAt(at)
              .source("property")
              .build());
    }
    // when
    for (Signal signal : signals) {
      scheduler.advanceUntil(() -> false, signal.occurredAt());
      runtime.accept(signal);
    }
    scheduler.advance(Duration.ofMinutes(30));
    runtime.close();
    // then: the model: one notification per form, one per follow-up that fired; a follow-up
    // fires unless the subject's next form arrives before it is due (it restarts the timer)
    int expected = 0;
    Map<SubjectRef, Instant> lastForm = new HashMap<>();
    for (Signal signal : signals) {
      Instant previous = lastForm.put(signal.subject(), signal.occurredAt());
      expected++;
      if (previous != null && !signal.occurredAt().isBefore(previous.plus(Duration.ofMinutes(5)))) {
        expected++;
      }
    }
    expected += lastForm.size();
    assertThat(executor.effects()).hasSize(expected);
    // nothing twice: every failure is retried until it succeeds, and nothing else runs again
    assertThat(executor.calls()).isEqualTo(expected + failures);
    assertThat(store.pendingActions()).isEmpty();
    assertThat(store.deadLetters()).isEmpty();
    assertThat(store.nextTimerDue()).isEmpty();
  }
}
