package dev.journey.examples.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.config.JourneyConfig;
import dev.journey.config.JourneyConfigException;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.guardrail.EntryGuardrail;
import dev.journey.core.guardrail.FrequencyCapGuardrail;
import dev.journey.core.guardrail.LoopProtectionGuardrail;
import dev.journey.core.guardrail.SingleWriterGuardrail;
import dev.journey.core.guardrail.SuppressionGuardrail;
import dev.journey.core.routing.RoutingStage;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.sla.SlaStage;
import dev.journey.core.state.JourneyModel;
import dev.journey.drools.RuleSet;
import dev.journey.testkit.JourneyDriver;
import dev.journey.testkit.assertions.JourneyAssertions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import dev.journey.core.handoff.HandoffContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LeadHandoffTest {
  private static final Path EXAMPLE = LeadHandoffPlaybookTest.EXAMPLE;

  @TempDir Path dir;

  @Test
  void should_wire_the_stages_in_the_recommended_order() {
    // given / when
    JourneyConfig wiring = JourneyConfig.load(LeadHandoff.configFile(EXAMPLE));

    // then
    assertThat(wiring.stages().stream().map(s -> s.getClass().getSimpleName()).collect(Collectors.toList()))
        .containsExactly(
            LoopProtectionGuardrail.class.getSimpleName(),
            EntryGuardrail.class.getSimpleName(),
            RoutingStage.class.getSimpleName(),
            SlaStage.class.getSimpleName(),
            SingleWriterGuardrail.class.getSimpleName(),
            SuppressionGuardrail.class.getSimpleName(),
            FrequencyCapGuardrail.class.getSimpleName(),
            HandoffContext.class.getSimpleName());
    assertThat(wiring.features()).isEqualTo(JourneyConfig.loadFeatures(EXAMPLE.resolve("features").resolve("v2.json")));
    assertThat(wiring.model()).isEqualTo(JourneyModel.leadHandoff());
    assertThat(wiring.router().orElseThrow().policyNames()).containsExactlyInAnyOrder("inbound-na", "inbound-emea", "inbound-apac");
    assertThat(wiring.owners().owner("owner-emea-02")).isPresent();
  }

  @Test
  void should_name_each_rule_set_after_the_wiring_and_its_directory() {
    // given
    JourneyConfig wiring = JourneyConfig.load(LeadHandoff.configFile(EXAMPLE));

    // when
    RuleSet v2 = wiring.ruleSet(LeadHandoff.rules(EXAMPLE, "v2"));

    // then
    assertThat(v2.name()).isEqualTo("lead-handoff");
    assertThat(v2.version()).isEqualTo("v2");
    assertThat(v2.sources()).hasSize(5);
  }

  @Test
  void should_drop_lifecycle_writes_of_any_other_rule_set() {
    // given: a nurture program that tries to set the lifecycle stage the lead-handoff rules own
    JourneyConfig wiring = JourneyConfig.load(LeadHandoff.configFile(EXAMPLE));
    JavaRuleSet nurture =
        JavaRuleSet.builder("nurture", "1")
            .rule("nurture marks the lead", f -> true, (f, d) -> d.setProperty("lifecycle_stage", "lead"))
            .build();
    JourneyDriver driver = JourneyDriver.builder().definition(LeadHandoff.definition(wiring, nurture)).build();

    // when
    driver.receive(
        Signal.builder().id("s-1").subject(SubjectRef.contact("7")).type(SignalTypes.CONTENT_ENGAGED)
            .occurredAt(Instant.parse("2026-03-02T15:00:00Z")).source("web").build());

    // then
    JourneyAssertions.assertThat(driver.records().get(driver.records().size() - 1).decision())
        .hasDropped(dev.journey.core.action.ActionKind.SET_PROPERTY, SingleWriterGuardrail.NAME);
  }

  @Test
  void should_copy_a_deal_signal_to_its_contact_with_a_derived_id() {
    // given
    Signal deal =
        Signal.builder().id("deal-5000042-001").subject(SubjectRef.deal("5000042")).type(SignalTypes.DEAL_STAGE_CHANGED)
            .occurredAt(Instant.parse("2026-03-10T15:00:00Z")).source("crm")
            .attribute("contactId", "1000042").attribute("dealStage", "appointmentscheduled").build();
    Signal web =
        Signal.builder().id("contact-1-001").subject(SubjectRef.contact("1")).type(SignalTypes.CONTENT_ENGAGED)
            .occurredAt(Instant.parse("2026-03-10T15:00:00Z")).source("web").build();

    // when
    List<Signal> out = LeadHandoff.withContactCopies(List.of(web, deal, deal));

    // then: a redelivered deal signal yields the same copy, which the engine drops as a duplicate
    assertThat(out).hasSize(5);
    Signal copy = out.get(2);
    assertThat(copy.id()).isEqualTo("contact-1000042~deal-5000042-001");
    assertThat(copy.subject()).isEqualTo(SubjectRef.contact("1000042"));
    assertThat(copy.type()).isEqualTo(SignalTypes.DEAL_STAGE_CHANGED);
    assertThat(copy.attributes()).containsEntry("dealId", "5000042").containsEntry("dealStage", "appointmentscheduled");
    assertThat(out.get(4)).isEqualTo(copy);
  }

  @Test
  void should_reject_an_unknown_field_with_its_path() throws IOException {
    // given
    copyExample();
    rewrite("journey.json", "\"format\": 1,", "\"format\": 1, \"rulez\": 1,");

    // when / then
    assertThatThrownBy(() -> JourneyConfig.load(LeadHandoff.configFile(dir)))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessageStartingWith(LeadHandoff.configFile(dir) + " at /rulez must be one of the fields [");
  }

  @Test
  void should_reject_an_sla_on_a_calendar_the_directory_does_not_have() throws IOException {
    // given
    copyExample();
    rewrite("journey.json", "\"target\": \"PT4H\", \"calendar\": \"na\"", "\"target\": \"PT4H\", \"calendar\": \"mars\"");

    // when / then
    assertThatThrownBy(() -> JourneyConfig.load(LeadHandoff.configFile(dir)))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessage(
            LeadHandoff.configFile(dir) + " at /slas/0/calendar must be one of the calendars"
                + " [always, na, emea, apac, na-workdays, emea-workdays, apac-workdays], but was 'mars'");
  }

  @Test
  void should_reject_a_malformed_duration() throws IOException {
    // given
    copyExample();
    rewrite("journey.json", "\"window\": \"PT1H\"", "\"window\": \"one hour\"");

    // when / then
    assertThatThrownBy(() -> JourneyConfig.load(LeadHandoff.configFile(dir)))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessage(
            LeadHandoff.configFile(dir) + " at /guardrails/loopProtection/window must be an ISO-8601 duration"
                + " such as PT4H or P2D, but was 'one hour'");
  }

  @Test
  void should_reject_a_transition_to_an_undeclared_state() throws IOException {
    // given
    copyExample();
    rewrite("journey.json", "\"CUSTOMER\": [\"RENEWAL_RISK\"]", "\"CUSTOMER\": [\"CHURNED\"]");

    // when / then
    assertThatThrownBy(() -> JourneyConfig.load(LeadHandoff.configFile(dir)))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessage(
            LeadHandoff.configFile(dir) + " at /model/transitions/CUSTOMER/0 must be one of the states [NURTURE, SALES_ENGAGED,"
                + " OPPORTUNITY_ACTIVE, CUSTOMER, RENEWAL_RISK, RECYCLED], but was 'CHURNED'");
  }

  @Test
  void should_reject_a_missing_directory() {
    // when / then
    assertThatThrownBy(() -> JourneyConfig.load(LeadHandoff.configFile(dir.resolve("nope"))))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessageContaining("must be an existing, readable journey configuration file, but was missing");
  }

  private void copyExample() throws IOException {
    Files.copy(LeadHandoff.configFile(EXAMPLE), LeadHandoff.configFile(dir));
    Files.createDirectories(LeadHandoff.rules(dir, "v1"));
    Files.createDirectories(dir.resolve("features"));
    Files.copy(EXAMPLE.resolve("features").resolve("v2.json"), dir.resolve("features").resolve("v2.json"));
  }

  private void rewrite(String file, String from, String to) throws IOException {
    String text = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Files.writeString(dir.resolve(file), text.replace(from, to), StandardCharsets.UTF_8);
  }

}
