// tag::quickstart[]
package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

final class ReadmeSampleTest {
  @Test
  void should_hand_a_demo_request_to_sales() {
    // given a journey with one plain-Java rule, on a fixed clock
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    JavaRuleSet rules = JavaRuleSet.builder("lead-handoff", "1")
        .rule("demo request goes to sales",
            f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
            (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED)
                .assignOwner("owner-42", "inbound demo")
                .createTask("Call back: demo request", "from the pricing page", f.now().plusSeconds(7200))
                .startTimer("sla:first-touch", f.now().plus(Duration.ofHours(2))))
        .build();
    JourneyDefinition journey = JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules);
    JourneyEngine engine = JourneyEngine.builder().definition(journey).clock(clock).build();

    // when a demo request arrives
    engine.accept(Signal.builder().id("form-7781")
        .subject(SubjectRef.contact("1001")).type(SignalTypes.DEMO_REQUESTED)
        .occurredAt(clock.instant()).source("hubspot").build());

    // then the contact is with sales, and the owner and the task wait in the outbox
    assertThat(engine.snapshot(SubjectRef.contact("1001")).orElseThrow().state())
        .isEqualTo(JourneyModel.SALES_ENGAGED);
    assertThat(engine.store().pendingActions()).hasSize(2);
  }
}
// end::quickstart[]
