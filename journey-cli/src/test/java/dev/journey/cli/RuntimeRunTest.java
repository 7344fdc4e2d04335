package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.config.JourneyConfig;
import dev.journey.core.Signal;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.testkit.replay.JsonLines;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.ReplayListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's run through a {@code JourneyRuntime}: the same decisions as the testkit's Replay
 * (timers fire at their due time), every action executed once, nothing left in the outbox.
 */
final class RuntimeRunTest {
  private static RuleSetRegistry registry;
  private static JourneyConfig wiring;
  private static JourneyDefinition definition;
  private static List<Signal> signals;

  @BeforeAll
  static void load() {
    wiring = JourneyConfig.load(LeadHandoff.configFile(DemoRun.EXAMPLE));
    registry = RuleSetRegistry.ofDefaults();
    definition = LeadHandoff.definition(
        wiring, DroolsEvaluator.of(registry.compile(wiring.ruleSet(DemoRun.EXAMPLE.resolve("rules/v1")))));
    signals = LeadHandoff.withContactCopies(
        JsonLines.readSignals(DemoRun.EXAMPLE.resolve("signals.jsonl")).subList(0, 800));
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  @Test
  void should_decide_exactly_as_the_replay_and_execute_every_action_once() {
    // given: the replay's records
    List<AuditRecord> replayed = new ArrayList<>();
    Replay.builder().definition(definition).listener(new ReplayListener() {
      @Override
      public void onRecord(AuditRecord record) {
        replayed.add(record);
      }
    }).build().run(signals);
    Set<String> executed = ConcurrentHashMap.newKeySet();
    List<String> twice = new ArrayList<>();

    // when
    RuntimeRun.Result run = RuntimeRun.run(definition, signals, clock -> (action, attempt) -> {
      if (!executed.add(action.id())) {
        twice.add(action.id());
      }
      return ExecutionResult.done();
    }, new NoProgress());

    // then
    assertThat(run.records()).isEqualTo(replayed);
    long actions = replayed.stream().filter(r -> r.outcome() == AuditRecord.Outcome.DECIDED)
        .mapToLong(r -> r.decision().actions().size()).sum();
    assertThat(executed).hasSize((int) actions);
    assertThat(twice).isEmpty();
    assertThat(run.pendingActions()).isZero();
    assertThat(run.deadLetters()).isEmpty();
    assertThat(run.stop().clean()).isTrue();
  }

  @Test
  void should_land_owners_tasks_and_list_memberships_in_the_fake_hubspot() {
    // given
    try (DemoHubSpot hubspot = new DemoHubSpot(wiring, signals)) {
      // when
      RuntimeRun.Result run = RuntimeRun.run(definition, signals, hubspot.executorOn(), new NoProgress());
      String section = hubspot.section(run);

      // then: the relay drained the outbox into the CRM; failures are dead letters with reasons
      assertThat(run.pendingActions()).isZero();
      assertThat(section)
          .contains("What HubSpot received")
          .containsPattern("tasks created +[1-9]")
          .containsPattern("POST /crm/v3/objects/contacts/batch/update ok +[1-9]")
          .containsPattern("actions still in the outbox +0\n");
      run.deadLetters().forEach(d -> assertThat(section).contains(d.entry().action().kind() + ": "));
    }
  }

  private static final class NoProgress implements RuntimeRun.Progress {
    @Override
    public void onSignal(int index, int total, Signal signal) {}

    @Override
    public void onRecord(AuditRecord record) {}
  }
}
