package dev.journey.cli;

import dev.journey.config.JourneyConfig;
import dev.journey.core.JourneyException;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleCompilationException;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.core.rollout.ShadowEvaluator;
import dev.journey.examples.leadhandoff.LeadHandoff;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code journey replay --rules DIR --signals FILE [--out FILE] [--wiring DIR|FILE] [--shadow DIR]}:
 * replays a signal log through a DRL rule set with a journey's wiring (routing, SLAs,
 * guardrails, from its {@value LeadHandoff#WIRING}, loaded with journey-config) on a virtual
 * clock, prints the summary and writes the decision log.
 *
 * <p>The wiring is {@code --wiring} (a configuration file, or a directory holding {@value
 * LeadHandoff#WIRING}), else the nearest directory at or above {@code --rules} that holds a
 * {@value LeadHandoff#WIRING}.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replay a signal log through a rule set on a virtual clock; print a summary, write the decision log.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCode.OK_LINE, ExitCode.PROBLEMS_LINE, ExitCode.USAGE_LINE})
final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--rules", required = true, paramLabel = "<dir>", description = "the rule set: a directory of .drl files")
  Path rules;

  @Option(names = "--signals", required = true, paramLabel = "<file>", description = "the signal log (JSON lines)")
  Path signals;

  @Option(
      names = "--out",
      paramLabel = "<file>",
      description = "where to write the decision log (JSON lines); default: ${DEFAULT-VALUE}",
      defaultValue = "target/journey-demo/decisions.jsonl")
  Path outFile;

  @Option(
      names = "--wiring",
      paramLabel = "<dir|file>",
      description = "the journey configuration (a journey.json, or its directory); default: the nearest"
          + " journey.json at or above --rules")
  Path wiring;

  @Option(names = "--shadow", paramLabel = "<dir>", description = "a candidate rule set evaluated beside --rules; only --rules decides")
  Path shadow;

  @Override
  public Integer call() {
    if (!Files.isDirectory(rules)) {
      throw new ParameterException(
          spec.commandLine(), "--rules must be a directory of .drl files, but " + rules + " is not a directory");
    }
    if (!Files.isRegularFile(signals)) {
      throw new ParameterException(
          spec.commandLine(), "--signals must be a JSON-lines signal log, but " + signals + " is not a file");
    }
    Optional<Path> wiringPath = wiring != null ? Optional.of(wiring) : findWiring(rules);
    if (wiringPath.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "no " + LeadHandoff.WIRING + " in " + rules + " or above it; pass --wiring <dir|file>"
              + " (e.g. docs/examples/lead-handoff)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    return execute(wiringPath.get(), rules, Optional.ofNullable(shadow), signals, outFile, false, out, err).isPresent()
        ? ExitCode.OK
        : ExitCode.PROBLEMS;
  }

  /**
   * Loads, compiles, replays, prints, writes. With {@code throughRuntime} the signals go through a
   * {@code JourneyRuntime} whose relay executes against the fake HubSpot ({@link
   * ReplayRun#throughRuntime}); otherwise through the testkit's {@code Replay}. Returns the run,
   * or empty when the wiring or rules were rejected (the reason is on {@code err}).
   */
  static Optional<ReplayRun> execute(
      Path wiringDir, Path rules, Optional<Path> shadow, Path signals, Path outFile, boolean throughRuntime,
      PrintWriter out, PrintWriter err) {
    JourneyConfig wiring;
    try {
      wiring = JourneyConfig.load(Files.isDirectory(wiringDir) ? LeadHandoff.configFile(wiringDir) : wiringDir);
    } catch (JourneyException | IllegalArgumentException | UncheckedIOException e) {
      err.println("journey: cannot load the wiring in " + wiringDir + ": " + e.getMessage());
      return Optional.empty();
    }
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      CompiledRuleSet live = compile(registry, wiring, rules, out);
      JourneyEvaluator evaluator = DroolsEvaluator.of(live);
      if (shadow.isPresent()) {
        CompiledRuleSet candidate = compile(registry, wiring, shadow.get(), out);
        evaluator = ShadowEvaluator.of(evaluator, DroolsEvaluator.of(candidate));
        out.println("Shadow: " + candidate.ref() + " is evaluated beside " + live.ref() + "; only " + live.ref() + " decides.");
      }
      ReplayRun run =
          throughRuntime
              ? ReplayRun.throughRuntime(wiring, evaluator, registry, signals, err)
              : ReplayRun.run(wiring, evaluator, signals, err);
      out.println();
      out.print(run.header());
      out.print(Report.figures(run.figures()));
      run.writeDecisions(outFile);
      out.println();
      out.printf("Decision log: %s (%,d audit records, JSON lines)%n", outFile, run.records().size());
      return Optional.of(run);
    } catch (RuleCompilationException e) {
      err.println("journey: the rule set does not compile: " + e.getMessage());
      return Optional.empty();
    } catch (JourneyException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("journey: " + e.getMessage());
      return Optional.empty();
    }
  }

  private static CompiledRuleSet compile(RuleSetRegistry registry, JourneyConfig wiring, Path dir, PrintWriter out) {
    CompiledRuleSet compiled = registry.compile(wiring.ruleSet(dir));
    out.printf(
        "Rule set %s: %d rules from %s, compiled in %d ms%n",
        compiled.ref(), compiled.rules().size(), dir, compiled.buildTime().toMillis());
    return compiled;
  }

  /** The nearest directory at or above {@code rules} holding the wiring document. */
  static Optional<Path> findWiring(Path rules) {
    Path dir = rules.toAbsolutePath().normalize();
    for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(LeadHandoff.WIRING))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }
}
