package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journey diff} on the first days of the example's signal log. */
final class DiffCommandTest {
  private static final Path RULES = DemoRun.EXAMPLE.resolve("rules");

  @TempDir static Path temp;
  private static Path signals;

  @BeforeAll
  static void a_short_log() throws IOException {
    List<String> lines = Files.readAllLines(DemoRun.EXAMPLE.resolve("signals.jsonl"));
    signals = temp.resolve("signals.jsonl");
    Files.write(signals, lines.subList(0, 2500));
  }

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void should_report_the_decisions_v2_changes_by_kind_cause_and_example_and_exit_1() {
    // when
    String[] result = run("diff", "--rules", RULES.resolve("v1").toString(), "--rules", RULES.resolve("v2").toString(),
        "--signals", signals.toString(), "--examples", "1");

    // then: v2's 2-hour SLA changes the SLA timers of every handoff
    assertThat(result[0]).as(result[2]).isEqualTo("1");
    assertThat(result[1])
        .containsPattern("lead-handoff@v1#\\w+ vs lead-handoff@v2#\\w+: [1-9][0-9,]* of [0-9,]+ decision\\(s\\) differ")
        .contains("By kind\n")
        .containsPattern("\n  timers +[1-9][0-9,]*\n")
        .contains("By cause\n")
        .contains("Examples\n")
        .contains("    timers: lead-handoff@v1#")
        .containsPattern("\nFAIL: [1-9][0-9,]* differing decision\\(s\\), threshold 0\n$");
  }

  @Test
  void should_write_json_with_counts_and_pass_under_a_high_threshold() throws IOException {
    // when
    String[] result = run("diff", "--rules", RULES.resolve("v1").toString(), "--rules", RULES.resolve("v2").toString(),
        "--signals", signals.toString(), "--format", "json", "--threshold", "1000000");

    // then
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    JsonNode doc = new ObjectMapper().readTree(result[1]);
    assertThat(doc.get("base").asText()).startsWith("lead-handoff@v1#");
    assertThat(doc.get("candidate").asText()).startsWith("lead-handoff@v2#");
    assertThat(doc.get("differing").asInt()).isPositive();
    assertThat(doc.get("exceeded").asBoolean()).isFalse();
    assertThat(doc.get("byKind").get("timers").asInt()).isPositive();
    assertThat(doc.get("examples").get(0).get("differences").get(0).asText()).contains(" but lead-handoff@v2#");
  }

  @Test
  void should_find_no_difference_between_a_rule_set_and_itself() {
    // when
    String[] result = run("diff", "--rules", RULES.resolve("v1").toString(), "--rules", RULES.resolve("v1").toString(),
        "--signals", signals.toString());

    // then
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1]).containsPattern("lead-handoff@v1#\\w+ vs lead-handoff@v1#\\w+ \\(candidate\\): 0 of [0-9,]+ decision\\(s\\) differ")
        .endsWith("OK: 0 differing decision(s), threshold 0\n");
  }

  @Test
  void should_ask_for_two_rule_sets_and_a_known_format() {
    // when
    String[] one = run("diff", "--rules", RULES.resolve("v1").toString(), "--signals", signals.toString());
    String[] format = run("diff", "--rules", RULES.resolve("v1").toString(), "--rules", RULES.resolve("v2").toString(),
        "--signals", signals.toString(), "--format", "xml");

    // then
    assertThat(one[0]).isEqualTo("2");
    assertThat(one[2]).contains("--rules must be given twice (the base, then the candidate), but was given 1 time(s)");
    assertThat(format[0]).isEqualTo("2");
    assertThat(format[2]).contains("--format must be one of [text, json], but was 'xml'");
  }
}
