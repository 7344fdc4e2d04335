package dev.journey.core.guardrail;

import static dev.journey.core.guardrail.GuardrailFixture.LEAD;
import static dev.journey.core.guardrail.GuardrailFixture.dropped;
import static dev.journey.core.guardrail.GuardrailFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SignalTypes;
import dev.journey.core.action.ActionKind;
import dev.journey.core.action.UpdateDealStage;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.ActionEffects;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SingleWriterGuardrailTest {
  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();

  // tag::single-writer[]
  static final SingleWriterGuardrail WRITERS =
      SingleWriterGuardrail.builder()
          .property(JourneySnapshot.OWNER, "lead-handoff")
          .property("lifecyclestage", "lead-handoff", "hubspot")
          .property("dealstage", "deal-desk")
          .build();
  // end::single-writer[]

  /** A nurture rule set that tries to write what it does not own. */
  private final JavaRuleSet nurture =
      JavaRuleSet.builder("nurture", "3")
          .rule(
              "form fill",
              f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
              (f, d) ->
                  d.assignOwner("o-9", "nurture thinks it knows best")
                      .setProperty("lifecyclestage", "marketingqualifiedlead")
                      .updateDealStage("default", "closedwon")
                      .setProperty("last_form", "pricing"))
          .build();

  /** A CRM's table: a deal-stage update writes {@code dealstage} (core names no CRM property). */
  private static final ActionEffects EFFECTS =
      ActionEffects.defaults()
          .with(
              ActionKind.UPDATE_DEAL_STAGE,
              (action, edit) -> edit.property("dealstage", ((UpdateDealStage) action).stageId()));

  private JourneyEngine engine() {
    return JourneyEngine.builder()
        .definition(
            JourneyDefinition.builder("lead-handoff")
                .model(JourneyModel.leadHandoff())
                .evaluator(nurture)
                .stage(WRITERS)
                .effects(EFFECTS)
                .build())
        .store(store)
        .clock(clock)
        .build();
  }

  @Test
  void should_drop_and_audit_writes_of_properties_the_rule_set_does_not_own() {
    // when
    engine().accept(signal("form-1", SignalTypes.FORM_SUBMITTED, clock));

    // then
    assertThat(dropped(store, "form-1"))
        .extracting(DroppedAction::guardrail, d -> d.action().kind(), DroppedAction::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "single-writer", ActionKind.ASSIGN_OWNER,
                "owner is written only by [lead-handoff], not by rule set nurture (signal source app)"),
            org.assertj.core.groups.Tuple.tuple(
                "single-writer", ActionKind.SET_PROPERTY,
                "lifecyclestage is written only by [lead-handoff, hubspot], not by rule set nurture (signal source app)"),
            org.assertj.core.groups.Tuple.tuple(
                "single-writer", ActionKind.UPDATE_DEAL_STAGE,
                "dealstage is written only by [deal-desk], not by rule set nurture (signal source app)"));
    JourneySnapshot snapshot = store.load(LEAD).orElseThrow();
    assertThat(snapshot.owner()).isEmpty();
    assertThat(snapshot.property("lifecyclestage")).isEmpty();
    assertThat(snapshot.property("last_form")).contains("pricing");
    assertThat(store.pendingActions()).hasSize(1);
  }

  @Test
  void should_let_a_declared_signal_source_write() {
    // when: the same rules, but the signal comes from HubSpot, a declared lifecycle writer
    engine().accept(signal("form-2", SignalTypes.FORM_SUBMITTED, "hubspot", clock, Map.of()));

    // then
    assertThat(store.load(LEAD).orElseThrow().property("lifecyclestage")).contains("marketingqualifiedlead");
    assertThat(dropped(store, "form-2")).extracting(d -> d.action().kind())
        .containsExactly(ActionKind.ASSIGN_OWNER, ActionKind.UPDATE_DEAL_STAGE);
  }

  @Test
  void should_not_guard_a_deal_stage_update_when_the_journeys_effects_write_no_property() {
    // given core's default effects: a deal-stage update writes nothing core knows of
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(
                JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), nurture, WRITERS))
            .store(store)
            .clock(clock)
            .build();

    // when
    engine.accept(signal("form-3", SignalTypes.FORM_SUBMITTED, clock));

    // then: owner and lifecycle stage are still guarded, the deal-stage update goes through
    assertThat(dropped(store, "form-3")).extracting(d -> d.action().kind())
        .containsExactly(ActionKind.ASSIGN_OWNER, ActionKind.SET_PROPERTY);
  }

  @Test
  void should_reject_a_property_declared_twice() {
    assertThatThrownBy(() -> SingleWriterGuardrail.builder().property("owner", "a").property("owner", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'owner' was already declared with writers [a]");
  }
}
