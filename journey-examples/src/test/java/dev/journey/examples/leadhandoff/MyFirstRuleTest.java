package dev.journey.examples.leadhandoff;

import static dev.journey.core.action.ActionKind.ENROLL_SEQUENCE;
import static dev.journey.core.action.ActionKind.SET_PROPERTY;
import static dev.journey.core.state.JourneyModel.NURTURE;
import static dev.journey.testkit.scenario.Scenario.at;

import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.EnrollSequence;
import dev.journey.config.JourneyConfig;
import dev.journey.core.state.JourneyModel;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.testkit.junit.JourneyExtension;
import dev.journey.testkit.scenario.Then;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's walk-through: the v1 rules plus one rule of your own, tested with the testkit. */
final class MyFirstRuleTest {
  private static final RuleSetRegistry REGISTRY = RuleSetRegistry.ofDefaults();

  // tag::rule-set[]
  static final JourneyConfig WIRING =
      JourneyConfig.load(Path.of("..", "docs", "examples", "lead-handoff", "journey.json"));
  static final CompiledRuleSet MINE =
      REGISTRY.compile(
          RuleSet.builder("lead-handoff", "v1-webinar")
              .directory(Path.of("..", "docs", "examples", "lead-handoff", "rules", "v1"))
              .classpath("my-rules/60-webinar-vip.drl")
              .build());

  @RegisterExtension
  final JourneyExtension journey =
      JourneyExtension.builder()
          .definition(LeadHandoff.definition(WIRING, DroolsEvaluator.of(MINE)))
          .build();
  // end::rule-set[]

  @AfterAll
  static void close() {
    REGISTRY.close();
  }

  @Test
  void should_put_a_high_fit_webinar_registrant_on_the_vip_track() {
    // given / when / then
    // tag::scenario[]
    Then then =
        journey.scenario()
            .given(SubjectRef.contact("1000042"))
            .when(at("10:00"),
                LeadHandoffPlaybookTest.web(SignalTypes.FORM_SUBMITTED, 80).with("formId", "webinar-registration"))
            .then()
            .state(NURTURE)
            .fired("webinar VIP track", "content form enrolls in nurture")
            .actions(SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, ENROLL_SEQUENCE);
    then.snapshot().hasCounter("intent", 20);
    // the wiring caps enrollments at one a day: the ordinary nurture enrollment is dropped
    then.decision().hasDropped(ENROLL_SEQUENCE, "frequency-cap");
    // end::scenario[]
    then.stepActions()
        .satisfies(
            actions ->
                org.assertj.core.api.Assertions.assertThat(((EnrollSequence) actions.get(4)).sequenceId())
                    .isEqualTo("webinar-vip"));
  }

  @Test
  void should_leave_a_low_fit_registrant_on_the_ordinary_track() {
    // given / when / then
    journey.scenario()
        .given(SubjectRef.contact("1000043"))
        .when(at("10:00"),
            LeadHandoffPlaybookTest.web(SignalTypes.FORM_SUBMITTED, 60).with("formId", "webinar-registration"))
        .then()
        .fired("content form enrolls in nurture")
        .actions(SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, ENROLL_SEQUENCE)
        .decision()
        .hasNotFired("webinar VIP track");
  }
}
