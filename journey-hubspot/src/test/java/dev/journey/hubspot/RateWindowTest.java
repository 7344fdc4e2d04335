package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.hubspot.internal.RateWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Issue 18 defect 4: the window is tracked from send times, never over-waits. */
final class RateWindowTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration SPAN = RateWindow.WINDOW.plus(RateWindow.MARGIN);

  @Test
  void should_free_a_slot_when_the_oldest_send_leaves_the_window_not_ten_seconds_after_the_last_answer() {
    // given: 100 sends over 2 s, each answered 200 ms later with HubSpot's headers, the last with 0 remaining
    RateWindow window = new RateWindow(100, 0, ZoneOffset.UTC);
    for (int i = 0; i < 100; i++) {
      Instant sent = T0.plusMillis(20L * i);
      assertThat(window.tryAcquire(sent)).isEmpty();
      window.observe(sent, Optional.of(100L), Optional.of(99L - i), Optional.of(10_000L), Optional.empty());
    }
    // when
    Optional<RateWindow.Refusal> full = window.tryAcquire(T0.plusSeconds(3));
    Optional<RateWindow.Refusal> atOldest = window.tryAcquire(T0.plus(SPAN).plusMillis(1));
    // then
    assertThat(full).hasValueSatisfying(r -> assertThat(r.until()).isEqualTo(T0.plus(SPAN)));
    assertThat(atOldest).isEmpty();
  }

  @Test
  void should_count_requests_hubspot_saw_from_elsewhere() {
    // given: HubSpot says 60 of 100 are used although only one was sent from here
    RateWindow window = new RateWindow(100, 0, ZoneOffset.UTC);
    window.tryAcquire(T0);
    // when
    window.observe(T0, Optional.of(100L), Optional.of(40L), Optional.of(10_000L), Optional.empty());
    // then
    assertThat(window.inWindow(T0.plusMillis(1))).isEqualTo(60);
    assertThat(window.inWindow(T0.plus(SPAN).plusMillis(1))).isZero();
  }

  @Test
  void should_count_a_completed_request_from_its_answer_so_a_slow_arrival_cannot_overrun_hubspots_window() {
    // given: the one slot's request was sent at T0 and answered 300 ms later
    RateWindow window = new RateWindow(1, 0, ZoneOffset.UTC);
    window.tryAcquire(T0);
    window.settle(T0, T0.plusMillis(300));
    // when
    Optional<RateWindow.Refusal> afterSendWindow = window.tryAcquire(T0.plus(SPAN).plusMillis(1));
    Optional<RateWindow.Refusal> afterAnswerWindow = window.tryAcquire(T0.plusMillis(300).plus(SPAN).plusMillis(1));
    // then
    assertThat(afterSendWindow).hasValueSatisfying(r -> assertThat(r.until()).isEqualTo(T0.plusMillis(300).plus(SPAN)));
    assertThat(afterAnswerWindow).isEmpty();
  }

  @Test
  void should_say_how_long_until_two_requests_fit() {
    // given
    RateWindow window = new RateWindow(3, 0, ZoneOffset.UTC);
    window.tryAcquire(T0);
    window.tryAcquire(T0.plusSeconds(1));
    window.tryAcquire(T0.plusSeconds(2));
    // when / then
    assertThat(window.waitForRoom(T0.plusSeconds(3), 1)).isEqualTo(Duration.ofSeconds(7).plus(RateWindow.MARGIN));
    assertThat(window.waitForRoom(T0.plusSeconds(3), 2)).isEqualTo(Duration.ofSeconds(8).plus(RateWindow.MARGIN));
    assertThat(window.waitForRoom(T0.plusSeconds(11), 1)).isZero();
  }

  @Property(tries = 200)
  void grants_exactly_what_a_rolling_window_of_send_times_allows(
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 400) Integer> gapsMillis,
      @ForAll @IntRange(min = 1, max = 20) int limit) {
    // given
    RateWindow window = new RateWindow(limit, 0, ZoneOffset.UTC);
    List<Instant> granted = new ArrayList<>();
    Instant now = T0;
    for (int gap : gapsMillis) {
      now = now.plusMillis(gap);
      Instant at = now;
      long inSpan = granted.stream().filter(g -> g.isAfter(at.minus(SPAN))).count();
      // when
      Optional<RateWindow.Refusal> refusal = window.tryAcquire(now);
      // then: the reference model (a list of grant times) decides alike
      assertThat(refusal.isEmpty()).isEqualTo(inSpan < limit);
      if (refusal.isPresent()) {
        Instant oldest = granted.stream().filter(g -> g.isAfter(at.minus(SPAN))).min(Instant::compareTo).orElseThrow();
        assertThat(refusal.get().until()).isEqualTo(oldest.plus(SPAN));
      } else {
        granted.add(now);
      }
    }
  }
}
