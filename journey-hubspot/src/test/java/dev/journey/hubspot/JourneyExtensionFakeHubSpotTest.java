package dev.journey.hubspot;

import static dev.journey.testkit.scenario.Scenario.at;
import static dev.journey.testkit.scenario.Scenario.demoRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.junit.JourneyExtension;
import dev.journey.testkit.fake.FakeHubSpot;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The testkit's extension with a fake HubSpot: one line wires the fake, the executor and a relay. */
final class JourneyExtensionFakeHubSpotTest {
  private static final JourneyDefinition HANDOFF =
      JourneyDefinition.of(
          "lead-handoff",
          JourneyModel.leadHandoff(),
          JavaRuleSet.builder("lead-handoff", "1")
              .rule(
                  "demo request goes to sales",
                  f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                  (f, d) ->
                      d.transitionTo(JourneyModel.SALES_ENGAGED)
                          .assignOwner("77", "inbound demo")
                          .createTask("Call back: demo request", "from the pricing page",
                              f.now().plus(Duration.ofHours(2))))
              .build());

  // tag::fake-hubspot[]
  @RegisterExtension
  final JourneyExtension journey =
      JourneyExtension.builder()
          .definition(HANDOFF)
          .fakeHubSpot(
              fake ->
                  HubSpotExecutor.create(
                      HubSpotConfig.builder(TokenProvider.ofStatic(FakeHubSpot.TOKEN))
                          .baseUri(fake.baseUri())
                          .clock(fake.clock())
                          .build()))
          .build();
  // end::fake-hubspot[]

  @Test
  void should_land_the_owner_and_the_task_in_the_fake_crm_after_the_step() {
    // given
    journey.hubSpot().addContact("1001");

    // when
    journey.scenario()
        .given(SubjectRef.contact("1001"))
        .when(at("10:00"), demoRequested())
        .then()
        .state(JourneyModel.SALES_ENGAGED);

    // then
    assertThat(journey.hubSpot().contact("1001")).get()
        .extracting(p -> p.get("hubspot_owner_id"))
        .isEqualTo("77");
    assertThat(journey.hubSpot().tasks().values())
        .singleElement()
        .satisfies(task -> assertThat(task).containsEntry("hs_task_subject", "Call back: demo request"));
    assertThat(journey.store().pendingActions()).isEmpty();
  }

  @Test
  void should_give_every_test_its_own_fake_on_the_tests_clock() {
    assertThat(journey.hubSpot().contacts()).isEmpty();
    assertThat(journey.hubSpot().clock().instant()).isEqualTo(journey.clock().instant());
  }

  @Test
  void should_refuse_an_executor_and_a_fake_hubspot_together() {
    assertThatThrownBy(
            () ->
                JourneyExtension.builder()
                    .definition(HANDOFF)
                    .executor((action, attempt) -> dev.journey.core.spi.ExecutionResult.done())
                    .fakeHubSpot(fake -> (action, attempt) -> dev.journey.core.spi.ExecutionResult.done()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("an executor is already set: use executor(..) or fakeHubSpot(..)");
  }
}
