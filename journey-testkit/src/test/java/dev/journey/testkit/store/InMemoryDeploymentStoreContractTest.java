package dev.journey.testkit.store;

import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.JourneyStore;

/** The deployment contract against the in-memory reference implementation. */
final class InMemoryDeploymentStoreContractTest extends DeploymentStoreContract {
  @Override
  protected JourneyStore newStore() {
    return InMemoryJourneyStore.create();
  }
}
