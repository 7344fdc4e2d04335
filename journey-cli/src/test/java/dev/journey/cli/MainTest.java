package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Path resource(String dir) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(MainTest.class.getClassLoader().getResource(dir)).toURI());
  }

  @Test
  void should_print_every_problem_as_file_line_column_and_exit_non_zero() throws Exception {
    // given a directory with a syntax error and a forbidden import
    Path dir = resource("check/bad");
    // when
    int exit = run("check", dir.toString());
    // then
    assertThat(exit).isEqualTo(1);
    assertThat(out().lines())
        .containsExactly(
            dir.resolve("forbidden-import.drl") + ":4:8: import java.io.File is not allowed by the rule"
                + " sandbox (docs/rules.md lists what rules may use)",
            dir.resolve("syntax-error.drl") + ":10:15: this '(' is never closed; Drools noticed at 11:1: [ERR 102]"
                + " Line 11:0 mismatched input 'then' in rule \"broken\"");
    assertThat(err()).isEqualTo("2 problem(s) in " + dir + System.lineSeparator());
  }

  @Test
  void should_refuse_a_directory_holding_several_rule_set_versions_with_one_line() throws Exception {
    // given a journey directory whose rules/ holds v1 and v2
    Path dir = resource("check/journey");
    // when
    int exit = run("check", dir.toString());
    // then
    assertThat(exit).isEqualTo(2);
    assertThat(out()).isEmpty();
    assertThat(err().lines())
        .containsExactly(
            "journey check: " + dir + " holds 2 versions of a rule set (rules/v1, rules/v2): check one"
                + " of them, e.g. journey check " + dir.resolve("rules").resolve("v2"));
  }

  @Test
  void should_check_states_and_owned_properties_against_the_journey_found_above() throws Exception {
    // given rules/v1 under a journey.json whose model has PQL (not PQl) and which gives
    // hubspot_owner_id to another rule set
    Path dir = resource("check/journey/rules/v1");
    Path drl = dir.resolve("10-trial.drl");
    // when
    int exit = run("check", dir.toString());
    // then
    assertThat(exit).isEqualTo(1);
    assertThat(out().lines())
        .containsExactly(
            drl + ":13:25: transitionTo(\"PQl\"): journey 'trial-to-sales' has no state PQl; its states"
                + " are [CUSTOMER, EXPIRED, PQL, TRIAL] (did you mean PQL?)",
            drl + ":15:24: setProperty(\"hubspot_owner_id\"): journey 'trial-to-sales' gives"
                + " hubspot_owner_id to [handoff] only (single writer), not to rule set trial-rules; the"
                + " guardrail would drop this write");
    assertThat(err()).startsWith("2 problem(s) in " + dir + " against journey trial-to-sales (");
  }

  @Test
  void should_reject_a_rule_reading_an_undeclared_feature_with_file_and_line() throws Exception {
    // given rules that read pricing_views_7d (declared) and pricing_views_30d (not declared)
    Path dir = resource("check/features/rules");
    Path drl = dir.resolve("10-scored.drl");
    // when
    int exit = run("check", dir.toString());
    // then
    assertThat(exit).isEqualTo(1);
    assertThat(out().lines())
        .containsExactly(
            drl + ":17:24: feature(\"pricing_views_30d\"): journey 'scored' declares no feature"
                + " pricing_views_30d; its features are [pricing_views_7d]");
    assertThat(err()).startsWith("1 problem(s) in " + dir + " against journey scored (");
  }

  @Test
  void should_reject_reason_codes_the_dispositions_do_not_declare_with_file_line_and_allowed_codes()
      throws Exception {
    // given rules that recycle with declared codes, a typo, a code of another state's exit and an
    // undeclared code, and one code computed at run time (left to the dispositions stage)
    Path dir = resource("check/dispositions/rules");
    Path drl = dir.resolve("10-exits.drl");
    // when
    int exit = run("check", dir.toString());
    // then
    assertThat(exit).as(err()).isEqualTo(1);
    assertThat(out().lines()).as(err())
        .containsExactly(
            drl + ":21:20: recycle(\"LOW_FTI\"): journey 'exits' declares no reason code LOW_FTI leaving"
                + " NURTURE; allowed: LOW_FIT, LOW_INTENT (did you mean LOW_FIT?)",
            drl + ":29:20: recycle(\"NO_BUDGET\"): journey 'exits' declares no reason code NO_BUDGET"
                + " leaving NURTURE; allowed: LOW_FIT, LOW_INTENT",
            drl + ":45:20: recycle(\"HARD_BOUNCE\"): journey 'exits' declares no reason code"
                + " HARD_BOUNCE; allowed: LOW_FIT, LOW_INTENT, NO_BUDGET, NOT_A_FIT");
    assertThat(err()).startsWith("3 problem(s) in " + dir + " against journey exits (");
  }

  @Test
  void should_report_signal_types_and_attributes_the_catalog_does_not_declare() throws Exception {
    // given rules that match a typo'd signal type and read attributes no matching type declares
    Path dir = resource("check/catalog/rules");
    Path drl = dir.resolve("10-renewal.drl");
    // when
    int exit = run("check", dir.toString());
    // then
    assertThat(exit).isEqualTo(1);
    assertThat(out().lines())
        .containsExactly(
            drl + ":10:88: attr(\"plna\"): signal type USAGE_DROPPED of journey 'renewals' declares no"
                + " attribute plna; declared: [plan, usageDropPercent] (did you mean plan?)",
            drl + ":17:30: signalType \"USAGE_DROPED\": journey 'renewals' declares no signal type"
                + " USAGE_DROPED; its signal types are [USAGE_DROPPED, RENEWAL_DUE] (did you mean"
                + " USAGE_DROPPED?)",
            drl + ":24:98: hasAttr(\"seats\"): signal type USAGE_DROPPED or RENEWAL_DUE of journey"
                + " 'renewals' declares no attribute seats; declared: [daysToRenewal, plan,"
                + " usageDropPercent]",
            drl + ":31:41: hasAttr(\"csmId\"): no signal type of journey 'renewals' declares attribute"
                + " csmId; declared: [daysToRenewal, plan, usageDropPercent]");
    assertThat(err()).startsWith("4 problem(s) in " + dir + " against journey renewals (");
  }

  @Test
  void should_pass_the_first_journey_guide_rules_against_their_catalog() {
    // given the rules of docs/first-journey.md, below their journey.json
    Path dir = Path.of("..", "docs", "journey", "rules");
    // when
    int exit = run("check", dir.toString());
    // then
    assertThat(exit).as(out() + err()).isZero();
    assertThat(out()).contains("OK: states, owned properties and signals agree with");
  }

  @Test
  void should_print_a_one_line_summary_and_exit_zero_when_clean() throws Exception {
    // given
    Path dir = resource("check/good");
    // when
    int exit = run("check", dir.toString());
    // then
    assertThat(exit).isZero();
    assertThat(out().lines())
        .singleElement()
        .asString()
        .matches("OK: 9 rule\\(s\\) in 1 file\\(s\\) under .* compiled \\(classic\\) in \\d+ ms");
    assertThat(err()).isEmpty();
  }

  @Test
  void should_reject_usage_errors_with_exit_2(@TempDir Path empty) throws IOException {
    // when / then
    assertThat(run()).isEqualTo(2);
    assertThat(err()).contains("journey: a command is required").contains("Usage: journey").contains("check");
    assertThat(run("nope")).isEqualTo(2);
    assertThat(err()).contains("Unmatched argument at index 0: 'nope'");
    assertThat(run("check")).isEqualTo(2);
    assertThat(err()).contains("Missing required parameter: '<dir>'");
    assertThat(run("check", empty.toString())).isEqualTo(2);
    assertThat(err()).contains("no .drl files under " + empty);
    Files.writeString(empty.resolve("x.txt"), "x");
    assertThat(run("check", empty.resolve("x.txt").toString())).isEqualTo(2);
    assertThat(err()).contains("is not a directory");
    assertThat(run("check", "--bogus", empty.toString())).isEqualTo(2);
    assertThat(err()).contains("Unknown option: '--bogus'");
    assertThat(run("help")).isZero();
    assertThat(out()).contains("check").contains("demo").contains("replay").contains("serve").contains("generate-completion");
  }

  @Test
  void should_show_help_with_options_and_exit_codes_for_every_command() {
    for (String command : new String[] {"check", "demo", "deploy", "replay", "serve"}) {
      // given
      out.reset();

      // when
      int exit = run(command, "--help");

      // then
      assertThat(exit).as(command).isZero();
      assertThat(out()).as(command).contains("Usage: journey " + command).contains("--help").contains("Exit codes:");
    }
    out.reset();
    assertThat(run("replay", "--help")).isZero();
    assertThat(out()).contains("--rules=<dir>").contains("--signals=<file>").contains("--shadow=<dir>");
  }

  @Test
  void should_print_a_completion_script_for_bash_and_zsh() {
    // when
    int exit = run("generate-completion");

    // then
    assertThat(exit).isZero();
    assertThat(out()).contains("complete -F").contains("_picocli_journey").contains("replay").contains("--signals");
  }
}
