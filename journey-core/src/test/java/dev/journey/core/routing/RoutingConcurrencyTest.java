package dev.journey.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Parallel decisions through a real engine and store: the shared round-robin and capacity state
 * is committed with compare-and-set, so concurrency changes neither the counts nor the caps.
 */
final class RoutingConcurrencyTest {
  private static final int THREADS = 4;
  private static final BusinessCalendar ALWAYS = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);

  @Property(tries = 12)
  void parallel_round_robin_counts_match_the_weights(
      @ForAll @Size(min = 2, max = 4) List<@IntRange(min = 1, max = 4) Integer> weights,
      @ForAll @IntRange(min = 2, max = 6) int cycles) throws Exception {
    // given
    InMemoryOwnerDirectory.Builder directory = InMemoryOwnerDirectory.builder();
    List<Pool.Member> members = new ArrayList<>();
    int total = 0;
    for (int i = 0; i < weights.size(); i++) {
      directory.owner(Owner.builder("o" + i, ALWAYS).build());
      members.add(new Pool.Member("o" + i, weights.get(i)));
      total += weights.get(i);
    }
    directory.pool(new Pool("p", members));

    // when: whole cycles of the total weight, in parallel
    Map<String, Integer> counts = routeInParallel(directory.build(), total * cycles);

    // then: exactly weight x cycles each
    for (int i = 0; i < weights.size(); i++) {
      assertThat(counts.getOrDefault("o" + i, 0)).as("owner o" + i).isEqualTo(weights.get(i) * cycles);
    }
  }

  @Property(tries = 12)
  void parallel_routing_never_exceeds_a_cap(
      @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 1, max = 10) Integer> caps,
      @ForAll @IntRange(min = 5, max = 60) int subjects) throws Exception {
    // given
    InMemoryOwnerDirectory.Builder directory = InMemoryOwnerDirectory.builder();
    List<Pool.Member> members = new ArrayList<>();
    int capacity = 0;
    for (int i = 0; i < caps.size(); i++) {
      directory.owner(Owner.builder("o" + i, ALWAYS).dailyCap(caps.get(i)).build());
      members.add(new Pool.Member("o" + i, 1 + i % 3));
      capacity += caps.get(i);
    }
    directory.pool(new Pool("p", members));

    // when
    Map<String, Integer> counts = routeInParallel(directory.build(), subjects);

    // then: no cap exceeded, nobody left unrouted, the queue only gets what exceeds capacity
    for (int i = 0; i < caps.size(); i++) {
      assertThat(counts.getOrDefault("o" + i, 0)).as("owner o" + i).isLessThanOrEqualTo(caps.get(i));
    }
    int toOwners = counts.entrySet().stream().filter(e -> !e.getKey().equals("queue")).mapToInt(Map.Entry::getValue).sum();
    assertThat(toOwners).isEqualTo(Math.min(subjects, capacity));
    assertThat(counts.getOrDefault("queue", 0)).isEqualTo(subjects - toOwners);
  }

  private static Map<String, Integer> routeInParallel(InMemoryOwnerDirectory directory, int subjects)
      throws Exception {
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    Router router =
        Router.builder()
            .directory(directory)
            .policy(RoutingPolicy.builder("inbound").roundRobin("p").fallbackQueue("queue").build())
            .build();
    // Two engines on one store, as two service instances would be.
    List<JourneyEngine> engines = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      engines.add(
          JourneyEngine.builder()
              .definition(JourneyDefinition.builder("lead-handoff")
                  .model(JourneyModel.leadHandoff())
                  .evaluator(RoutingStageTest.RULES)
                  .stage(RoutingStage.of(router))
                  .build())
              .store(store)
              .clock(clock)
              .maxConflictRetries(100_000)
              .build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<SignalResult>> futures = new ArrayList<>();
      for (int i = 0; i < subjects; i++) {
        JourneyEngine engine = engines.get(i % 2);
        Signal signal =
            Signal.builder().id("demo-" + i).subject(SubjectRef.contact("c" + i))
                .type(SignalTypes.DEMO_REQUESTED).occurredAt(clock.instant()).build();
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return engine.accept(signal);
                }));
      }
      start.countDown();
      for (Future<SignalResult> future : futures) {
        assertThat(future.get(60, TimeUnit.SECONDS).status()).isEqualTo(SignalResult.Status.DECIDED);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (JourneySnapshot snapshot : store.snapshots().values()) {
      counts.merge(snapshot.owner().orElse("none"), 1, Integer::sum);
    }
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(subjects);
    // The pool's own counters agree with the committed owners: no slot was taken twice.
    Map<String, Long> pointer = store.loadShared(Router.POOL_KEY_PREFIX + "p").values();
    counts.forEach(
        (owner, count) -> {
          if (!owner.equals("queue")) {
            assertThat(pointer.get("n:" + owner)).as("pool counter of " + owner).isEqualTo((long) count);
          }
        });
    return counts;
  }
}
