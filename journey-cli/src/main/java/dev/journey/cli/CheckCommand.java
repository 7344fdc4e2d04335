package dev.journey.cli;

import dev.journey.config.JourneyConfig;
import dev.journey.config.JourneyConfigException;
import dev.journey.drools.BuildPath;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.RuleCompilationException;
import dev.journey.drools.RuleProblem;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code journey check [--executable-model] [--journey FILE] <dir>}: checks and compiles the {@code
 * .drl} files under a directory as one rule set, checks them against the journey's configuration
 * ({@code journey.json} in or above the directory, or {@code --journey}: the states rules move to,
 * the properties they write under single-writer ownership, the signal types and attributes they
 * read against the signal catalog), prints every problem as {@code
 * file:line:column: message} and exits 1 when there is any, 0 with a one-line summary otherwise.
 * A directory that holds several versions of a rule set ({@code rules/v1}, {@code rules/v2}) is
 * refused with one line naming them.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Check (rule sandbox) and compile the .drl files under <dir> as one rule set; print problems as file:line:column.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no problems", "1:problems or warnings found", ExitCode.USAGE_LINE})
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--executable-model", description = "compile with Drools' executable model instead of the classic build path")
  boolean executableModel;

  @Option(
      names = "--journey",
      paramLabel = "FILE",
      description = "the journey configuration to check the rules against (default: journey.json in or above <dir>)")
  Path journeyFile;

  @Parameters(index = "0", paramLabel = "<dir>", description = "a directory of .drl files (searched recursively)")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "<dir> must be a directory of .drl files, but " + dir + " is not a directory");
    }
    List<Path> versions = JourneyRulesCheck.versionDirectoriesBelow(dir);
    if (!versions.isEmpty()) {
      err.printf(
          Locale.ROOT,
          "journey check: %s holds %d versions of a rule set (%s): check one of them, e.g. journey check %s%n",
          dir,
          versions.size(),
          versions.stream().map(v -> dir.relativize(v).toString()).collect(Collectors.joining(", ")),
          versions.get(versions.size() - 1));
      return ExitCode.USAGE;
    }
    Optional<Path> journey =
        journeyFile != null
            ? Optional.of(journeyFile)
            : ReplayCommand.findWiring(dir).map(LeadHandoff::configFile);
    BuildPath path = executableModel ? BuildPath.EXECUTABLE_MODEL : BuildPath.CLASSIC;
    RuleSet ruleSet;
    try {
      ruleSet = RuleSet.builder("check", "0").directory(dir).build();
    } catch (IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), "no .drl files under " + dir);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    long started = System.nanoTime();
    try (RuleSetRegistry registry = RuleSetRegistry.of(path)) {
      CompiledRuleSet compiled = registry.compile(ruleSet);
      for (RuleProblem warning : compiled.warnings()) {
        out.println(format(dir, warning));
      }
      if (!compiled.warnings().isEmpty()) {
        err.printf(Locale.ROOT, "%d warning(s) in %s%n", compiled.warnings().size(), dir);
        return ExitCode.PROBLEMS;
      }
      if (journey.isPresent()) {
        List<RuleProblem> problems;
        JourneyConfig config;
        try {
          config = JourneyConfig.load(journey.get());
        } catch (JourneyConfigException e) {
          err.println("journey check: cannot check the rules against " + journey.get() + ": " + e.getMessage());
          return ExitCode.PROBLEMS;
        }
        problems = JourneyRulesCheck.check(ruleSet, config);
        for (RuleProblem problem : problems) {
          out.println(format(dir, problem));
        }
        if (!problems.isEmpty()) {
          err.printf(
              Locale.ROOT, "%d problem(s) in %s against journey %s (%s)%n",
              problems.size(), dir, config.name(), journey.get());
          return ExitCode.PROBLEMS;
        }
      }
      out.printf(
          Locale.ROOT,
          "OK: %d rule(s) in %d file(s) under %s compiled (%s) in %d ms%n",
          compiled.rules().size(),
          ruleSet.sources().size(),
          dir,
          path.name().toLowerCase(Locale.ROOT).replace('_', ' '),
          (System.nanoTime() - started) / 1_000_000);
      journey.ifPresent(file -> out.println("OK: states, owned properties and signals agree with " + file));
      return ExitCode.OK;
    } catch (RuleCompilationException e) {
      for (RuleProblem problem : e.problems()) {
        out.println(format(dir, problem));
      }
      err.printf(Locale.ROOT, "%d problem(s) in %s%n", e.problems().size(), dir);
      return ExitCode.PROBLEMS;
    }
  }

  private static String format(Path dir, RuleProblem problem) {
    String file =
        problem.source().endsWith(".drl") ? dir.resolve(problem.source()).toString() : problem.source();
    return new RuleProblem(problem.level(), file, problem.line(), problem.column(), problem.message()).format();
  }
}
