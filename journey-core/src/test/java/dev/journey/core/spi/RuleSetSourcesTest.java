package dev.journey.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.InvalidValueException;
import dev.journey.core.SignalTypes;
import dev.journey.core.decision.Decision;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rollout.ShadowEvaluator;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RuleSetSourcesTest {
  private static final String HASH = "0123456789abcdef".repeat(4);

  private static RuleSetSources sources(String hash, String version, Map<String, String> files) {
    return new RuleSetSources(hash, "handoff", version, files);
  }

  /** Java rules with DRL-like sources to archive: what a DRL evaluator names. */
  private static JourneyEvaluator withSources(RuleSetSources sources) {
    JavaRuleSet rules = JavaRuleSet.builder("handoff", sources.version())
        .rule("demo", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED), (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED))
        .build();
    return new JourneyEvaluator() {
      @Override
      public Decision evaluate(dev.journey.core.state.JourneySnapshot snapshot, dev.journey.core.Signal signal, Instant now) {
        return rules.evaluate(snapshot, signal, now);
      }

      @Override
      public List<RuleSetSources> sources() {
        return List.of(sources);
      }
    };
  }

  @Test
  void should_sort_the_files_and_list_the_rules_below_their_directory() {
    // when
    RuleSetSources s = sources(HASH, "v1", Map.of("rules/b.drl", "B", RuleSetSources.CONFIG, "{}", "rules/a/c.drl", "C"));

    // then
    assertThat(s.files().keySet()).containsExactly("journey.json", "rules/a/c.drl", "rules/b.drl");
    assertThat(s.rules()).containsExactly(Map.entry("a/c.drl", "C"), Map.entry("b.drl", "B"));
    assertThat(s.with(Map.of(RuleSetSources.CONFIG, "{\"a\": 1}")).files()).containsEntry("journey.json", "{\"a\": 1}");
    assertThat(s.toString()).isEqualTo("RuleSetSources[handoff@v1#0123456789ab, files=[journey.json, rules/a/c.drl, rules/b.drl]]")
        .doesNotContain("{}");
  }

  @Test
  void should_reject_a_malformed_hash_no_files_and_paths_that_leave_the_archive() {
    assertThatThrownBy(() -> sources("ABC", "v1", Map.of("rules/a.drl", "")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("rule-set sources hash").hasMessageContaining("12 to 128 lower-case hex digits");
    assertThatThrownBy(() -> sources(HASH, "v1", Map.of()))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("1 to 4096 files");
    for (String path : List.of("/etc/passwd", "rules/../x.drl", "rules/./x.drl", "a\\b.drl", "c:x.drl", "rules//x.drl", "x/")) {
      assertThatThrownBy(() -> sources(HASH, "v1", Map.of(path, "")))
          .as(path)
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("file path in rule set handoff@v1")
          .hasMessageContaining("a relative path");
    }
  }

  @Test
  void should_archive_the_sources_of_live_and_shadow_rules_when_the_engine_starts() {
    // given
    RuleSetSources live = sources(HASH, "v1", Map.of("rules/a.drl", "A"));
    RuleSetSources candidate = sources("fedcba9876543210".repeat(4), "v2", Map.of("rules/a.drl", "A2"));
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyDefinition journey = JourneyDefinition.of(
        "handoff", JourneyModel.leadHandoff(), ShadowEvaluator.of(withSources(live), withSources(candidate)));

    // when
    JourneyEngine.builder().definition(journey).store(store)
        .clock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC)).build();

    // then
    assertThat(store.archived(HASH)).contains(live);
    assertThat(store.archived("fedcba987654")).contains(candidate);
    assertThat(store.archive(live)).isFalse();
  }
}
