// tag::file[]
package dev.journey.examples.leadhandoff;

import static dev.journey.core.action.ActionKind.ENROLL_SEQUENCE;
import static dev.journey.core.action.ActionKind.SET_PROPERTY;
import static dev.journey.core.state.JourneyModel.NURTURE;
import static dev.journey.testkit.scenario.Scenario.at;
import static dev.journey.testkit.scenario.Scenario.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.config.JourneyConfig;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.EnrollSequence;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.testkit.junit.JourneyExtension;
import dev.journey.testkit.scenario.SignalSpec;
import dev.journey.testkit.scenario.Then;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's walk-through: the v1 rules plus one rule of your own, tested with the testkit. */
final class MyFirstRuleTest {
  static final Path EXAMPLE = Path.of("..", "docs", "examples", "lead-handoff");
  static final RuleSetRegistry REGISTRY = RuleSetRegistry.ofDefaults();
  static final JourneyConfig WIRING = JourneyConfig.load(EXAMPLE.resolve("journey.json"));
  static final CompiledRuleSet MINE =
      REGISTRY.compile(
          RuleSet.builder("lead-handoff", "v1-webinar")
              .directory(EXAMPLE.resolve("rules").resolve("v1"))
              .classpath("my-rules/60-webinar-vip.drl")
              .build());

  @RegisterExtension
  final JourneyExtension journey =
      JourneyExtension.builder()
          .definition(LeadHandoff.definition(WIRING, DroolsEvaluator.of(MINE)))
          .build();

  @AfterAll
  static void close() {
    REGISTRY.close();
  }

  /** A webinar registration from the web, as the example's signals carry it. */
  static SignalSpec webinarRegistration(long fitScore) {
    return signal(SignalTypes.FORM_SUBMITTED).source("web")
        .with("formId", "webinar-registration").with("fitScore", fitScore)
        .with("segment", "MID_MARKET").with("region", "NA").with("country", "US")
        .with("timeZone", "America/New_York").with("leadSource", "referral")
        .with("companyDomainId", "dom-0042");
  }

  @Test
  void should_put_a_high_fit_webinar_registrant_on_the_vip_track() {
    // given a contact in nurture / when a high-fit contact registers / then
    Then then =
        journey.scenario()
            .given(SubjectRef.contact("1000042"))
            .when(at("10:00"), webinarRegistration(80))
            .then()
            .state(NURTURE)
            .fired("webinar VIP track", "content form enrolls in nurture")
            .actions(SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, ENROLL_SEQUENCE);
    then.snapshot().hasCounter("vip_touches", 1);
    // the wiring caps enrollments at one a day: the ordinary nurture enrollment is dropped
    then.decision().hasDropped(ENROLL_SEQUENCE, "frequency-cap");
    then.stepActions().satisfies(
        actions -> assertThat(((EnrollSequence) actions.get(4)).sequenceId()).isEqualTo("webinar-vip"));
  }

  @Test
  void should_leave_a_low_fit_registrant_on_the_ordinary_track() {
    // given a contact in nurture / when a low-fit contact registers / then
    journey.scenario()
        .given(SubjectRef.contact("1000043"))
        .when(at("10:00"), webinarRegistration(60))
        .then()
        .fired("content form enrolls in nurture")
        .actions(SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, SET_PROPERTY, ENROLL_SEQUENCE)
        .decision()
        .hasNotFired("webinar VIP track");
  }
}
// end::file[]
