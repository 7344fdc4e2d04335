package dev.journey.testkit.store;

import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.JourneyStore;

/** The identity-graph contract against the in-memory reference implementation. */
final class InMemoryAliasStoreContractTest extends AliasStoreContract {
  @Override
  protected JourneyStore newStore() {
    return InMemoryJourneyStore.create();
  }
}
