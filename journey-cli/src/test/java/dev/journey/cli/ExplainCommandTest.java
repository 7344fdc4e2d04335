package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code journey explain} on the demo's decision log. */
final class ExplainCommandTest {
  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void should_print_a_handed_off_subjects_timeline_with_rules_actions_and_timers() {
    // given: a contact the demo handed off to sales
    DemoRun demo = DemoRun.get();
    AuditRecord handoff = demo.records().stream()
        .filter(r -> r.outcome() == AuditRecord.Outcome.DECIDED && r.decision().changesState()
            && r.decision().stateAfter().equals("SALES_ENGAGED"))
        .findFirst().orElseThrow();
    SubjectRef subject = handoff.signal().subject();
    List<AuditRecord> own = demo.records().stream().filter(r -> r.signal().subject().equals(subject)).toList();

    // when
    String[] result = run("explain", subject.toString(), "--log", demo.log.toString());

    // then
    assertThat(result[0]).as(result[2]).isEqualTo("0");
    assertThat(result[1]).isEqualTo(ExplainCommand.timeline(subject, own));
    assertThat(result[1]).startsWith(subject + ": " + own.size() + " decision(s)")
        .contains("  state     " + handoff.decision().stateBefore() + " -> SALES_ENGAGED")
        .contains("  rules     " + String.join("; ", handoff.decision().rulesFired()))
        .contains("  action    AssignOwner")
        .contains("  timer     schedule sla:");
  }

  @Test
  void should_say_when_the_log_has_nothing_for_the_subject_or_the_subject_is_malformed() {
    // when
    String[] none = run("explain", "contact:no-such-contact", "--log", DemoRun.get().log.toString());
    String[] bad = run("explain", "nobody", "--log", DemoRun.get().log.toString());

    // then
    assertThat(none[0]).isEqualTo("1");
    assertThat(none[2]).contains("has no decision for contact:no-such-contact");
    assertThat(bad[0]).isEqualTo("2");
    assertThat(bad[2]).contains("'<type>:<id>', e.g. 'contact:123'");
  }
}
