package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.kafka.internal.StoreNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/**
 * {@code snapshotCache(false)} takes the record cache out of the snapshot store only: the
 * inbox-expiry and shared stores, whose keys commits rewrite, keep theirs. (A test driver commits
 * after every record, so what the cache folds is measured on a broker, in docs/benchmarks.md.)
 */
final class SnapshotCacheTest {

  @Test
  void should_write_snapshots_through_and_keep_the_other_caches_when_the_snapshot_cache_is_off() {
    // given
    JourneyTopology.Builder builder = JourneyTopology.builder(TestJourneys.definition());

    // when
    List<String> cachedOff = cachedStores(builder.snapshotCache(false).build());
    List<String> cachedOn = cachedStores(builder.snapshotCache(true).build());

    // then
    assertThat(cachedOff).containsExactlyInAnyOrder(StoreNames.INBOX_EXPIRY, StoreNames.SHARED);
    assertThat(cachedOn).containsExactlyInAnyOrder(StoreNames.SNAPSHOTS, StoreNames.INBOX_EXPIRY, StoreNames.SHARED);
  }

  /** The journey stores with a caching layer in their chain of wrapped stores. */
  private static List<String> cachedStores(JourneyTopology journey) {
    Path dir = TempDirs.create("journey-kafka-cache");
    Properties props = JourneyTopology.streamsConfig("journey-cache", "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    List<String> cached = new ArrayList<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(journey.topology(), props)) {
      for (String name : StoreNames.ALL) {
        StateStore layer = driver.getKeyValueStore(name);
        for (int depth = 0; depth < 10 && layer instanceof WrappedStateStore<?, ?, ?> wrapped; depth++) {
          if (layer.getClass().getSimpleName().startsWith("Caching")) {
            cached.add(name);
            break;
          }
          layer = wrapped.wrapped();
        }
      }
    } finally {
      TempDirs.delete(dir);
    }
    return cached;
  }
}
