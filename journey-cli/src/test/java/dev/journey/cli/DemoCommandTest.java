package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code journey demo} once, in-process, and checks its summary against its decision log. */
final class DemoCommandTest {
  static final Path EXAMPLE = DemoRun.EXAMPLE;

  @TempDir static Path tmp;

  private static Path log;
  private static int exit;
  private static String out;
  private static String err;

  @BeforeAll
  static void run_the_demo() {
    DemoRun run = DemoRun.get();
    log = run.log;
    exit = run.exit;
    out = run.out;
    err = run.err;
  }

  @Test
  void should_print_exactly_the_figures_recomputed_from_the_decision_log_it_wrote() {
    // given
    assertThat(exit).as(err).isZero();
    List<AuditRecord> records = DemoRun.get().records();

    // when
    DemoFigures recomputed = DemoFigures.fromLog(records);

    // then
    assertThat(out).contains(Report.figures(recomputed));
    assertThat(out).contains(String.format("Decision log: %s (%,d audit records, JSON lines)", log, records.size()));
  }

  @Test
  void should_show_the_whole_operating_model_at_work() {
    // given
    DemoFigures f = DemoFigures.fromLog(DemoRun.get().records());

    // then: handoffs routed to owners, SLAs met and breached, escalations, suppressions, recycles
    assertThat(f.metrics().transitions()).containsKey("NURTURE -> SALES_ENGAGED");
    assertThat(f.metrics().owners().keySet()).anyMatch(o -> o.startsWith("owner-na-"));
    assertThat(f.slas()).containsKeys("first-touch-na", "first-touch-emea", "first-touch-apac");
    assertThat(f.slas().values()).allMatch(s -> s.started() > 0 && s.met() > 0 && s.breached() > 0);
    assertThat(f.metrics().actions()).containsKeys("ESCALATE", "SUPPRESS_OUTREACH", "RESUME_OUTREACH");
    assertThat(f.metrics().recycles()).containsKeys("LOW_INTENT", "LOW_FIT", "NO_ACTIVITY", "CHOSE_COMPETITOR");
    assertThat(f.states().get("contact"))
        .containsKeys(JourneyModel.CUSTOMER, JourneyModel.RENEWAL_RISK, JourneyModel.RECYCLED, JourneyModel.OPPORTUNITY_ACTIVE);
    assertThat(f.metrics().bySegment()).containsKeys("SMB", "MID_MARKET", "ENTERPRISE");
    // all but two of the 31 v1 rules fire on the shipped log
    assertThat(f.metrics().rulesFired()).hasSizeGreaterThanOrEqualTo(29);
  }

  @Test
  void should_run_through_the_runtime_and_show_what_the_fake_hubspot_received() {
    // then: the relay executed every action against the fake HubSpot: nothing left in the outbox
    assertThat(out).contains("; 0 actions left in the outbox, 0 timers pending;");
    assertThat(out).contains("What HubSpot received (the runtime's relay against the fake HubSpot on http://127.0.0.1:")
        .containsPattern("contacts with an owner \\(hubspot_owner_id written\\) +[1-9][0-9,]*\n")
        .containsPattern("tasks created +[1-9][0-9,]*\n")
        .containsPattern("sequence enrollments +[1-9][0-9,]*\n")
        .containsPattern("PUT /crm/v3/lists/\\{id\\}/memberships/add ok +[1-9]")
        .containsPattern("actions still in the outbox +0\n");
    assertThat(err).contains("through the runtime, its relay against the fake HubSpot");
  }

  @Test
  void should_host_three_journeys_and_print_their_figures_and_what_the_central_suppression_prevented() {
    // then: one line per journey, in priority order, each with decisions and actions
    assertThat(out).contains("Journeys (one engine, one commit per signal across them)");
    assertThat(out)
        .containsPattern("\n  lead-handoff +100 +[1-9][0-9,]* +[1-9][0-9,]* +0 +0\n")
        .containsPattern("\n  renewal-risk +50 +[1-9][0-9,]* +[1-9][0-9,]* +[0-9,]+ +0\n")
        .containsPattern("\n  nurture +10 +[1-9][0-9,]* +[1-9][0-9,]* +[1-9][0-9,]* +[0-9,]+\n")
        .containsPattern("outreach actions the central suppression prevented +[0-9,]+\n");
    String section = out.substring(out.indexOf("Journeys (one engine"));
    assertThat(section.indexOf("  lead-handoff ")).isLessThan(section.indexOf("  renewal-risk "));
    assertThat(section.indexOf("  renewal-risk ")).isLessThan(section.indexOf("  nurture "));
    // and the decision log, figures and report stay the lead-handoff journey's
    assertThat(DemoRun.get().records()).allMatch(r -> r.journey().equals(java.util.Optional.of("lead-handoff")));
  }

