package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.config.JourneyConfig;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.EvaluatorOutput;
import dev.journey.core.spi.RuleSetSources;
import dev.journey.drools.RuleSetRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import dev.journey.core.metrics.Milestone;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.ReplayListener;
import dev.journey.testkit.replay.Reproduction;
import dev.journey.testkit.replay.RunDiff;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of docs/measuring.md on metrics in the journey file, reproduction and diffs, run. */
final class MeasuringChangeGuideTest {
  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "lead-handoff", "journey.json");
  private static final Instant MONDAY_NA = Instant.parse("2026-03-02T15:00:00Z"); // 10:00 in New York

  private static JavaRuleSet rules(String version, String sla) {
    return JavaRuleSet.builder("lead-handoff", version)
        .rule("demo request goes to sales",
            f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED) && f.snapshot().state().equals(JourneyModel.NURTURE),
            (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).route("inbound-na").startSla(sla))
        .build();
  }

  private static List<Signal> demos() {
    List<Signal> signals = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      signals.add(Signal.builder().id("demo-" + i).subject(SubjectRef.contact(Integer.toString(2000 + i)))
          .type(SignalTypes.DEMO_REQUESTED).occurredAt(MONDAY_NA.plus(Duration.ofMinutes(25L * i))).source("hubspot")
          .attribute("segment", i % 2 == 0 ? "SMB" : "ENTERPRISE").attribute("region", "NA").attribute("fitScore", 80)
          .build());
    }
    return signals;
  }

  @Test
  void the_measuring_guide_loads_metrics_reproduces_decisions_and_diffs_rule_sets() {
    // tag::config[]
    JourneyConfig config = JourneyConfig.load(EXAMPLE);
    MetricsDefinition metrics = config.metrics().orElseThrow();   // the file's "metrics" section
    // end::config[]
    assertThat(metrics.milestones()).extracting(Milestone::name)
        .containsExactly("handoff", "first touch", "meeting", "opportunity", "won");

    JourneyDefinition journey = config.definition(rules("1", "first-touch-na"));
    List<AuditRecord> records = new ArrayList<>();
    Replay.builder().definition(journey).listener(new ReplayListener() {
      @Override
      public void onRecord(AuditRecord record) {
        records.add(record);
      }
    }).build().run(demos());
    AuditRecord record = records.get(3);

    // tag::reproduce[]
    Replay replay = Replay.builder().definition(journey).build();
    Reproduction reproduction = replay.reproduce(record);          // from the audit record alone
    boolean same = reproduction.reproduced();                       // equal in every field
    List<String> why = reproduction.differences();                  // else, most telling first
    // end::reproduce[]
    assertThat(same).as(why.toString()).isTrue();
    assertThat(record.inputs().facts()).containsKey("pool.na").containsKey("calendar.sla.first-touch-na");
    assertThat(replay.reproduce(records)).allMatch(Reproduction::reproduced);

    JourneyDefinition candidate = config.definition(rules("2", "fast-touch-na"));
    // tag::diff[]
    RunDiff diff = RunDiff.of(
        "v1", replay.run(demos()).decisions(),
        "v2", Replay.builder().definition(candidate).build().run(demos()).decisions());
    int timers = diff.byKind().get(RunDiff.Kind.TIMERS);             // decisions whose timers differ
    String text = diff.render(3);                                    // counts by kind and cause, examples
    // end::diff[]
    assertThat(timers).isPositive();
    assertThat(text).startsWith("v1 vs v2: ").contains("By kind\n");
  }

  @Test
  void the_measuring_guide_reproduces_from_the_store_archive_and_tells_evaluator_from_stages() {
    // given the example journey with its DRL rules, on a store
    JourneyConfig config = JourneyConfig.load(EXAMPLE);
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      InMemoryJourneyStore store = InMemoryJourneyStore.create();
      JourneyEngine engine = JourneyEngine.builder().definition(config.definition(registry)).store(store)
          .clock(Clock.fixed(MONDAY_NA, ZoneOffset.UTC)).build();
      engine.accept(demos().get(0));
      AuditRecord record = store.audit(demos().get(0).subject()).get(0);

      // tag::archive[]
      RuleSetRef decidedBy = record.decision().ruleSet();
      RuleSetSources sources = store.archived(decidedBy.hash().orElseThrow()).orElseThrow(); // kept at engine start
      Map<String, String> drl = sources.rules();                                  // the DRL files, by name
      String wiring = sources.files().get(RuleSetSources.CONFIG);                  // the journey file
      Decision evaluated = record.inputs().evaluatedOr(record.decision());         // the evaluator's, before the stages
      Set<EvaluatorOutput.Part> changed = record.inputs().evaluated()              // what the stages changed (kept
          .map(EvaluatorOutput::changed).orElse(Set.of());                        // only then)
      // end::archive[]

      // then
      assertThat(sources.version()).isEqualTo("v1");
      assertThat(drl).containsKey("20-entry.drl");
      assertThat(wiring).contains("\"name\": \"lead-handoff\"");
      assertThat(evaluated.requests()).isNotEmpty();                               // the rule asked for routing
      assertThat(evaluated.actions()).noneMatch(a -> a instanceof AssignOwner);
      assertThat(record.decision().actions()).anyMatch(a -> a instanceof AssignOwner);   // the stage assigned
      assertThat(changed).contains(EvaluatorOutput.Part.ACTIONS, EvaluatorOutput.Part.REQUESTS);
    }
  }
}
