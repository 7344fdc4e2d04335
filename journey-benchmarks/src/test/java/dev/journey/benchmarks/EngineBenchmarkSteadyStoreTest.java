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
    engine.housekeeping = "inline";
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
  void should_purge_and_drain_on_the_housekeeping_thread_when_housekeeping_is_a_thread()
      throws Exception {
    // given
    EngineBenchmark.Engine engine = new EngineBenchmark.Engine();
    engine.evaluator = "small";
    engine.identity = "off";
    engine.subjects = 1_000;
    engine.store = "steady";
    engine.housekeeping = "thread";
    engine.compile();
    engine.setUp();
    EngineBenchmark.Feed feed = new EngineBenchmark.Feed();
    feed.setUp(engine);
    Signal first = feed.nextSignal(engine);
    engine.engine.accept(first);
    try {
      // when: 1.5 s of virtual time, past the retention, then the last mark's round finishes
      for (int i = 1; i < 150_000; i++) {
        engine.engine.accept(feed.nextSignal(engine));
      }
      long marks = engine.signalsSeen / EngineBenchmark.HOUSEKEEPING_SIGNALS;
      engine.housekeeper.wake();
      boolean done = engine.housekeeper.awaitRounds(1, Duration.ofSeconds(30));
      // a last round after the feed stopped, at the final clock: the first record is past retention
      long before = engine.housekeeper.rounds();
      engine.housekeeper.wake();
      boolean last = engine.housekeeper.awaitRounds(before + 1, Duration.ofSeconds(30));
      // then
      assertThat(marks).isGreaterThanOrEqualTo(9);
      assertThat(done).isTrue();
      assertThat(last).isTrue();
      assertThat(engine.steadyStore.lookup(first.subject(), first.id()).inbox()).isEmpty();
      assertThat(engine.steadyStore.pendingActions().size())
          .isLessThan(3 * EngineBenchmark.HOUSEKEEPING_SIGNALS);
    } finally {
      engine.tearDown();
    }
  }

  @Test
  void should_refuse_an_unknown_housekeeping_mode() throws Exception {
    // given
    EngineBenchmark.Engine engine = new EngineBenchmark.Engine();
    engine.evaluator = "small";
    engine.identity = "off";
    engine.subjects = 10;
    engine.store = "steady";
    engine.housekeeping = "sometimes";
    engine.compile();
    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(engine::setUp)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("thread or inline")
        .hasMessageContaining("sometimes");
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
