package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
