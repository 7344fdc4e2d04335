package dev.journey.drools;

import dev.journey.testkit.clock.VirtualClock;
import static dev.journey.drools.Fixtures.CONTACT;
import static dev.journey.drools.Fixtures.NOW;
import static dev.journey.drools.Fixtures.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SignalTypes;
import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.decision.Decision;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.rollout.ShadowEvaluator;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class ShadowEvaluatorTest {
  private static RuleSetRegistry registry;
  private static DroolsEvaluator live;
  private static DroolsEvaluator candidate;

  /** Version 2 adds a notification and a task to the demo request, and a rule that always fires. */
  private static final String CANDIDATE =
      Fixtures.header("p.shadow")
          + "rule \"demo\" @label(\"demo request qualifies\") @writes(\"owner\") salience 90\n"
          + "when $f : JourneyFacts(signalType == \"DEMO_REQUESTED\", state == \"NURTURE\", fitScore >= 30)\n"
          + "then\n"
          + "  decision.transitionTo(\"SALES_ENGAGED\");\n"
          + "  decision.notify(\"sales-manager\", \"shadow says hi\");\n"
          + "  decision.createTask(\"Shadow task\", \"from the candidate\", $f.inHours(1));\n"
          + "  decision.setProperty(\"lifecycle_stage\", \"sql\");\n"
          + "end\n";

  /** Records every action it is asked to execute. */
  private static final class RecordingExecutor implements ActionExecutor {
    final List<Action> executed = new CopyOnWriteArrayList<>();

    @Override
    public ExecutionResult execute(Action action, int attempt) {
      executed.add(action);
      return ExecutionResult.done();
    }
  }

  @BeforeAll
  static void compile() {
    registry = RuleSetRegistry.ofDefaults();
    live =
        registry
            .evaluator("lead-handoff", "1")
            .orElseGet(
                () ->
                    DroolsEvaluator.of(
                        registry.compile(
                            RuleSet.builder("lead-handoff", "1").classpath("rules/lead-handoff.drl").build())));
    candidate =
        DroolsEvaluator.of(
            registry.compile(RuleSet.builder("lead-handoff", "2").drl("lead-handoff.drl", CANDIDATE).build()));
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  @Test
  void should_execute_only_live_actions_and_record_the_difference_in_the_audit() {
    // given an engine evaluating the live rules shadowed by the candidate
    VirtualClock clock = VirtualClock.at(NOW);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine =
        JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), ShadowEvaluator.of(live, candidate))).store(store).clock(clock).build();
    RecordingExecutor executor = new RecordingExecutor();
    OutboxRelay relay = OutboxRelay.builder(store, executor).clock(clock).build();
    // and what each would decide on its own
    Decision liveAlone = live.evaluate(Fixtures.nurture(CONTACT), demo(), NOW);
    // when a demo request arrives and the outbox is drained
    SignalResult result = engine.accept(demo());
    relay.drain();
    // then the executor saw exactly the live decision's actions
    Decision decided = ((SignalResult.Decided) result).decision();
    assertThat(decided.actions()).extracting(Action::id).isNotEmpty();
    assertThat(executor.executed).extracting(Action::id).containsExactlyElementsOf(
        decided.actions().stream().map(Action::id).toList());
    assertThat(executor.executed).extracting(Action::kind).doesNotContain(ActionKind.NOTIFY, ActionKind.SET_PROPERTY);
    assertThat(decided.rulesFired()).isEqualTo(liveAlone.rulesFired());
    assertThat(decided.actions()).isEqualTo(liveAlone.actions());
    // and nothing of the candidate reached the snapshot
    assertThat(engine.snapshot(CONTACT).orElseThrow().property("lifecycle_stage")).isEmpty();
    // and the audit says how the candidate differs
    AuditRecord audit = store.audit(CONTACT).get(0);
    Map<String, String> annotations = audit.decision().annotations();
    assertThat(annotations.get(ShadowEvaluator.RULE_SET)).startsWith("lead-handoff@2#");
    assertThat(annotations.get(ShadowEvaluator.DIFF))
        .contains("actions [CREATE_TASK] vs [NOTIFY, CREATE_TASK, SET_PROPERTY]")
        .contains("timerCommands")
        .contains("requests [route:inbound{}] vs []");
  }

  @Test
  void should_say_none_when_the_candidate_agrees() {
    // given a candidate with the same rules under another version
    JourneyEvaluator same =
        DroolsEvaluator.of(
            registry.compile(
                RuleSet.builder("lead-handoff", "3").classpath("rules/lead-handoff.drl").build()));
    // when
    Decision decision = ShadowEvaluator.of(live, same).evaluate(Fixtures.nurture(CONTACT), demo(), NOW);
    // then
    assertThat(decision.annotations())
        .containsEntry(ShadowEvaluator.DIFF, "none")
        .containsKey(ShadowEvaluator.RULE_SET);
  }

  @Test
  void should_record_a_failing_candidate_and_still_return_the_live_decision() {
    // given a candidate that throws
    JourneyEvaluator broken =
        (snapshot, signal, now) -> {
          throw new IllegalStateException("candidate exploded");
        };
    // when
    Decision decision = ShadowEvaluator.of(live, broken).evaluate(Fixtures.nurture(CONTACT), demo(), NOW);
    // then
    assertThat(decision.rulesFired()).containsExactly("demo request qualifies");
    assertThat(decision.annotations())
        .containsEntry(ShadowEvaluator.ERROR, "IllegalStateException: candidate exploded")
        .doesNotContainKey(ShadowEvaluator.DIFF);
  }

  private static dev.journey.core.Signal demo() {
    return signal("form-1", SignalTypes.DEMO_REQUESTED, Map.of("fitScore", 80));
  }
}
