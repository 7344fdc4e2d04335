package dev.journey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.catalog.AttributeSpec;
import dev.journey.core.catalog.AttributeType;
import dev.journey.core.catalog.SignalCatalog;
import dev.journey.core.catalog.SignalCatalogException;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class SignalCatalogConfigTest {
  private static final Path FILE = Path.of("src", "test", "resources", "catalog", "journey.json");
  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

  private static Signal usage(String id, Map<String, Object> attributes) {
    return Signal.builder()
        .id(id)
        .subject(SubjectRef.company("7"))
        .type("USAGE_DROPPED")
        .occurredAt(AT)
        .source("product")
        .attributes(attributes)
        .build();
  }

  @Test
  void should_read_the_signal_catalog_when_the_file_declares_one() {
    // given / when
    SignalCatalog catalog = JourneyConfig.load(FILE).signalCatalog().orElseThrow();

    // then
    assertThat(catalog.types().keySet()).containsExactly("USAGE_DROPPED", "CRM_SYNC");
    assertThat(catalog.type("USAGE_DROPPED").orElseThrow().attributes().values())
        .containsExactly(
            AttributeSpec.integer("usageDropPercent").asRequired().between(0, 100),
            AttributeSpec.string("plan").oneOf("starter", "growth", "enterprise"),
            new AttributeSpec("arr", AttributeType.NUMBER, false, java.util.List.of(), Optional.of(0.0), Optional.empty()),
            AttributeSpec.bool("trial"));
    assertThat(catalog.type("USAGE_DROPPED").orElseThrow().openAttributes()).isFalse();
    assertThat(catalog.type("CRM_SYNC").orElseThrow().openAttributes()).isTrue();
  }

  @Test
  void should_have_no_catalog_when_the_file_declares_none() {
    assertThat(JourneyConfig.load(JourneyConfigTest.TRIAL).signalCatalog()).isEmpty();
  }

  @Test
  void should_reject_a_signal_that_breaks_the_catalog_and_keep_what_was_accepted() {
    // given an engine on the file's definition, with a rule that moves on any usage drop
    JourneyConfig config = JourneyConfig.load(FILE);
    JavaRuleSet rules =
        JavaRuleSet.builder("renewals", "1")
            .rule("usage drop", f -> f.signal().type().equals("USAGE_DROPPED"), (f, d) -> d.transitionTo("AT_RISK"))
            .build();
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine =
        JourneyEngine.builder().definition(config.definition(rules)).store(store).clock(VirtualClock.at(AT)).build();
    engine.accept(usage("u-1", Map.of("usageDropPercent", 35, "plan", "growth")));

    // when / then
    assertThatThrownBy(() -> engine.accept(usage("u-2", Map.of("usageDropPercent", 35, "plan", "platinum"))))
        .isInstanceOf(SignalCatalogException.class)
        .hasMessage(
            "signal 'u-2' of type USAGE_DROPPED: attribute 'plan' must be one of [starter, growth,"
                + " enterprise], but was another string (8 characters)");
    assertThat(store.lookup(SubjectRef.company("7"), "u-2").inbox()).isEmpty();
    assertThat(store.lookup(SubjectRef.company("7"), "u-1").inbox()).isPresent();
    assertThat(store.lookup(SubjectRef.company("7"), "u-1").snapshot().orElseThrow().state()).isEqualTo("AT_RISK");
  }
}
