package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.state.JourneyModel;
import org.junit.jupiter.api.Test;

final class JourneyDefinitionTest {

  @Test
  void should_require_a_model_because_there_is_no_default_journey() {
    assertThatThrownBy(() -> JourneyDefinition.builder("trial").evaluator(TestRules.rules()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'trial' needs a model: call model(...); there is no default");
  }

  @Test
  void should_require_an_evaluator() {
    assertThatThrownBy(
            () -> JourneyDefinition.builder("trial").model(JourneyModel.leadHandoff()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'trial' needs an evaluator: call evaluator(...)");
  }

  @Test
  void should_reject_a_name_outside_the_allowed_characters() {
    assertThatThrownBy(
            () ->
                JourneyDefinition.builder("lead handoff")
                    .model(JourneyModel.leadHandoff())
                    .evaluator(TestRules.rules())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was 'lead handoff'");
  }

  @Test
  void should_keep_stages_in_order_and_be_unaffected_by_later_builder_changes() {
    DecisionStage first = (d, c) -> d;
    DecisionStage second = (d, c) -> d;
    JourneyDefinition.Builder builder =
        JourneyDefinition.builder("handoff")
            .model(JourneyModel.leadHandoff())
            .evaluator(TestRules.rules())
            .stage(first)
            .stage(second);
    JourneyDefinition definition = builder.build();
    builder.stage((d, c) -> d);

    assertThat(definition.stages()).containsExactly(first, second);
    assertThat(definition.toBuilder().build()).isEqualTo(definition);
  }

  @Test
  void should_configure_the_engine_with_model_evaluator_and_stages() {
    // given
    MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    JourneyDefinition definition =
        JourneyDefinition.builder("handoff")
            .model(JourneyModel.leadHandoff())
            .evaluator(TestRules.rules())
            .build();
    JourneyEngine engine = JourneyEngine.builder().definition(definition).clock(clock).build();

    // when
    SignalResult result =
        engine.accept(
            Signal.builder()
                .id("demo-1")
                .subject(SubjectRef.contact("1001"))
                .type(SignalTypes.DEMO_REQUESTED)
                .occurredAt(clock.instant())
                .source("test")
                .build());

    // then
    assertThat(result.status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(engine.model()).isSameAs(definition.model());
    assertThat(engine.definition()).isSameAs(definition);
  }

  @Test
  void should_make_the_same_definition_from_of_as_from_the_builder() {
    // given
    DecisionStage stage = (decision, context) -> decision;

    // when
    JourneyDefinition of =
        JourneyDefinition.of("handoff", JourneyModel.leadHandoff(), TestRules.rules(), stage);

    // then
    assertThat(of.name()).isEqualTo("handoff");
    assertThat(of.model()).isEqualTo(JourneyModel.leadHandoff());
    assertThat(of.stages()).containsExactly(stage);
    assertThatThrownBy(() -> JourneyDefinition.of("no spaces", JourneyModel.leadHandoff(), TestRules.rules()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was 'no spaces'");
  }
}
