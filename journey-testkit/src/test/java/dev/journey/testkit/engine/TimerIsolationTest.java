package dev.journey.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.store.CrashPoint;
import dev.journey.testkit.store.FaultInjectingStore;
import dev.journey.testkit.store.SimulatedCrash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a poison timer and what does not: the store failing is not the timer's fault. */
final class TimerIsolationTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration SLA = Duration.ofHours(1);

  private final VirtualClock clock = VirtualClock.at(T0);
  private final InMemoryJourneyStore memory = InMemoryJourneyStore.create();

  private static JavaRuleSet rules(boolean fail) {
    return JavaRuleSet.builder("isolation", "1")
        .rule("form starts the SLA",
            f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
            (f, d) -> d.startTimer("sla", f.now().plus(SLA)))
        .rule("SLA fires",
            f -> f.signal().isTimer(),
            (f, d) -> {
              if (fail) {
                throw new IllegalStateException("rule fails on purpose");
              }
              d.setProperty("sla", "fired");
            })
        .build();
  }

  private JourneyEngine.Builder engine(dev.journey.core.spi.JourneyStore store, boolean fail) {
    return JourneyEngine.builder()
        .definition(JourneyDefinition.builder("isolation").model(JourneyModel.leadHandoff())
            .evaluator(rules(fail)).build())
        .store(store)
        .clock(clock);
  }

  private static Signal form(String id, String contact) {
    return Signal.builder().id(id).subject(SubjectRef.contact(contact)).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0).source("test").build();
  }

  @Test
  void should_end_the_call_and_park_nothing_when_the_store_fails_while_a_timer_fires() {
    // given the third commit (the first timer firing) crashes the store
    FaultInjectingStore crashing = FaultInjectingStore.crashingAt(memory, CrashPoint.BEFORE_COMMIT, 3);
    JourneyEngine engine = engine(crashing, false).build();
    engine.accept(form("f-1", "1"));
    engine.accept(form("f-2", "2"));
    clock.advance(SLA);
    // when / then
    assertThatThrownBy(engine::fireDueTimers).isInstanceOf(SimulatedCrash.class);
    assertThat(memory.quarantined()).isEmpty();
  }

  @Test
  void should_park_after_the_configured_attempts_and_tell_the_listeners() {
    // given
    List<QuarantinedInput> told = new ArrayList<>();
    JourneyEngine engine =
        engine(memory, true)
            .maxTimerAttempts(1)
            .listener(new JourneyListener() {
              @Override
              public void onQuarantined(QuarantinedInput input) {
                told.add(input);
              }
            })
            .build();
    engine.accept(form("f-1", "1"));
    clock.advance(SLA);
    // when
    int fired = engine.fireDueTimers();
    // then
    assertThat(fired).isZero();
    assertThat(memory.quarantined()).singleElement().satisfies(q -> {
      assertThat(q.attempts()).isEqualTo(1);
      assertThat(q.reason()).isEqualTo("java.lang.IllegalStateException: rule fails on purpose");
      assertThat(q.content()).isEqualTo(
          "timer sla generation 1 of contact:1 due at 2026-03-02T10:00:00Z, attributes []");
    });
    assertThat(told).containsExactlyElementsOf(memory.quarantined());
  }

  @Test
  void should_count_failures_in_bounded_calls_as_handled() {
    // given
    JourneyEngine engine = engine(memory, true).build();
    engine.accept(form("f-1", "1"));
    engine.accept(form("f-2", "2"));
    clock.advance(SLA);
    // when
    int handled = engine.fireDueTimersUpTo(1);
    int rest = engine.fireDueTimersUpTo(10);
    // then a caller looping while the result equals its limit moves on past failing timers
    assertThat(handled).isEqualTo(1);
    assertThat(rest).isEqualTo(1);
    assertThat(engine.fireDueTimersUpTo(10)).isZero();
  }

  @Test
  void should_reject_a_max_timer_attempts_below_one() {
    // when / then
    assertThatThrownBy(() -> JourneyEngine.builder().maxTimerAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTimerAttempts must be >= 1, but was 0");
  }
}
