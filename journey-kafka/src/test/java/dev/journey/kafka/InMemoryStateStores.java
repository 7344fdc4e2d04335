package dev.journey.kafka;

import dev.journey.kafka.internal.StoreNames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The journey's state stores, in memory, unlogged, initialised on a mock context: for tests. */
final class InMemoryStateStores {
  private InMemoryStateStores() {}

  /** One fresh store per name of {@link StoreNames#ALL}, by name. */
  static Map<String, KeyValueStore<String, byte[]>> all() {
    MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    Map<String, KeyValueStore<String, byte[]>> stores = new LinkedHashMap<>();
    for (String name : StoreNames.ALL) {
      KeyValueStore<String, byte[]> store =
          Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      store.init(context.getStateStoreContext(), store);
      stores.put(name, store);
    }
    return stores;
  }
}
