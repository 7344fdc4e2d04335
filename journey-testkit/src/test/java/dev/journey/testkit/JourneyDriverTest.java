package dev.journey.testkit;

import static dev.journey.core.state.JourneyModel.SALES_ENGAGED;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.ActionKind;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.testkit.playbook.Playbook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JourneyDriverTest {
  private static final SubjectRef ONE = SubjectRef.contact("1");

  private static Signal demo(String id, Instant at) {
    return Signal.builder().id(id).subject(ONE).type(SignalTypes.DEMO_REQUESTED).occurredAt(at).build();
  }

  @Test
  void should_move_the_clock_to_a_signal_before_accepting_it() {
    // given
    // tag::driver[]
    JourneyDriver driver = JourneyDriver.builder().definition(Playbook.journey()).build();
    Instant nine = Instant.parse("2026-03-02T09:00:00Z");

    // when
    driver.receive(demo("demo-1", nine));
    // end::driver[]

    // then
    assertThat(driver.now()).isEqualTo(nine);
    assertThat(driver.snapshot(ONE).orElseThrow())
        .isInState(SALES_ENGAGED)
        .hasTimer(Playbook.SLA, nine.plus(Playbook.SLA_WINDOW));
  }

  @Test
  void should_drain_the_outbox_through_the_executor_on_the_virtual_clock() {
    // given
    List<ActionKind> executed = new ArrayList<>();
    JourneyDriver driver =
        JourneyDriver.builder()
            .definition(Playbook.journey())
            .executor(
                (action, attempt) -> {
                  executed.add(action.kind());
                  return ExecutionResult.done();
                })
            .build();

    // when
    driver.receive(demo("demo-1", JourneyDriver.DEFAULT_START));
    driver.advance(Duration.ofHours(5));

    // then
    assertThat(executed)
        .containsExactly(
            ActionKind.ASSIGN_OWNER,
            ActionKind.CREATE_TASK,
            ActionKind.SUPPRESS_OUTREACH,
            ActionKind.ESCALATE);
    assertThat(driver.store().pendingActions()).isEmpty();
  }

  @Test
  void should_seed_a_snapshot_and_replace_its_timers() {
    // given
    JourneyDriver driver = JourneyDriver.builder().definition(Playbook.journey()).build();
    Instant due = JourneyDriver.DEFAULT_START.plus(Duration.ofHours(1));
    JourneySnapshot engaged =
        JourneySnapshot.initial(ONE, SALES_ENGAGED, driver.now()).toBuilder()
            .timer(new PendingTimer("a", due, 1, Map.of()))
            .build();
    driver.seed(engaged);

    // when
    JourneySnapshot reseeded =
        driver.seed(
            engaged.toBuilder()
                .removeTimer("a")
                .timer(new PendingTimer("b", due, 2, Map.of()))
                .build());

    // then
    assertThat(reseeded).hasVersion(2).hasNoTimer("a").hasTimer("b", due);
    assertThat(driver.store().nextTimerDue()).contains(due);
    assertThat(driver.advance(Duration.ofHours(2)))
        .extracting(r -> r.signal().id())
        .containsExactly("timer:contact:1:b:2");
    assertThat(driver.records()).hasSize(1);
  }

  @Test
  void should_validate_its_settings() {
    assertThatThrownBy(() -> JourneyDriver.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a journey definition is required: call definition(JourneyDefinition)");
    JourneyDriver driver = JourneyDriver.builder().definition(Playbook.journey()).build();
    assertThatThrownBy(() -> driver.advance(Duration.ofMinutes(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step must be >= 0, but was PT-5M");
    assertThatThrownBy(() -> driver.recordsSince(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cursor must be within [0, 0], but was 3");
  }
}
