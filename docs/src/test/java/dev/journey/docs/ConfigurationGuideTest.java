package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.journey.config.JourneyConfig;
import dev.journey.config.JourneyConfigException;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.catalog.SignalCatalog;
import dev.journey.core.catalog.SignalCatalogException;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.testkit.clock.VirtualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples of docs/configuration.md, run; its JSON samples are loaded too. */
final class ConfigurationGuideTest {
  private static final Path ROOT =
      Files.exists(Path.of("README.md")) ? Path.of("") : Path.of("..");
  private static final Path GUIDE = ROOT.resolve("docs").resolve("configuration.md");
  private static final Path EXAMPLE = ROOT.resolve("docs/examples/lead-handoff/journey.json");

  @TempDir Path tmp;

  /** The ```json fences of the guide, in order. */
  static List<String> jsonSamples() throws IOException {
    List<String> samples = new ArrayList<>();
    StringBuilder current = null;
    for (String line : Files.readAllLines(GUIDE, StandardCharsets.UTF_8)) {
      if (current == null && line.trim().equals("```json")) {
        current = new StringBuilder();
      } else if (current != null && line.trim().equals("```")) {
        samples.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return samples;
  }

  @Test
  void the_guide_s_complete_journey_file_loads() throws IOException {
    // given: the first JSON sample is a complete file
    Path file = tmp.resolve("journey.json");
    Files.writeString(file, jsonSamples().get(0));
    Files.createDirectories(tmp.resolve("rules"));

    // when
    JourneyConfig config = JourneyConfig.load(file);

    // then
    assertThat(config.name()).isEqualTo("trial-to-sales");
    assertThat(config.stages()).hasSize(5);
  }

  @Test
  void the_guide_loads_the_example_and_runs_it_with_its_drl_rules() {
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T14:00:00Z"));
    // tag::load[]
    Path file = Path.of("..", "docs", "examples", "lead-handoff", "journey.json");
    JourneyConfig config = JourneyConfig.load(file);
    // end::load[]
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      // tag::drl[]
      JourneyDefinition handoff = config.definition(registry); // compiles rules.directory
      JourneyEngine engine = JourneyEngine.builder()
          .definition(handoff)
          .store(InMemoryJourneyStore.create())
          .clock(clock)
          .build();
      // end::drl[]
      engine.accept(Signal.builder().id("f-1").subject(SubjectRef.contact("1")).type(SignalTypes.PRICING_PAGE_VIEWED)
          .occurredAt(clock.instant()).source("web").build());
      assertThat(engine.snapshot(SubjectRef.contact("1"))).isPresent();
    }
  }

  @Test
  void the_guide_wires_an_application_evaluator_into_the_same_configuration() {
    JourneyConfig config = JourneyConfig.load(EXAMPLE);
    // tag::java[]
    JavaRuleSet rules = JavaRuleSet.builder("lead-handoff", "java-1")
        .rule("demo request goes to sales",
            f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
            (f, d) -> d.transitionTo("SALES_ENGAGED").route("inbound-na"))
        .build();
    JourneyDefinition handoff = config.definition(rules); // same model, owners, routing, SLAs, guardrails
    // end::java[]
    assertThat(handoff.stages()).isEqualTo(config.stages());
    assertThat(handoff.evaluator()).isSameAs(rules);
  }

  @Test
  void the_guide_shows_what_a_rejected_file_says() throws IOException {
    Path file = tmp.resolve("journey.json");
    Files.writeString(file, jsonSamples().get(0).replace("\"calendar\": \"berlin\", \"satisfiedBy\"", "\"calendar\": \"paris\", \"satisfiedBy\""));
    Files.createDirectories(tmp.resolve("rules"));
    // tag::errors[]
    try {
      JourneyConfig.load(file);
    } catch (JourneyConfigException e) {
      // e.file(), e.pointer() ("/slas/0/calendar"), e.allowed(), e.actual()
      System.err.println(e.getMessage());
    }
    // end::errors[]
    JourneyConfigException e = catchThrowableOfType(JourneyConfigException.class, () -> JourneyConfig.load(file));
    assertThat(e.pointer()).isEqualTo("/slas/0/calendar");
    assertThat(e.getMessage())
        .isEqualTo(file + " at /slas/0/calendar must be one of the calendars [always, berlin], but was 'paris'");
  }

  @Test
  void the_guide_declares_a_signal_catalog_that_rejects_a_value_not_allowed() throws IOException {
    Path file = tmp.resolve("renewals.json");
    Files.writeString(file, jsonSamples().get(1));
    Signal signal = Signal.builder().id("u-2").subject(SubjectRef.company("7")).type("USAGE_DROPPED")
        .occurredAt(Instant.parse("2026-03-02T09:00:00Z")).source("product")
        .attribute("usageDropPercent", 35).attribute("plan", "platinum").build();
    // tag::catalog[]
    JourneyConfig renewals = JourneyConfig.load(file);
    SignalCatalog catalog = renewals.signalCatalog().orElseThrow(); // also guards every definition
    try {
      catalog.validate(signal);
    } catch (SignalCatalogException e) {
      // signal 'u-2' of type USAGE_DROPPED: attribute 'plan' must be one of [starter, growth,
      // enterprise], but was another string (8 characters)
      System.err.println(e.getMessage());
    }
    // end::catalog[]
    SignalCatalogException e = catchThrowableOfType(SignalCatalogException.class, () -> catalog.validate(signal));
    assertThat(e).hasMessage(
        "signal 'u-2' of type USAGE_DROPPED: attribute 'plan' must be one of [starter, growth,"
            + " enterprise], but was another string (8 characters)");
    assertThat(catalog.types().keySet()).containsExactly("USAGE_DROPPED", "CRM_SYNC");
  }

  @Test
  void the_guide_hosts_the_journeys_a_file_lists_under_its_policy() {
    // given
    Path file = ROOT.resolve("journey-config/src/test/resources/several/journey.json");
    java.util.Map<String, JavaRuleSet> rules = java.util.Map.of(
        "handoff", JavaRuleSet.builder("handoff", "1")
            .rule("demo request goes to sales", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                (f, d) -> d.transitionTo("SALES")).build(),
        "nurture", JavaRuleSet.builder("nurture", "1").build(),
        "renewal-risk", JavaRuleSet.builder("renewal-risk", "1").build());
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    // tag::several[]
    JourneyConfig config = JourneyConfig.load(file);     // lists nurture and renewal-risk
    JourneyEngine.Builder builder = JourneyEngine.builder().clock(clock);
    config.hostedJourneys(journey -> journey.definition(rules.get(journey.name())))
        .forEach(builder::journey);                      // handoff (this file's) first
    config.policy().ifPresent(builder::policy);
    JourneyEngine engine = builder.build();
    // end::several[]

    // then
    assertThat(engine.journeys()).extracting(h -> h.name()).containsExactly("handoff", "renewal-risk", "nurture");
    assertThat(engine.journeys().get(2).reentry()).contains(java.time.Duration.ofDays(30));
  }
}
