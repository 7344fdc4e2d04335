package dev.journey.cli;

import dev.journey.drools.BuildPath;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.RuleCompilationException;
import dev.journey.drools.RuleProblem;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code journey check [--executable-model] <dir>}: lints and compiles the {@code .drl} files
 * under a directory as one rule set, prints every problem as {@code file:line:column: message}
 * and exits 1 when there is any, 0 with a one-line summary otherwise.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Lint and compile the .drl files under <dir> as one rule set; print problems as file:line:column.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no problems", "1:problems or warnings found", ExitCode.USAGE_LINE})
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--executable-model", description = "compile with Drools' executable model instead of the classic build path")
  boolean executableModel;

  @Parameters(index = "0", paramLabel = "<dir>", description = "a directory of .drl files (searched recursively)")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "<dir> must be a directory of .drl files, but " + dir + " is not a directory");
    }
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
      out.printf(
          Locale.ROOT,
          "OK: %d rule(s) in %d file(s) under %s compiled (%s) in %d ms%n",
          compiled.rules().size(),
          ruleSet.sources().size(),
          dir,
          path.name().toLowerCase(Locale.ROOT).replace('_', ' '),
          (System.nanoTime() - started) / 1_000_000);
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
