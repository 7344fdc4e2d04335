package dev.journey.kafka;

import dev.journey.architecture.JourneyArchitecture;
import org.junit.jupiter.api.Test;

final class ArchitectureTest {

  @Test
  void should_follow_the_journey_architecture_rules() {
    // given the main classes of this module / when / then: no package cycles, no other module's
    // internals, no internal types in the public API
    JourneyArchitecture.checkModule("dev.journey.kafka");
  }
}
