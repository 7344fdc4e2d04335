package dev.journey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.spi.RuleSetSources;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.testkit.clock.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JourneyConfigTest {
  static final Path EXAMPLE = Path.of("..", "docs", "examples", "lead-handoff", "journey.json");
  static final Path TRIAL = Path.of("src", "test", "resources", "trial-to-sales", "journey.json");
  static final Instant MONDAY_9 = Instant.parse("2026-03-09T08:00:00Z"); // 09:00 in Berlin

  @Test
  void should_load_the_example_journey_when_given_its_file() throws IOException {
    // given / when
    JourneyConfig config = JourneyConfig.load(EXAMPLE);

    // then
    assertThat(config.name()).isEqualTo("lead-handoff");
    assertThat(config.model()).isEqualTo(JourneyModel.leadHandoff());
    assertThat(config.ruleSetName()).isEqualTo("lead-handoff");
    assertThat(config.rulesDirectory()).hasValueSatisfying(d -> assertThat(d).endsWith(Path.of("rules", "v1")));
    assertThat(config.stages().stream().map(s -> s.getClass().getSimpleName()).collect(Collectors.toList()))
        .containsExactly(
            "LoopProtectionGuardrail", "EntryGuardrail", "RoutingStage", "SlaStage",
            "SingleWriterGuardrail", "SuppressionGuardrail", "FrequencyCapGuardrail", "HandoffContext");
    assertThat(config.router()).hasValueSatisfying(
        r -> assertThat(r.policyNames()).containsExactlyInAnyOrder("inbound-na", "inbound-emea", "inbound-apac"));
    assertThat(config.owners().owners()).hasSize(16);
    assertThat(config.owners().pools().keySet()).containsExactly("na", "emea", "apac");
    assertThat(config.calendars().keySet())
        .containsExactly("always", "na", "emea", "apac", "na-workdays", "emea-workdays", "apac-workdays");
  }

  @Test
  void should_compile_the_named_drl_directory_when_asked_for_a_definition_with_a_registry() {
    // given
    JourneyConfig config = JourneyConfig.load(EXAMPLE);

    // when
    JourneyDefinition definition;
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      definition = config.definition(registry);
    }

    // then
    assertThat(definition.name()).isEqualTo("lead-handoff");
    assertThat(definition.evaluator().sources()).singleElement().satisfies(s -> {
      assertThat(List.of(s.name(), s.version())).containsExactly("lead-handoff", "v1");
      assertThat(s.files()).containsKey(RuleSetSources.CONFIG).containsKey("rules/20-entry.drl");
      assertThat(s.files().get(RuleSetSources.CONFIG)).isEqualTo(Files.readString(EXAMPLE));
    });
    assertThat(definition.stages()).containsExactlyElementsOf(config.stages());
  }

  @Test
  void should_load_a_journey_of_another_shape_and_route_with_its_drl_rules() {
    // given
    JourneyConfig config = JourneyConfig.load(TRIAL);
    VirtualClock clock = VirtualClock.at(MONDAY_9);
    SubjectRef trial = SubjectRef.contact("t-1");

    // when
    JourneySnapshot after;
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      JourneyEngine engine =
          JourneyEngine.builder()
              .definition(config.definition(registry))
              .store(InMemoryJourneyStore.create())
              .clock(clock)
              .build();
      engine.accept(signal("s-1", trial, "FORM_SUBMITTED", clock.instant()));
      engine.accept(signal("s-2", trial, "PRODUCT_QUALIFIED", clock.instant()));
      after = engine.snapshot(trial).orElseThrow();
    }

    // then: ae-2 is out of office in the first week of March, ae-3 is in no pool
    assertThat(config.model().states()).containsExactlyInAnyOrder("TRIAL", "ACTIVATED", "SALES_QUALIFIED", "CUSTOMER", "EXPIRED");
    assertThat(config.stages().stream().map(s -> s.getClass().getSimpleName()).collect(Collectors.toList()))
        .containsExactly("EntryGuardrail", "RoutingStage", "SlaStage", "FrequencyCapGuardrail");
    assertThat(after.state()).isEqualTo("SALES_QUALIFIED");
    assertThat(after.owner()).hasValueSatisfying(o -> assertThat(o).isIn("ae-1", "ae-2"));
    assertThat(after.timers().keySet()).anySatisfy(t -> assertThat(t).contains("trial-follow-up"));
  }

  @Test
  void should_wire_an_application_evaluator_when_one_is_supplied() {
    // given
    JourneyConfig config = JourneyConfig.load(TRIAL);
    JavaRuleSet java =
        JavaRuleSet.builder("trial-java", "1")
            .rule("any form activates", f -> f.signal().type().equals("FORM_SUBMITTED"), (f, d) -> d.transitionTo("ACTIVATED"))
            .build();
    VirtualClock clock = VirtualClock.at(MONDAY_9);

    // when
    JourneyEngine engine =
        JourneyEngine.builder().definition(config.definition(java)).store(InMemoryJourneyStore.create()).clock(clock).build();
    engine.accept(signal("s-1", SubjectRef.contact("t-2"), "FORM_SUBMITTED", clock.instant()));

    // then
    assertThat(engine.snapshot(SubjectRef.contact("t-2")).orElseThrow().state()).isEqualTo("ACTIVATED");
    assertThat(config.definition(java).stages()).isEqualTo(config.stages());
  }

  @Test
  void should_read_calendars_with_split_days_and_holidays() {
    // given / when
    var berlin = JourneyConfig.load(TRIAL).calendars().get("berlin");

    // then
    assertThat(berlin.zone().getId()).isEqualTo("Europe/Berlin");
    assertThat(berlin.hours().get(DayOfWeek.MONDAY)).hasSize(2);
    assertThat(berlin.hours()).doesNotContainKey(DayOfWeek.SATURDAY);
    assertThat(berlin.isHoliday(LocalDate.of(2026, 4, 3))).isTrue();
    assertThat(berlin.plusBusinessTime(MONDAY_9, Duration.ofHours(4))).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
  }

  @Test
  void should_reject_a_missing_file_with_its_name() {
    // given
    Path missing = Path.of("target", "no-such-journey.json");

    // when / then
    assertThatThrownBy(() -> JourneyConfig.load(missing))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessage(missing + " at \"\" (the document) must be an existing, readable journey configuration file, but was missing");
  }

  @Test
  void should_refuse_a_rule_set_when_the_file_names_no_directory(@TempDir Path dir) throws IOException {
    // given
    Path file = dir.resolve("journey.json");
    Files.writeString(file, "{\"format\": 1, \"name\": \"j\", \"model\": {\"initialState\": \"A\", \"transitions\": {\"A\": []}}}");
    JourneyConfig config = JourneyConfig.load(file);

    // when / then
    assertThat(config.rulesDirectory()).isEmpty();
    assertThat(config.ruleSetName()).isEqualTo("j");
    assertThat(config.stages()).isEmpty();
    assertThatThrownBy(config::ruleSet).isInstanceOf(IllegalStateException.class).hasMessageContaining("names no rules.directory");
  }

  @Test
  void should_publish_the_schema_on_the_class_path() {
    // given / when
    var schema = JourneyConfig.schema();

    // then
    assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(List.of(schema.path("required").get(0).asText(), schema.path("required").get(1).asText()))
        .containsExactly("format", "name");
  }

  private static Signal signal(String id, SubjectRef subject, String type, Instant at) {
    return Signal.builder().id(id).subject(subject).type(type).occurredAt(at).source("test").build();
  }
}
