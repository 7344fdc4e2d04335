package dev.journey.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.guardrail.SingleWriterGuardrail;
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

  @Test
  void should_let_the_single_writer_guardrail_guard_the_pipeline_a_deal_stage_update_writes() {
    // given: the pipeline belongs to deal-desk, and a nurture rule set moves the deal
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    JavaRuleSet nurture =
        JavaRuleSet.builder("nurture", "1")
            .rule("moves the deal", f -> true, (f, d) -> d.updateDealStage("default", "closedwon"))
            .build();
    JourneyDefinition journey =
        JourneyDefinition.builder("deal-desk")
            .model(JourneyModel.leadHandoff())
            .evaluator(nurture)
            .stage(SingleWriterGuardrail.builder()
                .property(HubSpotActionEffects.PIPELINE, "deal-desk")
                .build())
            .effects(HubSpotActionEffects.table())
            .build();
    JourneyEngine engine = JourneyEngine.builder().definition(journey).clock(clock).build();

    // when
    SignalResult.Decided result =
        (SignalResult.Decided) engine.accept(
            Signal.builder()
                .id("s-2")
                .subject(SubjectRef.deal("902"))
                .type(SignalTypes.DEAL_STAGE_CHANGED)
                .occurredAt(clock.instant())
                .source("hubspot")
                .build());

    // then: dropped, by what HubSpot's table says the update writes
    assertThat(result.decision().dropped()).singleElement().satisfies(d -> assertThat(d.reason())
        .isEqualTo("pipeline is written only by [deal-desk], not by rule set nurture (signal source hubspot)"));
    assertThat(result.snapshot().properties()).doesNotContainKeys(
        HubSpotActionEffects.DEAL_STAGE, HubSpotActionEffects.PIPELINE);
  }
}
