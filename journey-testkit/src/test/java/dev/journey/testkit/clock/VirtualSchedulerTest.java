package dev.journey.testkit.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.runtime.RuntimeScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class VirtualSchedulerTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final VirtualClock clock = VirtualClock.at(T0);
  private final VirtualScheduler scheduler = VirtualScheduler.on(clock);

  @Test
  void should_run_lanes_at_every_instant_they_are_due_in_the_order_scheduled() {
    // given
    List<String> runs = new ArrayList<>();
    scheduler.repeat("a", Duration.ofSeconds(2), () -> runs.add("a@" + clock.instant().getEpochSecond() % 60));
    scheduler.repeat("b", Duration.ofSeconds(3), () -> runs.add("b@" + clock.instant().getEpochSecond() % 60));
    // when
    scheduler.advance(Duration.ofSeconds(6));
    // then
    assertThat(runs).containsExactly("a@0", "b@0", "a@2", "b@3", "a@4", "a@6", "b@6");
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(6));
  }

  @Test
  void should_run_nothing_until_driven_and_each_due_lane_once_per_run_due() {
    // given
    List<Instant> runs = new ArrayList<>();
    scheduler.repeat("a", Duration.ofSeconds(1), () -> runs.add(clock.instant()));
    // when
    int first = scheduler.runDue();
    int again = scheduler.runDue();
    clock.advance(Duration.ofSeconds(5));
    int late = scheduler.runDue();
    // then: a lane that missed its instants runs once when driven, like a delayed thread
    assertThat(List.of(first, again, late)).containsExactly(1, 0, 1);
    assertThat(runs).containsExactly(T0, T0.plusSeconds(5));
  }

  @Test
  void should_stop_advancing_when_the_condition_holds() {
    // given
    List<Instant> runs = new ArrayList<>();
    scheduler.repeat("a", Duration.ofMinutes(1), () -> runs.add(clock.instant()));
    // when
    boolean done = scheduler.advanceUntil(() -> runs.size() == 3, T0.plus(Duration.ofHours(1)));
    // then
    assertThat(done).isTrue();
    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
  }

  @Test
  void should_not_run_cancelled_lanes_and_refuse_lanes_after_shutdown() throws Exception {
    // given
    List<String> runs = new ArrayList<>();
    RuntimeScheduler.Lane lane = scheduler.repeat("a", Duration.ofSeconds(1), () -> runs.add("a"));
    // when
    lane.cancel();
    scheduler.advance(Duration.ofSeconds(5));
    scheduler.shutdown();
    // then
    assertThat(runs).isEmpty();
    assertThat(lane.awaitIdle(Duration.ZERO)).isTrue();
    assertThat(scheduler.lanes()).isEmpty();
    assertThatThrownBy(() -> scheduler.repeat("b", Duration.ofSeconds(1), () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the scheduler is shut down: cannot schedule lane b");
  }

  @Test
  void should_reject_a_limit_in_the_past_and_a_negative_step() {
    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> scheduler.advanceUntil(() -> true, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be >= the clock's instant (2026-03-02T09:01:00Z), but was 2026-03-02T09:00:00Z");
    assertThatThrownBy(() -> scheduler.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step must be >= 0, but was PT-1S");
  }
}
