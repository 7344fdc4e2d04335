package dev.journey.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

final class ThreadSchedulerTest {

  @Test
  void should_run_a_lane_repeatedly_on_its_own_named_thread() throws Exception {
    // given
    RuntimeScheduler scheduler = RuntimeScheduler.threads("test");
    CountDownLatch threeRuns = new CountDownLatch(3);
    AtomicReference<String> thread = new AtomicReference<>();
    // when
    RuntimeScheduler.Lane lane =
        scheduler.repeat(
            "timers",
            Duration.ofMillis(1),
            () -> {
              thread.set(Thread.currentThread().getName());
              threeRuns.countDown();
            });
    // then
    assertThat(threeRuns.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(thread.get()).isEqualTo("test-timers");
    lane.cancel();
    assertThat(lane.awaitIdle(Duration.ofSeconds(30))).isTrue();
    scheduler.shutdown();
  }

  @Test
  void should_report_a_busy_lane_until_its_run_ends_and_not_run_it_after_cancel() throws Exception {
    // given: a run that blocks until released
    RuntimeScheduler scheduler = RuntimeScheduler.threads("test");
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    RuntimeScheduler.Lane lane =
        scheduler.repeat(
            "relay-0",
            Duration.ofMillis(1),
            () -> {
              runs.incrementAndGet();
              inside.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
    // when
    lane.cancel();
    boolean idleWhileBlocked = lane.awaitIdle(Duration.ZERO);
    release.countDown();
    // then
    assertThat(idleWhileBlocked).isFalse();
    assertThat(lane.awaitIdle(Duration.ofSeconds(30))).isTrue();
    assertThat(runs.get()).as("no run after cancel").isEqualTo(1);
    scheduler.shutdown();
  }

  @Test
  void should_reject_a_blank_prefix_and_a_non_positive_interval() {
    assertThatThrownBy(() -> RuntimeScheduler.threads(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prefix must not be blank");
    assertThatThrownBy(() -> RuntimeScheduler.threads("x").repeat("a", Duration.ZERO, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval must be > 0, but was PT0S");
  }
}
