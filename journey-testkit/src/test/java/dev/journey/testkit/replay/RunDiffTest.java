package dev.journey.testkit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.engine.JourneyDefinition;
import dev.journey.testkit.arbitraries.JourneyArbitraries;
import dev.journey.testkit.arbitraries.SignalStream;
import dev.journey.testkit.playbook.Playbook;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

final class RunDiffTest {
  private static final Path SIGNALS = Path.of("src/test/resources/golden/lead-handoff/signals.jsonl");

  private static List<LoggedDecision> run(JourneyDefinition journey) {
    return Replay.builder().definition(journey).build().run(SIGNALS).decisions();
  }

  @Test
  void should_find_no_difference_between_a_run_and_itself() {
    // when
    RunDiff diff = RunDiff.of("v1", run(Playbook.journey()), "v1 again", run(Playbook.journey()));

    // then
    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.compared()).isPositive();
    assertThat(diff.render(3)).isEqualTo("v1 vs v1 again: 0 of " + diff.compared() + " decision(s) differ\n");
  }

  @Test
  void should_name_the_changed_action_field_per_decision_when_one_rule_changes() {
    // given: the demo task's priority is HIGH in the candidate
    List<LoggedDecision> base = run(Playbook.journey());

    // when
    RunDiff diff = RunDiff.of("v1", base, "v2", run(Playbook.journey(Playbook.rules("HIGH"))));

    // then: every demo request differs, only in that field
    long demos = base.stream().filter(d -> d.decision().rulesFired().contains("demo request qualifies")).count();
    assertThat(diff.differences()).hasSize((int) demos);
    assertThat(diff.byKind()).containsEntry(RunDiff.Kind.ACTIONS, (int) demos).containsEntry(RunDiff.Kind.STATE, 0);
    assertThat(diff.differences()).allSatisfy(d -> {
      assertThat(d.lines()).containsExactly("action 2 CREATE_TASK priority: v1 MEDIUM but v2 HIGH");
      assertThat(d.cause()).isEqualTo("both fired [demo request qualifies] (a rule's content, the stages or their inputs differ)");
    });
  }

  @Test
  void should_count_kinds_and_causes_and_pair_timers_when_a_rule_is_removed() {
    // given: the candidate has no escalation rule
    List<LoggedDecision> base = run(Playbook.journey());

    // when
    RunDiff diff = RunDiff.of("v1", base, "v2", run(Playbook.journey(Playbook.rulesWithoutEscalation())));

    // then
    long escalations = base.stream().filter(d -> d.decision().rulesFired().contains("first touch missed")).count();
    assertThat(escalations).isPositive();
    assertThat(diff.differences()).hasSize((int) escalations);
    assertThat(diff.byCause()).containsExactly(java.util.Map.entry("only v1 fired [first touch missed]", (int) escalations));
    assertThat(diff.byKind().get(RunDiff.Kind.RULES)).isEqualTo((int) escalations);
    assertThat(diff.byKind().get(RunDiff.Kind.ACTIONS)).isEqualTo((int) escalations);
    assertThat(diff.render(1))
        .contains("v1 vs v2: " + escalations + " of ")
        .contains("By kind\n  rules ")
        .contains("By cause\n")
        .contains("    cause: only v1 fired [first touch missed]\n")
        .contains("    actions: v1 [ESCALATE] but v2 []\n");
  }

  @Property(tries = 30)
  void a_run_never_differs_from_itself_and_a_priority_change_only_changes_demo_tasks(
      @ForAll("streams") SignalStream stream) {
    // given
    ReplayResult base = Replay.builder().definition(Playbook.journey()).build().run(stream.deliveries());
    ReplayResult same = Replay.builder().definition(Playbook.journey()).build().run(stream.deliveries());
    ReplayResult high = Replay.builder().definition(Playbook.journey(Playbook.rules("HIGH"))).build().run(stream.deliveries());

    // when
    RunDiff none = RunDiff.of("a", base.decisions(), "b", same.decisions());
    RunDiff changed = RunDiff.of("a", base.decisions(), "b", high.decisions());

    // then: the reference model: exactly the decisions where the demo rule fired, only in actions
    assertThat(none.differences()).isEmpty();
    long demos = base.decisions().stream().filter(d -> d.decision().rulesFired().contains("demo request qualifies")).count();
    assertThat(changed.differences()).hasSize((int) demos);
    assertThat(changed.differences()).allSatisfy(d -> assertThat(d.kinds()).containsExactly(RunDiff.Kind.ACTIONS));
  }

  @Provide
  Arbitrary<SignalStream> streams() {
    return JourneyArbitraries.signalStreams(4, 8);
  }
}
