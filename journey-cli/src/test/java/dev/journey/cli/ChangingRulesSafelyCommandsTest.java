package dev.journey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code ./journey deploy} line of docs/operations.md, "Changing rules safely", against
 * a fresh SQLite store: the commands in the guide are the commands that work.
 */
final class ChangingRulesSafelyCommandsTest {
  private static final Path ROOT = Path.of("..");
  private static final Path GUIDE = ROOT.resolve("docs").resolve("operations.md");

  @TempDir Path temp;

  /** The shell lines of the fence after {@code <!-- commands: changing-rules-safely -->}, then of the next sh fence. */
  private static List<List<String>> blocks() throws IOException {
    List<String> lines = Files.readAllLines(GUIDE, StandardCharsets.UTF_8);
    int marker = lines.indexOf("<!-- commands: changing-rules-safely -->");
    assertThat(marker).as("the commands marker in " + GUIDE).isNotNegative();
    List<List<String>> blocks = new ArrayList<>();
    List<String> block = null;
    for (int i = marker + 1; i < lines.size() && blocks.size() < 2; i++) {
      String line = lines.get(i);
      if (block == null && line.equals("```sh")) {
        block = new ArrayList<>();
      } else if (block != null && line.equals("```")) {
        blocks.add(block);
        block = null;
      } else if (block != null && line.startsWith("./journey ")) {
        block.add(line);
      }
    }
    return blocks;
  }

  /** Splits a shell line on spaces, keeping double-quoted words whole. */
  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ' ' && !quoted) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }

  private String[] run(String line, Path store) {
    List<String> args = new ArrayList<>();
    for (String w : words(line).subList(1, words(line).size())) {
      if (w.equals("sqlite:journey.db")) {
        args.add("sqlite:" + store);
      } else if (w.startsWith("docs/")) {
        args.add(ROOT.resolve(w).toString());
      } else {
        args.add(w);
      }
    }
    args.add("--who");
    args.add("docs");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void should_run_every_deploy_command_of_the_guide_from_register_to_promote() throws IOException {
    // given the guide's commands
    List<String> deploy = blocks().get(0).stream().filter(l -> l.startsWith("./journey deploy ")).toList();
    Path store = temp.resolve("journey.db");
    assertThat(deploy).hasSizeGreaterThanOrEqualTo(9);
    // when / then each succeeds, in order
    String status = "";
    for (String line : deploy) {
      String[] result = run(line, store);
      assertThat(result[0]).as(line + "\n" + result[1] + result[2]).isEqualTo("0");
      if (line.contains(" status ")) {
        status = result[1];
      }
    }
    assertThat(status).contains("candidate v2 at 5% of region in [EMEA] and segment in [mid-market]")
        .containsPattern("v2 +candidate +5% +0 ");
    String[] end = run("./journey deploy status --store sqlite:journey.db --journey lead-handoff", store);
    assertThat(end[1]).startsWith("lead-handoff r9: live v2 (RUNNING)");
  }

  @Test
  void should_roll_back_with_the_guide_command_after_the_first_step() throws IOException {
    // given the guide's commands up to the first step
    List<List<String>> blocks = blocks();
    Path store = temp.resolve("journey.db");
    for (String line : blocks.get(0)) {
      if (!line.startsWith("./journey deploy ")) {
        continue;
      }
      assertThat(run(line, store)[0]).as(line).isEqualTo("0");
      if (line.contains(" step ")) {
        break;
      }
    }
    // when
    String[] rollback = run(blocks.get(1).get(0), store);
    // then
    assertThat(rollback[0]).as(rollback[1] + rollback[2]).isEqualTo("0");
    assertThat(rollback[1]).startsWith("rollback v2 at 25% (MIGRATE_PINNED) -> lead-handoff r6: live v1, migrating [v2]");
  }
}
