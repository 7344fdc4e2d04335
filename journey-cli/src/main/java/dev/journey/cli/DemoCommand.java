package dev.journey.cli;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.rollout.RolloutPlan;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.testkit.replay.JsonLines;
import java.io.PrintWriter;
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
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code journey demo [--dir DIR] [--out FILE]}: the example lead-handoff journey end to end.
 * Replays {@code docs/examples/lead-handoff/signals.jsonl} through rule set {@code rules/v1}
 * with {@code rules/v2} in shadow, prints the summary, writes the decision log (default {@code
 * target/journey-demo/decisions.jsonl}) and the HTML report next to it ({@code report.html}), and
 * shows how a rollout would split the contacts.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the example lead-handoff journey end to end (rules v1, v2 in shadow) on its signal log.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCode.OK_LINE, ExitCode.PROBLEMS_LINE, ExitCode.USAGE_LINE})
final class DemoCommand implements Callable<Integer> {
  /** The example's directory, relative to the repository root. */
  static final Path EXAMPLE = Path.of("docs", "examples", "lead-handoff");

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "<dir>",
      description = "the example directory (with journey.json); default: docs/examples/lead-handoff, found"
          + " under the working directory or above the CLI's jar")
  Path dir;

  @Option(
      names = "--out",
      paramLabel = "<file>",
      description = "where to write the decision log (JSON lines); default: ${DEFAULT-VALUE}",
      defaultValue = "target/journey-demo/decisions.jsonl")
  Path outFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Path> found = dir != null ? Optional.of(dir) : locate();
    if (found.isEmpty() || !Files.isRegularFile(LeadHandoff.configFile(found.get()))) {
      throw new ParameterException(
          spec.commandLine(),
          "cannot find the example directory " + found.orElse(EXAMPLE) + " (with "
              + LeadHandoff.WIRING + "); run it from the repository root, or pass --dir <dir>");
    }
    Path example = found.get();
    out.println("Journey demo: the lead-handoff example (" + example + ")");
    out.println("signals -> state -> actions: 6 weeks of CRM and web signals for 3,000 contacts run on a virtual");
    out.println("clock through DRL rules, routing, business-hours SLAs and guardrails, in a JourneyRuntime whose");
    out.println("relay executes the actions against the fake HubSpot on loopback. The engine hosts the nurture and");
    out.println("renewal-risk journeys beside lead-handoff, one commit per signal across the three.");
    out.println();
    Optional<ReplayRun> run =
        ReplayCommand.execute(
            example, example.resolve(LeadHandoff.RULES).resolve("v1"),
            Optional.of(example.resolve(LeadHandoff.RULES).resolve("v2")),
            example.resolve("signals.jsonl"), outFile, true, out, err);
    if (run.isEmpty()) {
      return ExitCode.PROBLEMS;
    }
    report(example, run.get()).print(out);
    return ExitCode.OK;
  }

  /** The sections printed after the replay's summary and decision log. */
  DemoReport report(Path example, ReplayRun run) {
    return new DemoReport()
        .section("journeys", out -> run.journeys().ifPresent(j -> out.print(j.section())))
        .section("hubspot", out -> run.hubSpot().ifPresent(out::print))
        .section("html-report", out -> writeReport(example, run, outFile.resolveSibling(DemoMetrics.REPORT), out))
        .section("features", out -> features(example, run, out))
        .section("rollout", out -> rollout(example.resolve("signals.jsonl"), out))
        .section("live-rollout", out -> {
          long started = System.nanoTime();
          DemoRollout.Result live = DemoRollout.run(example);
          DemoRollout.print(live, out, (System.nanoTime() - started) / 1e9);
        })
        .section("next", out -> {
          out.println();
          out.println("Next: read " + example.resolve("README.md") + " for the rules and the wiring, change a rule");
          out.println("under rules/, then: ./journey check <dir>  and  ./journey replay --rules <dir> --signals <file>");
        });
  }

  /** Measures the run with the example's metrics definition and writes the HTML report. */
  private static void writeReport(Path example, ReplayRun run, Path file, PrintWriter out) {
    long started = System.nanoTime();
    dev.journey.core.metrics.Measurements measurements = DemoMetrics.measure(example, run.records());
    DemoMetrics.report(measurements, run.totals().endedAt()).write(file);
    out.printf(
        Locale.ROOT, "Report: %s (self-contained HTML: funnel, time to first touch and to meeting, SLAs, owners,"
            + " reasons; %.1f s)%n", file, (System.nanoTime() - started) / 1e9);
  }

  /** The features line: what the declared features and scores looked like over the run. */
  private static void features(Path example, ReplayRun run, PrintWriter out) {
    dev.journey.core.feature.FeatureSet set =
        dev.journey.config.JourneyConfig.load(LeadHandoff.configFile(example)).features();
    if (!set.isEmpty()) {
      DemoFeatures.of(set, run.records()).print(set, out);
    }
  }

  private static void rollout(Path signals, PrintWriter out) {
    RolloutPlan plan = RolloutPlan.start("lead-handoff", "v1", "v2").next();
    Set<SubjectRef> contacts = new TreeSet<>();
    try (Stream<Signal> log = JsonLines.streamSignals(signals)) {
      log.filter(signal -> signal.subject().type() == dev.journey.core.ObjectType.CONTACT)
          .forEach(signal -> contacts.add(signal.subject()));
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
