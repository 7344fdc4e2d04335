package dev.journey.cli;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.rollout.RolloutPlan;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.testkit.replay.JsonLines;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code journey demo [--dir DIR] [--out FILE]}: the example lead-handoff journey end to end.
 * Replays {@code docs/examples/lead-handoff/signals.jsonl} through rule set {@code rules/v1}
 * with {@code rules/v2} in shadow, prints the summary, writes the decision log (default {@code
 * target/journey-demo/decisions.jsonl}) and shows how a rollout would split the contacts.
 */
final class DemoCommand implements Command {
  /** The example's directory, relative to the repository root. */
  static final Path EXAMPLE = Path.of("docs", "examples", "lead-handoff");

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String usage() {
    return "demo [--dir <dir>] [--out <file>]";
  }

  @Override
  public String summary() {
    return "run the example lead-handoff journey end to end (rules v1, v2 in shadow) on its signal log";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Map<String, String> options = ReplayCommand.options(args, Set.of("--dir", "--out"), err);
    if (options == null) {
      return USAGE;
    }
    Optional<Path> dir = options.containsKey("--dir") ? Optional.of(Path.of(options.get("--dir"))) : locate();
    if (dir.isEmpty() || !Files.isRegularFile(dir.get().resolve(LeadHandoff.WIRING))) {
      err.println(
          "journey demo: cannot find the example directory " + dir.orElse(EXAMPLE) + " (with "
              + LeadHandoff.WIRING + "); run it from the repository root, or pass --dir <dir>");
      return USAGE;
    }
    Path example = dir.get();
    Path outFile = Path.of(options.getOrDefault("--out", ReplayCommand.DEFAULT_OUT.toString()));
    out.println("Journey demo: the lead-handoff example (" + example + ")");
    out.println("signals -> state -> actions: 6 weeks of CRM and web signals for 3,000 contacts replayed on a");
    out.println("virtual clock through DRL rules, routing, business-hours SLAs and guardrails.");
    out.println();
    Optional<ReplayRun> run =
        ReplayCommand.execute(
            example, example.resolve(LeadHandoff.RULES).resolve("v1"),
            Optional.of(example.resolve(LeadHandoff.RULES).resolve("v2")),
            example.resolve("signals.jsonl"), outFile, out, err);
    if (run.isEmpty()) {
      return PROBLEMS;
    }
    rollout(example.resolve("signals.jsonl"), out);
    out.println();
    out.println("Next: read " + example.resolve("README.md") + " for the rules and the wiring, change a rule");
    out.println("under rules/, then: ./journey check <dir>  and  ./journey replay --rules <dir> --signals <file>");
    return OK;
  }

  private static void rollout(Path signals, PrintStream out) {
    RolloutPlan plan = RolloutPlan.start("lead-handoff", "v1", "v2").next();
    Set<SubjectRef> contacts = new TreeSet<>();
    for (Signal signal : JsonLines.readSignals(signals)) {
      if (signal.subject().type() == dev.journey.core.ObjectType.CONTACT) {
        contacts.add(signal.subject());
      }
    }
    Map<String, Integer> byVersion = new TreeMap<>();
    List<String> examples = new ArrayList<>();
    for (SubjectRef contact : contacts) {
      String version = plan.versionFor(contact);
      byVersion.merge(version, 1, Integer::sum);
      if (examples.size() < 4) {
        examples.add(String.format(Locale.ROOT, "  %-16s bucket %4d -> %s", contact, plan.bucket(contact), version));
      }
    }
    out.println();
    out.printf(Locale.ROOT, "Rollout: %s (v2 to %d%% of subjects, by a stable hash bucket 0..9999)%n", plan, plan.percent());
    examples.forEach(out::println);
    byVersion.forEach((version, n) -> out.printf(Locale.ROOT, "  contacts on %-4s %,6d%n", version, n));
    out.println("  next steps: 1% -> 10% -> 50% -> 100%, rollback() at any step; a subject's bucket never changes");
  }

  /** The example directory: under the working directory, else next to the CLI's jar. */
  static Optional<Path> locate() {
    if (Files.isDirectory(EXAMPLE)) {
      return Optional.of(EXAMPLE);
    }
    try {
      CodeSource source = DemoCommand.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path jar = Path.of(source.getLocation().toURI()).toAbsolutePath();
        for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
          if (Files.isDirectory(dir.resolve(EXAMPLE))) {
            return Optional.of(dir.resolve(EXAMPLE));
          }
        }
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