  @Test
  void should_compare_v2_in_shadow_and_show_a_rollout() {
    // given
    DemoFigures f = DemoFigures.fromLog(DemoRun.get().records());

    // then
    assertThat(f.shadow().candidate()).startsWith("lead-handoff@v2");
    assertThat(f.shadow().compared()).isEqualTo(f.metrics().decisions());
    assertThat(f.shadow().differing()).isPositive().isLessThan(f.shadow().compared());
    assertThat(f.shadow().byRule()).containsKeys("demo request qualifies", "pricing engagement qualifies");
    assertThat(out).contains("Rollout: lead-handoff: v1 -> v2 at 10%");
  }

  @Test
  void should_print_the_features_line_recomputed_from_the_decision_log() {
    // given
    dev.journey.core.feature.FeatureSet set =
        dev.journey.config.JourneyConfig.load(EXAMPLE.resolve("journey.json")).features();
    DemoFeatures f = DemoFeatures.of(set, DemoRun.get().records());
    java.io.StringWriter text = new java.io.StringWriter();
    // when
    f.print(set, new java.io.PrintWriter(text, true));
    // then: the logistic score of features v2 in every decision, a drift per score
    assertThat(out).contains(text.toString().strip());
    assertThat(f.scores()).containsKeys("lead_score v1", "lead_odds v2");
    assertThat(f.segments().get("sales_ready v2")).isPositive().isLessThan(f.contacts());
    assertThat(f.drift()).extracting(dev.journey.core.feature.ScoreDrift.Drift::score)
        .containsExactly("lead_score", "lead_odds");
    assertThat(f.drift()).allSatisfy(d -> assertThat(d.currentStart()).isAfter(d.referenceStart()));
  }

  @Test
  void should_run_a_live_rollout_in_which_no_contact_changes_version() {
    // when: the demo's live rollout (10% -> 50% -> rolled back for new entries) has run
    String live = out.substring(out.indexOf("Live rollout ("));

    // then: cohorts after each change, v2's grows while it takes entries, and nobody flipped
    assertThat(live).contains(": live v1 (RUNNING)").contains("subjects that changed version mid-journey: 0;");
    assertThat(live).contains("guardrails, v2's cohort against v1's").contains("    sla breach rate ")
        .contains("    meeting rate ");
    java.util.regex.Matcher rows = java.util.regex.Pattern
        .compile("^  (10% of entries|50% of entries|end)[^\n]*? +([0-9,]+) +([0-9,]+)$", java.util.regex.Pattern.MULTILINE)
        .matcher(live);
    List<Long> onV2 = new java.util.ArrayList<>();
    while (rows.find()) {
      onV2.add(Long.parseLong(rows.group(3).replace(",", "")));
    }
    assertThat(onV2).hasSize(3);
    assertThat(onV2.get(0)).isPositive();
    assertThat(onV2.get(1)).isGreaterThan(onV2.get(0));
    assertThat(onV2.get(2)).isGreaterThanOrEqualTo(onV2.get(1));
  }

  @Test
  void should_show_progress_on_stderr_and_report_its_wall_clock_time() {
    // then: the time is reported, not asserted (a timed unit test fails on a busy machine; the
    // demo's speed is measured in docs/benchmarks.md)
    assertThat(err).contains("replaying: 100% of").contains("replayed ");
    assertThat(out.lines().filter(l -> l.startsWith("virtual time ")).findFirst().orElseThrow())
        .matches(".*; [0-9.]+ s$");
  }

  @Test
  void should_pass_the_check_of_the_v1_rules() {
    // given
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    // when
    int code =
        Main.run(
            new String[] {"check", EXAMPLE.resolve("rules/v1").toString()},
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    // then
    assertThat(code).isZero();
    assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("OK: 31 rule(s) in 5 file(s)");
  }

  @Test
  void should_replay_any_log_with_the_wiring_found_above_the_rules() throws IOException {
    // given: the first 500 lines of the shipped log
    Path signals = tmp.resolve("first-500.jsonl");
    Files.write(signals, Files.readAllLines(EXAMPLE.resolve("signals.jsonl")).stream().limit(500).collect(Collectors.toList()));
    Path decisions = tmp.resolve("replay.jsonl");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    // when
    int code =
        Main.run(
            new String[] {"replay", "--rules", EXAMPLE.resolve("rules/v2").toString(), "--signals", signals.toString(),
                "--out", decisions.toString()},
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    // then
    assertThat(code).isZero();
    List<AuditRecord> records = ReplayRun.read(decisions);
    assertThat(records).isNotEmpty().allMatch(r -> r.decision().ruleSet().version().equals("v2"));
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains(Report.figures(DemoFigures.fromLog(records)));
  }

  @Test
  void should_explain_missing_arguments_and_a_missing_example() {
    // given
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    PrintStream outStream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    // when
    int replay = Main.run(new String[] {"replay", "--rules", "x"}, outStream, errStream);
    int demo = Main.run(new String[] {"demo", "--dir", tmp.resolve("nowhere").toString()}, outStream, errStream);

    // then
    assertThat(replay).isEqualTo(ExitCode.USAGE);
    assertThat(demo).isEqualTo(ExitCode.USAGE);
    assertThat(stderr.toString(StandardCharsets.UTF_8))
        .contains("Missing required option: '--signals=<file>'")
        .contains("cannot find the example directory " + tmp.resolve("nowhere"));
  }
}
