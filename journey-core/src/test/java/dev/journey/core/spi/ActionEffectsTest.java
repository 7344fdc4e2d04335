package dev.journey.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.ActionKind;
import dev.journey.core.action.UpdateDealStage;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class ActionEffectsTest {
  private static final SubjectRef LEAD = SubjectRef.contact("1001");

  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");

  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("deal-desk", "1")
          .rule(
              "demo",
              f -> true,
              (f, d) ->
                  d.assignOwner("owner-7", "desk")
                      .setProperty("tier", "gold")
                      .updateDealStage("default", "closedwon")
                      .recycle("NOT_A_FIT")
                      .suppress("email", "sales motion", f.now().plus(Duration.ofDays(3))))
          .build();

  private JourneySnapshot decide(ActionEffects effects) {
    JourneyDefinition journey =
        JourneyDefinition.builder("deal-desk")
            .model(JourneyModel.leadHandoff())
            .evaluator(RULES)
            .effects(effects)
            .build();
    JourneyEngine engine = JourneyEngine.builder().definition(journey).clock(clock).build();
    return ((SignalResult.Decided) engine
        .accept(
            Signal.builder()
                .id("s-1")
                .subject(LEAD)
                .type(SignalTypes.FORM_SUBMITTED)
                .occurredAt(clock.instant())
                .source("test")
                .build()))
        .snapshot();
  }

  @Test
  void should_apply_only_cores_own_effects_by_default() {
    // given / when
    JourneySnapshot after = decide(ActionEffects.defaults());

    // then: owner, named property and suppression, but no CRM vocabulary
    assertThat(after.owner()).contains("owner-7");
    assertThat(after.properties()).containsOnlyKeys(JourneySnapshot.OWNER, "tier");
    assertThat(after.properties().get("tier").writer()).isEqualTo("deal-desk");
    assertThat(after.suppressions()).containsKey("email");
  }

  @Test
  void should_apply_an_effect_the_table_is_given_for_a_kind() {
    // given a table that records the deal stage under its own name
    ActionEffects effects =
        ActionEffects.defaults()
            .with(
                ActionKind.UPDATE_DEAL_STAGE,
                (action, edit) -> {
                  if (action instanceof UpdateDealStage stage) {
                    edit.property("stage", stage.stageId());
                  }
                });

    // when
    JourneySnapshot after = decide(effects);

    // then
    assertThat(after.properties().get("stage").value()).isEqualTo("closedwon");
    assertThat(after.properties()).doesNotContainKey("dealstage");
  }

  @Test
  void should_name_the_properties_an_action_writes_from_its_effect() {
    // given a table whose deal-stage update writes two properties
    ActionEffects effects =
        ActionEffects.defaults()
            .with(
                ActionKind.UPDATE_DEAL_STAGE,
                (action, edit) -> {
                  UpdateDealStage stage = (UpdateDealStage) action;
                  edit.property("stage", stage.stageId()).property("board", stage.pipelineId());
                });
    UpdateDealStage update = new UpdateDealStage("a-1", LEAD, "default", "closedwon");

    // when / then
    assertThat(effects.propertiesWritten(update)).containsExactly("stage", "board");
    assertThat(ActionEffects.defaults().propertiesWritten(update)).isEmpty();
    assertThat(ActionEffects.defaults()
            .propertiesWritten(new dev.journey.core.action.SetProperty("a-2", LEAD, "tier", "gold")))
        .containsExactly("tier");
    assertThat(ActionEffects.defaults()
            .propertiesWritten(new dev.journey.core.action.AssignOwner("a-3", LEAD, "o-1", "why")))
        .containsExactly(JourneySnapshot.OWNER);
  }

  @Test
  void should_change_nothing_for_a_kind_without_an_effect() {
    // given / when
    JourneySnapshot after = decide(ActionEffects.none());
    ActionEffects withoutOwner = ActionEffects.defaults().without(ActionKind.ASSIGN_OWNER);

    // then
    assertThat(after.properties()).isEmpty();
    assertThat(after.suppressions()).isEmpty();
    assertThat(withoutOwner.effect(ActionKind.ASSIGN_OWNER)).isEmpty();
    assertThat(withoutOwner.effect(ActionKind.SET_PROPERTY)).isPresent();
    assertThat(withoutOwner.toString())
        .isEqualTo("ActionEffects[SET_PROPERTY, SUPPRESS_OUTREACH, RESUME_OUTREACH]");
  }
}
