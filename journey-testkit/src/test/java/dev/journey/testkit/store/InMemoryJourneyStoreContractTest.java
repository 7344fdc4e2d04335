package dev.journey.testkit.store;

import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.JourneyStore;

/** The store contract against the in-memory reference implementation. */
final class InMemoryJourneyStoreContractTest extends JourneyStoreContract {
  @Override
  protected JourneyStore newStore() {
    return InMemoryJourneyStore.create();
  }
}
