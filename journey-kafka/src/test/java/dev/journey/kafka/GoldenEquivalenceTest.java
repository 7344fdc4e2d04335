package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.config.JourneyConfig;
import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.testkit.replay.JsonLines;
import dev.journey.testkit.replay.LoggedDecision;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.ReplayResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The example journey's shipped log (six weeks, 3,000 contacts, the v1 DRL rules with the
 * example's routing, SLAs and guardrails) decided by the Kafka Streams topology and by the
 * in-memory engine of the testkit's replay: the same decisions in the same order, action ids
 * included, and the same final snapshots.
 */
final class GoldenEquivalenceTest {
  private static final Path EXAMPLE = Path.of("..", "docs", "examples", "lead-handoff");

  @Test
  void should_decide_the_shipped_log_exactly_as_the_in_memory_engine() {
    JourneyConfig wiring = JourneyConfig.load(LeadHandoff.configFile(EXAMPLE));
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      // given
      CompiledRuleSet v1 = registry.compile(wiring.ruleSet(LeadHandoff.rules(EXAMPLE, "v1")));
      JourneyDefinition definition = LeadHandoff.definition(wiring, DroolsEvaluator.of(v1));
      List<Signal> signals =
          LeadHandoff.withContactCopies(JsonLines.readSignals(EXAMPLE.resolve("signals.jsonl")));
      ReplayResult expected = Replay.builder().definition(definition).build().run(signals);
      Instant start = signals.stream().map(Signal::occurredAt).min(Comparator.naturalOrder()).orElseThrow();
      Instant last = signals.stream().map(Signal::occurredAt).max(Comparator.naturalOrder()).orElseThrow();

      // when
      List<AuditRecord> records;
      List<Action> actions;
      Map<SubjectRef, JourneySnapshot> snapshots = new TreeMap<>();
      try (DrivenTopology kafka = new DrivenTopology(JourneyTopology.builder(definition), start)) {
        for (Signal signal : signals) {
          kafka.receive(signal);
        }
        kafka.advanceToQuiescence(last.plus(Replay.DEFAULT_QUIESCENCE_HORIZON));
        records = kafka.records();
        actions = kafka.actions.readValuesToList();
        for (SubjectRef subject : expected.snapshots().keySet()) {
          kafka.store.load(subject).ifPresent(s -> snapshots.put(subject, s));
        }
        assertThat(kafka.deadLetters.isEmpty()).isTrue();
      }

      // then
      List<LoggedDecision> decided = records.stream().map(LoggedDecision::of).collect(Collectors.toList());
      assertThat(decided).hasSize(expected.decisions().size());
      for (int i = 0; i < decided.size(); i++) {
        assertThat(decided.get(i)).as("decision %d of %d", i, decided.size()).isEqualTo(expected.decisions().get(i));
      }
      List<String> expectedIds =
          expected.decisions().stream()
              .filter(d -> d.outcome() == AuditRecord.Outcome.DECIDED)
              .flatMap(d -> d.decision().actions().stream())
              .map(Action::id)
              .collect(Collectors.toList());
      assertThat(actions.stream().map(Action::id).collect(Collectors.toList()))
          .hasSize(expected.pendingActions())
          .containsExactlyElementsOf(expectedIds);
      assertThat(snapshots).isEqualTo(expected.snapshots());
      assertThat(expected.timersFired()).isGreaterThan(1000);
    }
  }
}
