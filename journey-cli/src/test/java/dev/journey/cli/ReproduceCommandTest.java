package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.StageInputs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journey reproduce} on the demo's decision log. */
final class ReproduceCommandTest {
  @TempDir Path temp;

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  private static String[] inDemo(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--wiring", DemoRun.EXAMPLE.toString()));
    return run(all.toArray(new String[0]));
  }

  @Test
  void should_reproduce_every_decision_of_the_demo_bit_for_bit() {
    // given
    DemoRun demo = DemoRun.get();

    // when
    String[] result = inDemo("reproduce", "--all", "--log", demo.log.toString());

    // then
    assertThat(result[0]).as(result[1] + result[2]).isEqualTo("0");
    assertThat(demo.records()).hasSizeGreaterThan(15_000);
    assertThat(result[1])
        .contains(String.format(java.util.Locale.ROOT, "Reproducing %,d decision(s) from", demo.records().size()))
        .containsPattern("with rules \\S+/rules/v1 \\(shadow \\S+/rules/v2\\) and wiring \\S+/journey\\.json\n")
        .endsWith(String.format(java.util.Locale.ROOT, "reproduced: all %,d decision(s) equal their audit records%n",
            demo.records().size()));
  }

  @Test
  void should_list_each_decision_of_a_subject_as_reproduced() {
    // given: a contact routed to an owner
    DemoRun demo = DemoRun.get();
    AuditRecord routed = demo.records().stream()
        .filter(r -> r.inputs().facts().keySet().stream().anyMatch(k -> k.startsWith("owner.")))
        .findFirst().orElseThrow();
    String subject = routed.signal().subject().toString();
    long own = demo.records().stream().filter(r -> r.signal().subject().toString().equals(subject)).count();

    // when
    String[] result = inDemo("reproduce", subject, "--log", demo.log.toString());

    // then
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1].lines().filter(l -> l.endsWith("  reproduced")).count()).isEqualTo(own);
    assertThat(result[1]).contains(" " + routed.signal().id() + "  reproduced");
  }

  @Test
  void should_show_the_perturbed_stage_input_and_exit_1() {
    // given: the log with one routed decision's recorded owner availability changed
    DemoRun demo = DemoRun.get();
    List<AuditRecord> records = new ArrayList<>(demo.records());
    int index = 0;
    while (records.get(index).inputs().facts().keySet().stream().noneMatch(k -> k.startsWith("owner."))) {
      index++;
    }
    AuditRecord routed = records.get(index);
    Map<String, String> facts = new TreeMap<>(routed.inputs().facts());
    String owner = facts.keySet().stream().filter(k -> k.startsWith("owner.")).findFirst().orElseThrow();
    String seen = facts.put(owner, "out of office");
    records.set(index, routed.withInputs(new StageInputs(routed.inputs().shared(), facts)));
    Path log = temp.resolve("perturbed.jsonl");
    ReplayRun.write(log, records);

    // when
    String[] result = inDemo("reproduce", routed.signal().id(), "--log", log.toString());

    // then
    assertThat(result[0]).isEqualTo("1");
    assertThat(result[1])
        .contains(routed.signal().id() + "  DIFFERS")
        .contains("      stage input " + owner + ": recorded out of office but now " + seen)
        .contains("not reproduced: 1 of 1 decision(s) differ; first difference: stage input " + owner);
  }

  @Test
  void should_ask_for_a_target_or_all_and_say_when_nothing_matches() {
    // when
    String[] neither = inDemo("reproduce", "--log", DemoRun.get().log.toString());
    String[] none = inDemo("reproduce", "contact:no-such-contact", "--log", DemoRun.get().log.toString());

    // then
    assertThat(neither[0]).isEqualTo("2");
    assertThat(neither[2]).contains("give either a subject or decision id, or --all");
    assertThat(none[0]).isEqualTo("1");
    assertThat(none[2]).contains("has no decision of or with id contact:no-such-contact");
  }
}
