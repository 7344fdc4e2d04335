package dev.journey.testkit.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

final class VirtualClockTest {
  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void should_stand_still_until_advanced() {
    // given
    VirtualClock clock = VirtualClock.at(START);

    // when
    VirtualClock same = clock.advance(Duration.ofMinutes(90));

    // then
    assertThat(same).isSameAs(clock);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
    assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void should_reject_a_negative_step() {
    // given
    VirtualClock clock = VirtualClock.at(START);

    // when / then
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step must be >= 0 (use set(Instant) to go back), but was PT-1S");
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void should_set_any_instant() {
    // given
    VirtualClock clock = VirtualClock.at(START);

    // when
    clock.set(START.minusSeconds(60));

    // then
    assertThat(clock.instant()).isEqualTo(START.minusSeconds(60));
  }

  @Test
  void should_share_its_instant_with_zoned_views() {
    // given
    VirtualClock clock = VirtualClock.at(START);
    VirtualClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    // when
    clock.advance(Duration.ofHours(1));

    // then
    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    assertThat(paris.toString()).isEqualTo("VirtualClock[2026-03-02T09:00:00Z, Europe/Paris]");
  }

  @Test
  void should_lose_no_step_when_advanced_from_many_threads() throws InterruptedException {
    // given
    VirtualClock clock = VirtualClock.at(START);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < 10_000; i++) {
                  clock.advance(Duration.ofMillis(1));
                }
              });
      thread.start();
      threads.add(thread);
    }

    // when
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    // then
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(40));
  }
}
