package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.kafka.internal.BinaryState;
import dev.journey.kafka.internal.CommitSink;
import dev.journey.kafka.internal.StateStoreJourneyStore;
import dev.journey.kafka.internal.StoreNames;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The inbox-expiry buckets against a reference model: after any run of signals (at times moving
 * forward by random steps, sometimes standing still), purges and erasures, the inbox holds exactly
 * the ids the model says are within the retention, and the buckets hold exactly the inbox's ids.
 */
final class InboxRetentionProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration RETENTION = Duration.ofSeconds(30);

  /** One step: a signal after {@code millis}, a purge, or the erasure of a subject. */
  record Step(char kind, long millis, int subject) {}

  @Provide
  Arbitrary<List<Step>> runs() {
    Arbitrary<Step> signal =
        Arbitraries.longs().between(0, 3_000).flatMap(ms ->
            Arbitraries.integers().between(0, 4).map(s -> new Step('s', ms, s)));
    Arbitrary<Step> purge = Arbitraries.just(new Step('p', 0, 0));
    Arbitrary<Step> erase = Arbitraries.integers().between(0, 4).map(s -> new Step('e', 0, s));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(20, signal), net.jqwik.api.Tuple.of(3, purge), net.jqwik.api.Tuple.of(1, erase))
        .list()
        .ofMaxSize(300);
  }

  @Property(tries = 60)
  void should_keep_exactly_the_ids_within_the_retention_in_the_inbox_and_its_buckets(
      @ForAll("runs") List<Step> run) {
    check(run, false);
  }

  /**
   * With ids kept in the snapshots, the same model, except that a commit also forgets the ids
   * committed more than the retention before it (it rewrites its subject's ids, and ignores
   * every older id from then on), and the inbox store and its buckets stay empty.
   */
  @Property(tries = 60)
  void should_find_exactly_the_ids_within_the_retention_when_ids_are_kept_in_snapshots(
      @ForAll("runs") List<Step> run) {
    check(run, true);
  }

  private void check(List<Step> run, boolean inSnapshots) {
    // given
    Map<String, KeyValueStore<String, byte[]>> stores = stores();
    StateStoreJourneyStore store =
        new StateStoreJourneyStore(stores, CommitSink.none(), RETENTION, 0, false, inSnapshots);
    VirtualClock clock = VirtualClock.at(T0);
    JourneyEngine engine =
        JourneyEngine.builder().definition(TestJourneys.definition()).store(store).clock(clock).build();
    Map<String, Instant> model = new LinkedHashMap<>(); // id -> commit time
    Map<String, Integer> subjectOf = new HashMap<>();
    List<String> all = new ArrayList<>();
    int n = 0;
    // when
    for (Step step : run) {
      switch (step.kind()) {
        case 's' -> {
          clock.advance(Duration.ofMillis(step.millis()));
          String id = "s-" + n++;
          SubjectRef subject = SubjectRef.contact(Integer.toString(1000 + step.subject()));
          engine.accept(TestJourneys.signal(id, subject, SignalTypes.PRICING_PAGE_VIEWED, clock.instant()));
          model.put(id, clock.instant());
          if (inSnapshots) {
            Instant cutoff = clock.instant().minus(RETENTION);
            model.values().removeIf(at -> at.isBefore(cutoff));
          }
          subjectOf.put(id, step.subject());
          all.add(id);
        }
        case 'p' -> {
          store.purgeExpired(clock.instant());
          Instant cutoff = clock.instant().minus(RETENTION);
          model.values().removeIf(at -> at.isBefore(cutoff));
        }
        default -> {
          store.erase(SubjectRef.contact(Integer.toString(1000 + step.subject())));
          model.keySet().removeIf(id -> subjectOf.get(id) == step.subject());
        }
      }
    }
    // then
    List<String> inInbox = new ArrayList<>();
    for (String id : all) {
      SubjectRef subject = SubjectRef.contact(Integer.toString(1000 + subjectOf.get(id)));
      if (store.lookup(subject, id).inbox().isPresent()) {
        inInbox.add(id);
      }
    }
    assertThat(inInbox).containsExactlyInAnyOrderElementsOf(model.keySet());
    List<String> inBuckets = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = stores.get(StoreNames.INBOX_EXPIRY).all()) {
      it.forEachRemaining(e -> BinaryState.readExpiries(e.value).forEach(x -> inBuckets.add(x.signalId())));
    }
    if (inSnapshots) {
      assertThat(inBuckets).isEmpty();
      try (KeyValueIterator<String, byte[]> it = stores.get(StoreNames.INBOX).all()) {
        assertThat(it.hasNext()).isFalse();
      }
    } else {
      assertThat(inBuckets).containsExactlyInAnyOrderElementsOf(model.keySet());
    }
  }

  private static Map<String, KeyValueStore<String, byte[]>> stores() {
    return InMemoryStateStores.all();
  }
}
