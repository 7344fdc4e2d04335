package dev.journey.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code EngineBenchmark -p store=steady} keeps its store at a steady state, as documented. */
final class EngineBenchmarkSteadyStoreTest {
  @Test
  void should_purge_old_inbox_records_and_drain_the_outbox_when_the_store_is_steady()
      throws Exception {
    // given
    EngineBenchmark.Engine engine = new EngineBenchmark.Engine();
    engine.evaluator = "small";
    engine.identity = "off";
    engine.subjects = 1_000;
    engine.store = "steady";
    engine.compile();
    engine.setUp();
    EngineBenchmark.Feed feed = new EngineBenchmark.Feed();
    feed.setUp(engine);
    Signal first = null;
    int signals = 150_000; // 1.5 s of virtual time: past the 1 s retention
    // when
    for (int i = 0; i < signals; i++) {
      Signal s = feed.nextSignal(engine);
      if (first == null) {
        first = s;
      }
      engine.engine.accept(s);
    }
    // then: the clock moved with the signals, the first signal's record was purged, and the
    // outbox holds at most what one housekeeping period queued
    assertThat(Duration.between(EngineBenchmark.T0, engine.steadyClock.instant()))
        .isGreaterThan(Duration.ofMillis(EngineBenchmark.RETENTION_MILLIS));
    assertThat(engine.steadyStore.lookup(first.subject(), first.id()).inbox()).isEmpty();
    assertThat(engine.steadyStore.pendingActions().size())
        .isLessThan(3 * EngineBenchmark.HOUSEKEEPING_SIGNALS);
    assertThat(engine.steadyStore.subjectCount()).isLessThanOrEqualTo(engine.subjects);
  }

  @Test
  void should_keep_a_store_per_iteration_when_the_store_is_fresh() throws Exception {
    // given
    EngineBenchmark.Engine engine = new EngineBenchmark.Engine();
    engine.evaluator = "small";
    engine.identity = "off";
    engine.subjects = 1_000;
    engine.store = "fresh";
    engine.compile();
    engine.setUp();
    var before = engine.engine;
    // when
    engine.setUp();
    // then
    assertThat(engine.engine).isNotSameAs(before);
    assertThat(engine.steadyClock).isNull();
  }
}
