package dev.journey.testkit.junit;

import static dev.journey.core.SubjectRef.contact;
import static dev.journey.core.state.JourneyModel.SALES_ENGAGED;
import static dev.journey.testkit.scenario.Scenario.at;
import static dev.journey.testkit.scenario.Scenario.demoRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.JourneyDriver;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.playbook.Playbook;
import dev.journey.testkit.scenario.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class JourneyExtensionTest {
  private static final Instant MONDAY = Instant.parse("2026-03-09T07:00:00Z");

  @RegisterExtension
  final JourneyExtension journey =
      JourneyExtension.builder().definition(Playbook.journey()).start(MONDAY).build();

  @RepeatedTest(2)
  void should_give_every_test_a_fresh_engine_clock_and_store() {
    // given: whatever an earlier repetition did
    assertThat(journey.store().snapshots()).isEmpty();
    assertThat(journey.clock().instant()).isEqualTo(MONDAY);

    // when
    journey.scenario().given(contact("1")).when(at("09:00"), demoRequested());

    // then
    assertThat(journey.store().snapshots()).hasSize(1);
    assertThat(journey.clock().instant()).isEqualTo(Instant.parse("2026-03-09T09:00:00Z"));
  }

  @Test
  void should_resolve_test_parameters(
      JourneyDriver driver,
      JourneyEngine engine,
      VirtualClock clock,
      InMemoryJourneyStore store,
      Scenario scenario) {
    // when
    scenario.given(contact("1")).when(at("09:00"), demoRequested()).then().state(SALES_ENGAGED);

    // then
    assertThat(driver).isSameAs(journey.driver());
    assertThat(engine).isSameAs(journey.engine());
    assertThat(clock).isSameAs(journey.clock());
    assertThat(store).isSameAs(journey.store());
    assertThat(engine.clock()).isSameAs(clock);
  }

  @Test
  void should_require_a_journey_definition() {
    assertThatThrownBy(() -> JourneyExtension.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a journey definition is required: call definition(JourneyDefinition)");
  }

  @Test
  void should_refuse_access_outside_a_test() {
    // given
    JourneyExtension unused = JourneyExtension.builder().definition(Playbook.journey()).build();

    // when / then
    assertThatThrownBy(unused::driver)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no journey driver outside a test: register JourneyExtension with @RegisterExtension"
                + " on an instance field and use it inside @Test methods");
  }
}
