package dev.journey.cli;

import dev.journey.core.JourneyException;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.spi.AuditRecord;
import dev.journey.drools.RuleCompilationException;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.Reproduction;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code journey reproduce <subject|decision-id> [--log FILE] [--wiring DIR|FILE] [--rules DIR]
 * [--shadow DIR]} (or {@code --all}): recomputes recorded decisions from their audit records alone
 * — the snapshot, signal, instant and stage inputs each record holds — with the rule set and
 * wiring given, and says for each that it was reproduced (the recomputed record equals the
 * recorded one in every field) or shows its first differences.
 *
 * <p>Defaults fit {@code ./journey demo}: the log it wrote, the example's wiring, the rule-set
 * directory named by the version that decided ({@code rules/<version>} next to the wiring), and
 * the shadow candidate the records name.
 */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = "Recompute recorded decisions from their audit records and prove them equal, or show the first difference.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every decision was reproduced", "1:a decision differs, or none was found", ExitCode.USAGE_LINE})
final class ReproduceCommand implements Callable<Integer> {
  /** How many differing decisions are shown in full. */
  static final int SHOWN = 10;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<subject|decision-id>",
      description = "a subject (<type>:<id>, e.g. contact:1001651): all its decisions; or a decision's signal id")
  String target;

  @Option(names = "--all", description = "reproduce every decision of the log")
  boolean all;

  @Option(
      names = "--log",
      paramLabel = "<file>",
      description = "the decision log (default: ${DEFAULT-VALUE})",
      defaultValue = "target/journey-demo/decisions.jsonl")
  Path log;

  @Option(
      names = "--wiring",
      paramLabel = "<dir|file>",
      description = "the journey configuration (a journey.json, or its directory); default: the example's")
  Path wiring;

  @Option(
      names = "--rules",
      paramLabel = "<dir>",
      description = "the rule set that decided; default: rules/<the recorded version> next to the wiring")
  Path rules;

  @Option(
      names = "--shadow",
      paramLabel = "<dir>",
      description = "the candidate that ran in shadow; default: rules/<the version the records name>, if any")
  Path shadow;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (all == (target != null)) {
      throw new ParameterException(
          spec.commandLine(), "give either a subject or decision id, or --all (exactly one of them)");
    }
    if (!Files.isRegularFile(log)) {
      throw new ParameterException(
          spec.commandLine(), "--log must be a decision log (JSON lines), but " + log + " is not a file; run ./journey demo first");
    }
    Optional<Path> wiringPath = wiring != null ? Optional.of(wiring) : DemoCommand.locate();
    if (wiringPath.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "cannot find the example's wiring; pass --wiring <dir|file>");
    }
    List<AuditRecord> records;
    try {
      records = select(ReplayRun.read(log));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("journey reproduce: " + e.getMessage());
      return ExitCode.PROBLEMS;
    }
    if (records.isEmpty()) {
      err.println("journey reproduce: " + log + " has no decision " + (all ? "at all" : "of or with id " + target));
      return ExitCode.PROBLEMS;
    }
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      Wiring w = Wiring.load(wiringPath.get());
      Optional<RuleSetRef> decided = Wiring.decidingRuleSet(records);
      Path rulesDir = rules != null ? rules : w.rules(decided.map(RuleSetRef::version).orElse("v1"));
      Optional<Path> shadowDir =
          shadow != null ? Optional.of(shadow) : Wiring.shadowVersion(records).map(w::rules);
      JourneyDefinition definition = w.definition(registry, rulesDir, shadowDir);
      out.printf(
          Locale.ROOT, "Reproducing %,d decision(s)%s from %s%nwith rules %s%s and wiring %s%n",
          records.size(), all ? "" : " of " + target, log, rulesDir,
          shadowDir.map(s -> " (shadow " + s + ")").orElse(""), w.dir().resolve(dev.journey.examples.leadhandoff.LeadHandoff.WIRING));
      List<Reproduction> results = Replay.builder().definition(definition).build().reproduce(records);
      out.print(render(results, !all));
      return results.stream().allMatch(Reproduction::reproduced) ? ExitCode.OK : ExitCode.PROBLEMS;
    } catch (RuleCompilationException e) {
      err.println("journey reproduce: the rule set does not compile: " + e.getMessage());
      return ExitCode.PROBLEMS;
    } catch (JourneyException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("journey reproduce: " + e.getMessage());
      return ExitCode.PROBLEMS;
    }
  }

  /** The records asked for: all, those with the decision id, else those of the subject. */
  private List<AuditRecord> select(List<AuditRecord> log) {
    if (all) {
      return log;
    }
    List<AuditRecord> byId = log.stream().filter(r -> r.signal().id().equals(target)).toList();
    if (!byId.isEmpty()) {
      return byId;
    }
    SubjectRef subject;
    try {
      subject = SubjectRef.parse(target);
    } catch (JourneyException e) {
      return List.of();
    }
    return log.stream().filter(r -> r.signal().subject().equals(subject)).toList();
  }

  /** Each decision (or only the differing ones), then the verdict. */
  static String render(List<Reproduction> results, boolean each) {
    StringBuilder out = new StringBuilder("\n");
    int differing = 0;
    for (Reproduction r : results) {
      if (!r.reproduced()) {
        differing++;
      }
      if (r.reproduced() && !each || !r.reproduced() && differing > SHOWN) {
        continue;
      }
      AuditRecord rec = r.recorded();
      out.append(String.format(Locale.ROOT, "  %s  %s %s %s  %s%n", rec.recordedAt(), rec.signal().subject(),
          rec.signal().type(), rec.signal().id(), r.reproduced() ? "reproduced" : "DIFFERS"));
      for (String line : r.differences()) {
        out.append("      ").append(line).append('\n');
      }
    }
    if (differing == 0) {
      out.append(String.format(Locale.ROOT, "reproduced: all %,d decision(s) equal their audit records%n", results.size()));
    } else {
      Reproduction first = results.stream().filter(r -> !r.reproduced()).findFirst().orElseThrow();
      out.append(String.format(Locale.ROOT, "not reproduced: %,d of %,d decision(s) differ%s; first difference: %s%n",
          differing, results.size(), differing > SHOWN ? " (the first " + SHOWN + " shown)" : "",
          first.firstDifference().orElseThrow()));
    }
    return out.toString();
  }
}
