package dev.journey.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class JourneyRuntimeBuilderTest {
  private final JourneyEngine engine =
      JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), JavaRuleSet.builder("none", "1").build())).build();
  private final JourneyRuntime.Builder builder =
      JourneyRuntime.builder(engine, (action, attempt) -> ExecutionResult.done());

  @Test
  void should_reject_an_intake_bound_below_one() {
    assertThatThrownBy(() -> builder.maxInFlight(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxInFlight must be >= 1, but was 0");
  }

  @Test
  void should_reject_non_positive_intervals() {
    assertThatThrownBy(() -> builder.timerInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timerInterval must be > 0, but was PT0S");
    assertThatThrownBy(() -> builder.relayInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relayInterval must be > 0, but was PT-1S");
  }

  @Test
  void should_reject_batch_sizes_and_workers_out_of_range() {
    assertThatThrownBy(() -> builder.timerBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timerBatchSize must be >= 1, but was 0");
    assertThatThrownBy(() -> builder.relayBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relayBatchSize must be >= 1, but was 0");
    assertThatThrownBy(() -> builder.relayWorkers(65))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relayWorkers must be within [1, 64], but was 65");
  }

  @Test
  void should_reject_a_negative_block_timeout_and_a_failure_share_outside_the_unit_interval() {
    assertThatThrownBy(() -> builder.blockTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blockTimeout must be >= 0, but was PT-0.001S");
    assertThatThrownBy(() -> builder.failureThreshold(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failureThreshold must be within (0, 1], but was 0.0");
  }

  @Test
  void should_close_a_runtime_that_never_started_without_touching_the_scheduler() {
    // given
    JourneyRuntime runtime = builder.build();
    // when
    StopReport report = runtime.close(Duration.ZERO);
    // then
    assertThat(report).isEqualTo(new StopReport(true, 0, 0, 0));
    assertThat(runtime.state()).isEqualTo(JourneyRuntime.State.CLOSED);
  }

  @Test
  void should_insist_that_health_status_is_the_worst_of_its_reasons() {
    List<RuntimeHealth.Reason> reasons =
        List.of(new RuntimeHealth.Reason(RuntimeHealth.Kind.STORE_UNREACHABLE, "boom"));
    assertThatThrownBy(() -> new RuntimeHealth(RuntimeHealth.Status.UP, reasons, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be the worst of the reasons (DOWN), but was UP");
  }

  @Test
  void should_reject_a_timer_limit_below_one() {
    assertThatThrownBy(() -> engine.fireDueTimersUpTo(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be >= 1, but was 0");
  }

  @Test
  void should_reject_a_task_whose_name_is_taken_or_whose_interval_is_not_positive() {
    // given
    builder.task("guard", Duration.ofMinutes(1), () -> {});

    // then
    assertThatThrownBy(() -> builder.task("guard", Duration.ofMinutes(1), () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task name must be non-blank and not taken (timers, health, relay-*, [guard]), but was 'guard'");
    assertThatThrownBy(() -> builder.task("relay-0", Duration.ofMinutes(1), () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task name must be non-blank and not taken (timers, health, relay-*, [guard]), but was 'relay-0'");
    assertThatThrownBy(() -> builder.task("report", Duration.ZERO, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task interval must be > 0, but was PT0S");
  }
}
