package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.jdbc.JdbcJourneyStore;
import dev.journey.jdbc.JdbcPool;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.replay.JsonLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code journey deploy} against a SQLite store. */
final class DeployCommandTest {
  @TempDir Path temp;

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  private String[] deploy(String change, String... args) {
    String[] all = new String[args.length + 6];
    all[0] = "deploy";
    all[1] = change;
    all[2] = "--store";
    all[3] = "sqlite:" + temp.resolve("journey.db");
    all[4] = "--journey";
    all[5] = "lead-handoff";
    System.arraycopy(args, 0, all, 6, args.length);
    return run(all);
  }

  @Test
  void should_register_roll_out_and_promote_a_version_with_its_history() throws Exception {
    // given two rule-set sources
    Path v1 = Files.writeString(temp.resolve("v1.drl"), "rule one");
    Path v2 = Files.writeString(temp.resolve("v2.drl"), "rule two");
    // when
    String[] first = deploy("register", "--version", "1", "--source", v1.toString(), "--who", "ana", "--why", "initial");
    deploy("register", "--version", "2", "--source", v2.toString(), "--who", "ana");
    deploy("shadow", "--version", "2", "--who", "ana");
    String[] started = deploy("start", "--version", "2", "--steps", "10,100", "--pilot", "region=EMEA|APAC", "--who", "bo");
    String[] refused = deploy("promote", "--who", "bo");
    deploy("step", "--who", "guard", "--why", "n=500, no regression");
    String[] promoted = deploy("promote", "--who", "bo");
    String[] status = deploy("status");
    // then
    assertThat(first[0]).as(first[1] + first[2]).isEqualTo("0");
    assertThat(first[1]).isEqualTo("register 1 (live) -> lead-handoff r1: live 1 (RUNNING)\n");
    assertThat(started[1]).isEqualTo("start 2 at 10% of [10, 100], pilot region in [APAC, EMEA]"
        + " -> lead-handoff r4: live 1, candidate 2 at 10% of region in [APAC, EMEA] (RUNNING)\n");
    assertThat(refused[0]).isEqualTo("1");
    assertThat(refused[2]).contains("cannot promote the deployment of 'lead-handoff': candidate '2' is at 10%");
    assertThat(promoted[0]).isEqualTo("0");
    assertThat(status[1])
        .startsWith("lead-handoff r6: live 2 (RUNNING)\n")
        .containsPattern("1 +registered +0% +0  [0-9a-f]{12}\n")
        .containsPattern("2 +live +100% +0  [0-9a-f]{12}\n")
        .contains("r5    ")
        .contains("step     2 10% -> 100% by guard: n=500, no regression")
        .contains("promote  1 -> 2 by bo");
  }

  @Test
  void should_refuse_a_memory_store_and_a_bad_pilot_with_a_clear_message() {
    // when
    String[] memory = run("deploy", "status", "--store", "memory", "--journey", "x");
    deploy("register", "--version", "1", "--who", "ana");
    deploy("register", "--version", "2", "--who", "ana");
    String[] pilot = deploy("start", "--version", "2", "--pilot", "region");
    String[] mode = deploy("rollback", "--mode", "sideways");
    // then
    assertThat(memory[0]).isEqualTo("1");
    assertThat(memory[2]).contains("--store must be a durable store");
    assertThat(pilot[0]).isEqualTo("1");
    assertThat(pilot[2]).contains("pilot must be attribute=value[|value...] (e.g. region=EMEA|APAC), but was 'region'");
    assertThat(mode[2]).contains("mode must be new-entries or migrate-pinned, but was 'sideways'");
  }

  @Test
  void should_show_each_versions_guardrail_figures_with_intervals_from_the_stores_audit_trail() {
    // given: a SQLite store whose subjects were decided, half on v1 and half on v2 of the example
    Path file = temp.resolve("journey.db");
    List<Signal> signals = JsonLines.readSignals(DemoRun.EXAMPLE.resolve("signals.jsonl")).subList(0, 60);
    Wiring wiring = Wiring.load(DemoRun.EXAMPLE);
    Set<Object> onV1 = new HashSet<>();
    Set<Object> onV2 = new HashSet<>();
    int decided;
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults(); JdbcPool pool = JdbcPool.sqliteFile(file)) {
      VirtualClock clock = VirtualClock.at(signals.get(0).occurredAt());
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).build();
      JourneyDefinition v1 = wiring.definition(registry, wiring.rules("v1"), Optional.empty());
      JourneyDefinition v2 = wiring.definition(registry, wiring.rules("v2"), Optional.empty());
      JourneyEngine e1 = JourneyEngine.builder().definition(v1).store(store).clock(clock).build();
      JourneyEngine e2 = JourneyEngine.builder().definition(v2).store(store).clock(clock).build();
      for (Signal signal : signals) {
        clock.set(signal.occurredAt());
        boolean first = Math.floorMod(signal.subject().hashCode(), 2) == 0;
        (first ? onV1 : onV2).add(signal.subject());
        (first ? e1 : e2).accept(signal);
      }
      decided = store.auditAll(1_000).size();
    }
    deploy("register", "--version", "v1", "--who", "ana");
    deploy("register", "--version", "v2", "--who", "ana");

    // when
    String[] status = deploy("status");
    String[] limited = deploy("status", "--audit-limit", "10");
    String[] bad = deploy("status", "--audit-limit", "0");

    // then
    assertThat(status[0]).as(status[1] + status[2]).isEqualTo("0");
    assertThat(onV1).hasSizeGreaterThan(3);
    assertThat(onV2).hasSizeGreaterThan(3);
    String figure = " +n=(\\d+) +(\\d\\.\\d{4}) \\[(\\d\\.\\d{4}), (\\d\\.\\d{4})\\]\n";
    for (var version : List.of(List.of("v1", "live", onV1.size()), List.of("v2", "registered", onV2.size()))) {
      Matcher m = Pattern.compile(version.get(0) + " +" + version.get(1) + " +\\d+% +\\d+  -\n"
          + "    rejected decisions" + figure + "    dropped actions" + figure
          + "    dead letters" + figure + "    sla breach rate +n=\\d+ .*\n").matcher(status[1]);
      assertThat(m.find()).as(status[1]).isTrue();
      assertThat(Integer.parseInt(m.group(1))).as("subjects decided on " + version.get(0)).isEqualTo(version.get(2));
      for (int g = 1; g <= 3 * 4; g += 4) {
        double estimate = Double.parseDouble(m.group(g + 1));
        assertThat(Double.parseDouble(m.group(g + 2))).isLessThanOrEqualTo(estimate);
        assertThat(Double.parseDouble(m.group(g + 3))).isGreaterThanOrEqualTo(estimate)
            .isGreaterThan(Double.parseDouble(m.group(g + 2)));
      }
    }
    assertThat(status[1]).contains("guardrails: from " + decided + " audited decision(s) and the dead letters;")
        .doesNotContain("stopped at its limit");
    assertThat(limited[1]).contains("guardrails: from 10 audited decision(s)")
        .contains("the audit read stopped at its limit of 10 decisions (--audit-limit): the figures cover the oldest 10 only");
    assertThat(bad[0]).isEqualTo("1");
    assertThat(bad[2]).contains("--audit-limit must be between 1 and 100,000,000 decisions, but was 0");
  }
}
