package dev.journey.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.handoff.HandoffContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class HandoffConfigTest {
  private static final Path DIR = Path.of("src", "test", "resources", "handoff");
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static Signal signal(String id, String type, Instant at, String page) {
    return Signal.builder().id(id).subject(SubjectRef.contact("1")).type(type).occurredAt(at).source("web")
        .attribute("fitScore", 82).attribute("pageUrl", page).attribute("leadSource", "paid")
        .attribute("email", "ann@example.com").build();
  }

  @Test
  void should_load_the_features_file_and_the_declared_handoff_package_when_the_journey_names_them() {
    // given
    JourneyConfig config = JourneyConfig.load(DIR.resolve("journey.json"));
    FeatureSet features = config.features();
    HandoffContext handoff = config.stages().stream().filter(HandoffContext.class::isInstance)
        .map(HandoffContext.class::cast).findFirst().orElseThrow();
    FeatureSnapshot f = FeatureSnapshot.EMPTY;
    f = features.fold(f, signal("p1", "PRICING_PAGE_VIEWED", T0, "/pricing"));
    f = features.fold(f, signal("p2", "PRICING_PAGE_VIEWED", T0.plusSeconds(60), "/pricing/enterprise"));
    Signal demo = signal("d", "DEMO_REQUESTED", T0.plusSeconds(120), "/demo");
    // when
    Map<String, String> pack = handoff.assemble(demo, features.fold(f, demo));
    // then
    assertThat(features).isEqualTo(JourneyConfig.loadFeatures(DIR.resolve("features.json")));
    assertThat(handoff.onEntering()).containsExactly("SALES_ENGAGED");
    assertThat(pack).containsExactly(
        Map.entry("rationale", "demo request; 2 pricing views in 7 days; fit 82"),
        Map.entry("feature.pricing_views_7d", "2"),
        Map.entry("feature.fit", "82"),
        Map.entry("attribute.leadSource", "paid"),
        Map.entry("recent.recent_pages.1", "PRICING_PAGE_VIEWED /pricing/enterprise " + T0.plusSeconds(60)),
        Map.entry("recent.recent_pages.2", "PRICING_PAGE_VIEWED /pricing " + T0));
  }

  @Test
  void should_name_the_pointer_when_the_package_names_a_feature_that_is_not_a_recent_one(@TempDir Path dir)
      throws IOException {
    // given
    Files.copy(DIR.resolve("features.json"), dir.resolve("features.json"));
    Path file = dir.resolve("journey.json");
    Files.writeString(file, Files.readString(DIR.resolve("journey.json"))
        .replace("\"recent\": [\"recent_pages\"]", "\"recent\": [\"fit\"]"));
    // when / then
    assertThatThrownBy(() -> JourneyConfig.load(file))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessageContaining(file + " at /handoff/recent/0 must be a declared feature of kind recent [recent_pages]");
  }

  @Test
  void should_name_the_pointer_when_the_package_names_an_undeclared_feature(@TempDir Path dir) throws IOException {
    // given
    Files.copy(DIR.resolve("features.json"), dir.resolve("features.json"));
    Path file = dir.resolve("journey.json");
    Files.writeString(file, Files.readString(DIR.resolve("journey.json"))
        .replace("\"features\": [\"pricing_views_7d\", \"fit\"]", "\"features\": [\"fit\", \"intent\"]"));
    // when / then
    assertThatThrownBy(() -> JourneyConfig.load(file))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessageContaining(file + " at /handoff/features/1 must be a declared feature, model or segment");
  }

  @Test
  void should_refuse_both_features_and_a_features_file(@TempDir Path dir) throws IOException {
    // given
    Files.copy(DIR.resolve("features.json"), dir.resolve("features.json"));
    Path file = dir.resolve("journey.json");
    Files.writeString(file, Files.readString(DIR.resolve("journey.json"))
        .replace("\"featuresFile\": \"features.json\",",
            "\"featuresFile\": \"features.json\", \"features\": {\"declared\": []},"));
    // when / then
    assertThatThrownBy(() -> JourneyConfig.load(file))
        .isInstanceOf(JourneyConfigException.class)
        .hasMessageContaining(file + " at /featuresFile must be either features or featuresFile, not both");
  }
}
