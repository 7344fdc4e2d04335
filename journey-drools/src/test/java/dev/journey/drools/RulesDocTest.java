package dev.journey.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.rollout.RolloutEvaluator;
import dev.journey.core.rollout.RolloutPlan;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/rules.md honest: its DRL and Java samples are tagged regions of files that tests
 * compile and run, and this test checks that the Markdown still quotes them verbatim.
 */
final class RulesDocTest {
  private static final Path DOC = Path.of("..", "docs", "rules.md");
  private static final Path DRL = Path.of("src", "test", "resources", "rules", "lead-handoff.drl");
  private static final Path SHARED = Path.of("src", "test", "resources", "rules", "shared-code.drl");
  private static final Path SELF =
      Path.of("src", "test", "java", "dev", "journey", "drools", "RulesDocTest.java");

  @Test
  void should_run_the_worked_example() {
    // tag::usage[]
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      CompiledRuleSet rules =
          registry.compile(
              RuleSet.builder("lead-handoff", "1").classpath("rules/lead-handoff.drl").build());
      JourneyEngine engine =
          JourneyEngine.builder()
              .definition(JourneyDefinition.builder("lead-handoff")
                  .model(JourneyModel.leadHandoff())
                  .evaluator(DroolsEvaluator.of(rules))
                  .build())
              .clock(java.time.Clock.fixed(Instant.parse("2026-03-02T09:15:00Z"), java.time.ZoneOffset.UTC))
              .build();
      SignalResult result =
          engine.accept(
              Signal.builder()
                  .id("form-7781")
                  .subject(SubjectRef.contact("1001"))
                  .type(SignalTypes.DEMO_REQUESTED)
                  .occurredAt(Instant.parse("2026-03-02T09:15:00Z"))
                  .attribute("fitScore", 82)
                  .build());
      // result.decision(): rulesFired [demo request qualifies], NURTURE -> SALES_ENGAGED,
      // a CREATE_TASK action, an "sla" timer, a "route inbound" request
      // end::usage[]
      SignalResult.Decided decided = (SignalResult.Decided) result;
      assertThat(decided.decision().rulesFired()).containsExactly("demo request qualifies");
      assertThat(decided.snapshot().state()).isEqualTo("SALES_ENGAGED");
      assertThat(decided.snapshot().timers()).containsKey("sla");
    }
  }

  @Test
  void should_run_the_rollout_example() {
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      registry.compile(RuleSet.builder("lead-handoff", "1").classpath("rules/lead-handoff.drl").build());
      registry.compile(RuleSet.builder("lead-handoff", "2").classpath("rules/lead-handoff.drl").build());
      // tag::rollout[]
      RolloutPlan plan = RolloutPlan.start("lead-handoff", "1", "2"); // 1%
      plan = plan.next(); // 10%, then 50%, then 100%
      plan = plan.rollback(); // everyone back on 1 (next() restarts at 1%)
      plan = plan.next().next().next().next().promote(); // 2 for everyone
      JourneyEvaluator evaluator = registry.rollout(plan);
      // end::rollout[]
      assertThat(plan).isEqualTo(RolloutPlan.pinned("lead-handoff", "2"));
      assertThat(evaluator).isInstanceOf(RolloutEvaluator.class);
    }
  }

  @Test
  void should_run_the_sandbox_and_function_example() {
    // tag::sandbox[]
    try (RuleSetRegistry registry =
        RuleSetRegistry.builder()
            .allowMembers("dev.journey.drools.Territories", "regionOf") // the application's helper
            .build()) {
      CompiledRuleSet rules =
          registry.compile(RuleSet.builder("handoff", "1").classpath("rules/shared-code.drl").build());
      // end::sandbox[]
      Decision decision =
          DroolsEvaluator.of(rules)
              .evaluate(
                  Fixtures.nurture(Fixtures.CONTACT),
                  Fixtures.signal("f-1", "FORM_SUBMITTED", Map.of("form", "contact-sales", "country", "de")),
                  Fixtures.NOW);
      assertThat(decision.rulesFired()).containsExactly("hand-raiser form hands to sales");
      assertThat(decision.stateAfter()).isEqualTo("SALES_ENGAGED");
      assertThat(decision.requests()).anySatisfy(r -> assertThat(r.name()).isEqualTo("inbound-emea"));
    }
    // and without the entry, the same rules are refused where they call the helper
    try (RuleSetRegistry strict = RuleSetRegistry.ofDefaults()) {
      assertThatThrownBy(
              () -> strict.compile(RuleSet.builder("handoff", "1").classpath("rules/shared-code.drl").build()))
          .isInstanceOf(RuleCompilationException.class)
          .hasMessageContaining("shared-code.drl:4:8: import dev.journey.drools.Territories is not allowed");
    }
  }

  @Test
  void should_quote_the_tested_samples_verbatim() throws IOException {
    // given
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    List<String> regions = new ArrayList<>();
    regions.addAll(regions(Files.readString(DRL, StandardCharsets.UTF_8)));
    regions.addAll(regions(Files.readString(SELF, StandardCharsets.UTF_8)));
    regions.addAll(regions(Files.readString(SHARED, StandardCharsets.UTF_8)));
    // when / then
    assertThat(regions).hasSize(7);
    for (String region : regions) {
      assertThat(doc).contains(region);
    }
  }

  private static List<String> regions(String text) {
    List<String> out = new ArrayList<>();
    Matcher m =
        Pattern.compile("// tag::([a-z]+)\\[\\]\\n(.*?)[ \\t]*// end::\\1\\[\\]", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(dedent(m.group(2)));
    }
    return out;
  }

  private static String dedent(String block) {
    String[] lines = block.split("\n", -1);
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString().stripTrailing() + "\n";
  }
}
