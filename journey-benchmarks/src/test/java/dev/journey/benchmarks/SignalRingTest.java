package dev.journey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The benchmarks' pre-built feed: new ids while a store grows, the ring replayed when it cycles. */
final class SignalRingTest {
  private static Signal signal(long n) {
    return new Signal("s-" + n, SubjectRef.contact("1"), "FORM_SUBMITTED", EngineBenchmark.T0,
        "bench", Map.of());
  }

  @Test
  void should_hand_out_distinct_ids_past_the_ring_and_count_the_signals_built_inline() {
    // given
    SignalRing ring = new SignalRing(4, SignalRingTest::signal);
    Set<String> ids = new HashSet<>();
    // when
    for (int i = 0; i < 10; i++) {
      ids.add(ring.next().id());
    }
    // then
    assertThat(ids).hasSize(10);
    assertThat(ring.builtInline()).isEqualTo(6);
    assertThat(ring.taken()).isEqualTo(10);
  }

  @Test
  void should_hand_out_the_same_pre_built_signals_again_after_a_restart() {
    // given
    SignalRing ring = new SignalRing(3, SignalRingTest::signal);
    Signal first = ring.next();
    ring.next();
    // when
    ring.restart();
    // then: the very object built before the measurement, nothing built inline
    assertThat(ring.next()).isSameAs(first);
    assertThat(ring.builtInline()).isZero();
  }

  @Test
  void should_replay_the_ring_when_cycling() {
    // given
    SignalRing ring = new SignalRing(3, SignalRingTest::signal);
    // when
    Signal[] seen = new Signal[7];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = ring.cycle();
    }
    // then
    assertThat(seen[3]).isSameAs(seen[0]);
    assertThat(seen[6]).isSameAs(seen[0]);
    assertThat(seen[4].id()).isEqualTo("s-1");
    assertThat(ring.builtInline()).isZero();
  }

  @Test
  void should_replay_a_steady_store_s_ids_only_after_the_store_has_purged_them() {
    // what the steady store retains of all threads together: the retention's virtual time in
    // signals, plus one housekeeping period before the purge runs
    long retained = EngineBenchmark.RETENTION_MILLIS * 1000 / EngineBenchmark.MICROS_PER_SIGNAL
        + EngineBenchmark.HOUSEKEEPING_SIGNALS;
    assertThat((long) EngineBenchmark.RING_STEADY).isGreaterThan(2 * retained);
  }

  @Test
  void should_refuse_an_empty_ring() {
    assertThatThrownBy(() -> new SignalRing(0, SignalRingTest::signal))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }
}
