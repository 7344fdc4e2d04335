package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class HubSpotActionEffectsTest {

  @Test
  void should_record_hubspots_deal_stage_pipeline_and_recycle_reason_on_the_snapshot() {
    // given a journey with HubSpot's effects
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    JavaRuleSet rules =
        JavaRuleSet.builder("deal-desk", "1")
            .rule("won", f -> true, (f, d) -> d.updateDealStage("default", "closedwon").recycle("NOT_A_FIT"))
            .build();
    JourneyDefinition journey =
        JourneyDefinition.builder("deal-desk")
            .model(JourneyModel.leadHandoff())
            .evaluator(rules)
            .effects(HubSpotActionEffects.table())
            .build();
    JourneyEngine engine = JourneyEngine.builder().definition(journey).clock(clock).build();

    // when
    JourneySnapshot after =
        ((SignalResult.Decided) engine
            .accept(
                Signal.builder()
                    .id("s-1")
                    .subject(SubjectRef.deal("901"))
                    .type(SignalTypes.DEAL_STAGE_CHANGED)
                    .occurredAt(clock.instant())
                    .source("hubspot")
                    .build()))
            .snapshot();

    // then
    assertThat(after.properties().get(HubSpotActionEffects.DEAL_STAGE).value()).isEqualTo("closedwon");
    assertThat(after.properties().get(HubSpotActionEffects.PIPELINE).value()).isEqualTo("default");
    assertThat(after.properties().get(HubSpotActionEffects.RECYCLE_REASON).value()).isEqualTo("NOT_A_FIT");
    assertThat(after.properties().get(HubSpotActionEffects.DEAL_STAGE).writer()).isEqualTo("deal-desk");
  }
}
