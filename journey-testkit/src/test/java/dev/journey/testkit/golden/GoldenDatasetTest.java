package dev.journey.testkit.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.playbook.Playbook;
import dev.journey.testkit.replay.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GoldenDatasetTest {
  private static final Path DATASET = Path.of("src/test/resources/golden/lead-handoff");

  @TempDir Path temp;

  @Test
  void should_match_the_recorded_decisions() {
    // tag::golden[]
    Replay replay = Replay.builder().definition(Playbook.journey()).build();
    GoldenDataset.in(Path.of("src/test/resources/golden/lead-handoff")).verify(replay);
    // end::golden[]
  }

  @Test
  void should_fail_with_a_per_subject_diff_when_one_rule_changes() throws IOException {
    // given: a copy of the dataset, and a copy of the playbook whose demo rule makes HIGH tasks
    assumeFalse(GoldenDataset.recording(), "recording, not comparing");
    GoldenDataset golden = copyOfDataset();
    Replay changed = Replay.builder().definition(Playbook.journey(Playbook.rules("HIGH"))).build();

    // when
    GoldenDiff diff = golden.compare(changed);

    // then
    assertThat(diff.subjects())
        .extracting(GoldenDiff.SubjectDiff::subject)
        .containsExactly(SubjectRef.contact("1"), SubjectRef.contact("3"), SubjectRef.contact("5"));
    assertThatThrownBy(() -> golden.verify(changed))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "golden decisions differ for 3 of 5 subjects in " + temp + "\n"
                + "contact:1, decision 2 (DEMO_REQUESTED c1-demo):\n"
                + "  action 2 CREATE_TASK priority: expected MEDIUM but was HIGH\n"
                + "contact:3, decision 1 (DEMO_REQUESTED c3-demo):\n"
                + "  action 2 CREATE_TASK priority: expected MEDIUM but was HIGH\n"
                + "contact:5, decision 1 (DEMO_REQUESTED c5-demo):\n"
                + "  action 2 CREATE_TASK priority: expected MEDIUM but was HIGH\n"
                + "If the change is intended, re-record with -Djourney.golden.record=true and"
                + " review the diff of decisions.jsonl.");
  }

  @Test
  void should_report_missing_and_changed_decisions() throws IOException {
    // given: the shipped playbook against decisions recorded by one that never escalates
    assumeFalse(GoldenDataset.recording(), "recording, not comparing");
    GoldenDataset golden = copyOfDataset();
    golden.record(Replay.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), Playbook.rulesWithoutEscalation())).build());

    // when
    GoldenDiff diff = golden.compare(Replay.builder().definition(Playbook.journey()).build());

    // then
    assertThat(diff.render())
        .contains(
            "contact:3, decision 2 (TIMER_FIRED timer:contact:3:sla:first-touch:1):\n"
                + "  rules fired: expected [] but was [first touch missed]\n"
                + "  actions: expected [] but was [ESCALATE]\n");
  }

  @Test
  void should_record_when_asked_and_then_match() throws IOException {
    // given
    GoldenDataset golden = copyOfDataset();
    Files.delete(golden.decisions());
    Replay replay = Replay.builder().definition(Playbook.journey()).build();

    // when
    golden.record(replay);

    // then
    assertThat(golden.compare(replay).isEmpty()).isTrue();
    assertThat(golden.compare(replay).render())
        .isEqualTo("golden decisions match for 5 subjects in " + temp);
    assertThat(Files.readAllLines(golden.decisions())).isEqualTo(Files.readAllLines(DATASET.resolve("decisions.jsonl")));
  }

  @Test
  void should_say_how_to_record_when_nothing_was_recorded() throws IOException {
    // given
    Files.copy(DATASET.resolve(GoldenDataset.SIGNALS_FILE), temp.resolve(GoldenDataset.SIGNALS_FILE));
    GoldenDataset golden = GoldenDataset.in(temp);

    // when / then
    assertThatThrownBy(() -> golden.compare(Replay.builder().definition(Playbook.journey()).build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "no golden decisions at " + temp.resolve("decisions.jsonl")
                + "; record them once with -Djourney.golden.record=true");
  }

  private GoldenDataset copyOfDataset() throws IOException {
    for (String file : new String[] {GoldenDataset.SIGNALS_FILE, GoldenDataset.DECISIONS_FILE}) {
      Files.copy(DATASET.resolve(file), temp.resolve(file));
    }
    return GoldenDataset.in(temp);
  }
}
