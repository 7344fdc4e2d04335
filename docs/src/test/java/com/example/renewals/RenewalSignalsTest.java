// tag::file[]
package com.example.renewals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.config.JourneyConfig;
import dev.journey.core.Signal;
import dev.journey.core.catalog.SignalCatalog;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.testkit.arbitraries.CatalogArbitraries;
import dev.journey.testkit.arbitraries.SignalStream;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** Any stream of signals the catalog allows, redeliveries included, leaves a known state. */
final class RenewalSignalsTest {
  static final RuleSetRegistry REGISTRY = RuleSetRegistry.ofDefaults();
  static final JourneyConfig CONFIG = JourneyConfig.load(Path.of("journey", "journey.json"));
  static final SignalCatalog CATALOG = CONFIG.signalCatalog().orElseThrow();

  @AfterContainer
  static void closeRegistry() {
    REGISTRY.close();
  }

  @Property(tries = 50)
  void should_end_every_subject_in_a_state_of_the_model(@ForAll("renewalSignals") SignalStream stream) {
    // given an engine on the journey, its clock after the last signal
    List<Signal> signals = stream.signals();
    VirtualClock clock = VirtualClock.at(signals.get(signals.size() - 1).occurredAt().plus(Duration.ofMinutes(1)));
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine =
        JourneyEngine.builder().definition(CONFIG.definition(REGISTRY)).store(store).clock(clock).build();

    // when every delivery arrives (a signal the catalog refused would throw)
    stream.deliveries().forEach(engine::accept);

    // then
    for (Signal s : signals) {
      assertThat(engine.snapshot(s.subject()))
          .hasValueSatisfying(snapshot -> assertThat(CONFIG.model().states()).contains(snapshot.state()));
    }
  }

  @Provide
  Arbitrary<SignalStream> renewalSignals() {
    return CatalogArbitraries.signalStreams(CATALOG, 3, 6);
  }
}
// end::file[]
