package dev.journey.jdbc;

import dev.journey.testkit.clock.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two engine instances (each with its own pool, store and relay) share one database and process
 * interleaved signals and timers for the same few subjects at the same time. Subclasses name the
 * database: PostgreSQL, or H2 in server mode so that every machine runs it.
 */
abstract class TwoEnginesScenario {
  private static final Logger LOG = LoggerFactory.getLogger(TwoEnginesScenario.class);

  private final List<javax.sql.DataSource> pools = new ArrayList<>();

  /** Empties the shared database. */
  abstract void reset();

  /** A new pool of {@code size} connections to the shared database. */
  abstract javax.sql.DataSource open(int size);
  private final AtomicInteger conflicts = new AtomicInteger();

  @AfterEach
  void close() {
    pools.forEach(TestDatabases::close);
  }

  private final class Node {
    final JdbcJourneyStore store;
    final JourneyEngine engine;
    final OutboxRelay relay;

    Node(String id, VirtualClock clock, IdempotentExecutor executor) {
      javax.sql.DataSource pool = open(4);
      pools.add(pool);
      store = JdbcJourneyStore.builder(pool).clock(clock).instanceId(id).build();
      engine =
          JourneyEngine.builder()
              .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), Scenario.rules()))
              .store(store)
              .clock(clock)
              .maxConflictRetries(64)
              .listener(
                  new JourneyListener() {
                    @Override
                    public void onConflict(String signalId, int attempt) {
                      conflicts.incrementAndGet();
                    }
                  })
              .build();
      relay = OutboxRelay.builder(store, executor).clock(clock).batchSize(7).build();
    }

    Callable<Integer> work(List<Signal> signals) {
      return () -> {
        int n = engine.fireDueTimers();
        relay.drain();
        for (Signal signal : signals) {
          engine.accept(signal);
          n += relay.drain();
        }
        n += engine.fireDueTimers();
        return n + relay.drain();
      };
    }
  }

  @Test
  void should_lose_no_update_and_fire_no_timer_or_effect_twice() throws Exception {
    // given
    reset();
    Scenario scenario = Scenario.of(300, 6, Duration.ofSeconds(20), 11);
    VirtualClock clock = VirtualClock.at(Scenario.T0);
    IdempotentExecutor executor = new IdempotentExecutor();
    Node a = new Node("node-a", clock, executor);
    Node b = new Node("node-b", clock, executor);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    // when: blocks of 10 signals, even ones to A and odd ones to B, processed concurrently
    try {
      for (int from = 0; from < scenario.signals.size(); from += 10) {
        List<Signal> block = scenario.signals.subList(from, Math.min(from + 10, scenario.signals.size()));
        clock.set(block.get(block.size() - 1).occurredAt());
        List<Signal> forA = new ArrayList<>();
        List<Signal> forB = new ArrayList<>();
        for (int i = 0; i < block.size(); i++) {
          (i % 2 == 0 ? forA : forB).add(block.get(i));
        }
        runBoth(threads, a.work(forA), b.work(forB));
      }
      while (true) {
        runBoth(threads, a.work(List.of()), b.work(List.of()));
        Optional<Instant> next = a.store.nextTimerDue();
        if (next.isEmpty()) {
          break;
        }
        if (next.get().isAfter(clock.instant())) {
          clock.set(next.get());
        }
      }
    } finally {
      threads.shutdownNow();
    }
    LOG.info("two engines: {} commit conflicts resolved by re-evaluation", conflicts.get());
    // then: no lost update: every signal counted once per subject
    Map<SubjectRef, Long> sent = new HashMap<>();
    scenario.signals.forEach(s -> sent.merge(s.subject(), 1L, Long::sum));
    List<String> decidedActions = new ArrayList<>();
    List<String> timerFirings = new ArrayList<>();
    for (SubjectRef subject : scenario.subjects) {
      JourneySnapshot snapshot = a.store.load(subject).orElseThrow();
      List<AuditRecord> audit = a.store.audit(subject);
      assertThat(snapshot.counter("signals")).as("signals of " + subject).isEqualTo(sent.get(subject));
      assertThat(audit.stream().filter(r -> !r.signal().isTimer()).count()).isEqualTo(sent.get(subject));
      assertThat(snapshot.version()).as("one version per committed change")
          .isEqualTo(audit.stream().filter(r -> r.outcome() == AuditRecord.Outcome.DECIDED).count());
      long slaFirings =
          audit.stream()
              .filter(r -> r.outcome() == AuditRecord.Outcome.DECIDED && r.signal().isTimer())
              .filter(r -> r.signal().isTimer(Scenario.SLA))
              .count();
      assertThat(snapshot.counter("breaches")).as("breaches of " + subject).isEqualTo(slaFirings);
      assertThat(snapshot.timers()).as("pending timers of " + subject).isEmpty();
      for (AuditRecord r : audit) {
        if (r.outcome() == AuditRecord.Outcome.DECIDED) {
          r.decision().actions().forEach(x -> decidedActions.add(x.id()));
          if (r.signal().isTimer()) {
            timerFirings.add(r.signal().id());
          }
        }
      }
    }
    assertThat(timerFirings).as("timers fired").isNotEmpty().doesNotHaveDuplicates();
    Map<String, Action> effects = executor.effects();
    assertThat(effects.keySet()).as("every decided action took effect")
        .containsExactlyInAnyOrderElementsOf(decidedActions);
    for (String id : effects.keySet()) {
      assertThat(executor.calls(id)).as("executions of " + id).isEqualTo(1);
    }
    assertThat(a.store.pendingActions()).isEmpty();
    assertThat(a.store.deadLetters()).isEmpty();
    assertThat(a.store.nextTimerDue()).isEmpty();
  }

  private static void runBoth(ExecutorService threads, Callable<Integer> first, Callable<Integer> second)
      throws Exception {
    List<Future<Integer>> futures = threads.invokeAll(List.of(first, second));
    for (Future<Integer> f : futures) {
      f.get(120, TimeUnit.SECONDS);
    }
  }
}
