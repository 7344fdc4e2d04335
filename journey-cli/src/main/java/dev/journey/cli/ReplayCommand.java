package dev.journey.cli;

import dev.journey.core.JourneyException;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleCompilationException;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.core.rollout.ShadowEvaluator;
import dev.journey.examples.leadhandoff.LeadHandoff;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code journey replay --rules DIR --signals FILE [--out FILE] [--wiring DIR] [--shadow DIR]}:
 * replays a signal log through a DRL rule set with the lead-handoff wiring (routing, SLAs,
 * guardrails) on a virtual clock, prints the summary and writes the decision log.
 *
 * <p>The wiring ({@value LeadHandoff#WIRING}, the model and the owner directory) is {@code
 * --wiring}, else the nearest directory above {@code --rules} that holds a {@value
 * LeadHandoff#WIRING}.
 */
final class ReplayCommand implements Command {
  /** Where the decision log goes by default, relative to the working directory. */
  static final Path DEFAULT_OUT = Path.of("target", "journey-demo", "decisions.jsonl");

  @Override
  public String name() {
    return "replay";
  }

  @Override
  public String usage() {
    return "replay --rules <dir> --signals <file> [--out <file>] [--wiring <dir>] [--shadow <dir>]";
  }

  @Override
  public String summary() {
    return "replay a signal log through a rule set on a virtual clock; print a summary, write the decision log";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    Map<String, String> options = options(args, Set.of("--rules", "--signals", "--out", "--wiring", "--shadow"), err);
    if (options == null) {
      return USAGE;
    }
    if (!options.containsKey("--rules") || !options.containsKey("--signals")) {
      err.println("journey replay: --rules and --signals are required; usage: journey " + usage());
      return USAGE;
    }
    Path rules = Path.of(options.get("--rules"));
    Path signals = Path.of(options.get("--signals"));
    if (!Files.isDirectory(rules)) {
      err.println("journey replay: --rules must be a directory of .drl files, but " + rules + " is not a directory");
      return USAGE;
    }
    if (!Files.isRegularFile(signals)) {
      err.println("journey replay: --signals must be a JSON-lines signal log, but " + signals + " is not a file");
      return USAGE;
    }
    Optional<Path> wiringDir =
        options.containsKey("--wiring") ? Optional.of(Path.of(options.get("--wiring"))) : findWiring(rules);
    if (wiringDir.isEmpty()) {
      err.println(
          "journey replay: no " + LeadHandoff.WIRING + " in " + rules + " or above it; pass --wiring <dir>"
              + " (e.g. docs/examples/lead-handoff)");
      return USAGE;
    }
    Optional<Path> shadow = Optional.ofNullable(options.get("--shadow")).map(Path::of);
    Path outFile = Path.of(options.getOrDefault("--out", DEFAULT_OUT.toString()));
    return execute(wiringDir.get(), rules, shadow, signals, outFile, out, err).isPresent() ? OK : PROBLEMS;
  }

  /**
   * Loads, compiles, replays, prints, writes. Returns the run, or empty when the wiring or rules
   * were rejected (the reason is on {@code err}).
   */
  static Optional<ReplayRun> execute(
      Path wiringDir, Path rules, Optional<Path> shadow, Path signals, Path outFile, PrintStream out, PrintStream err) {
    LeadHandoff wiring;
    try {
      wiring = LeadHandoff.load(wiringDir);
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
      ReplayRun run = ReplayRun.run(wiring, evaluator, signals, err);
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

  private static CompiledRuleSet compile(RuleSetRegistry registry, LeadHandoff wiring, Path dir, PrintStream out) {
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

  /** {@code --name value} pairs; null (after a message) for unknown or incomplete options. */
  static Map<String, String> options(List<String> args, Set<String> known, PrintStream err) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (!known.contains(name)) {
        err.println("journey: unknown option or argument '" + arg + "'; allowed: " + known);
        return null;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          err.println("journey: option " + name + " needs a value");
          return null;
        }
        value = args.get(++i);
      }
      options.put(name, value);
    }
    return options;
  }
}
