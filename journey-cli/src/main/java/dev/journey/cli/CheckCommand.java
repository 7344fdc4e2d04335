package dev.journey.cli;

import dev.journey.drools.BuildPath;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.RuleCompilationException;
import dev.journey.drools.RuleProblem;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code journey check [--executable-model] <dir>}: lints and compiles the {@code .drl} files
 * under a directory as one rule set, prints every problem as {@code file:line:column: message}
 * and exits 1 when there is any, 0 with a one-line summary otherwise.
 */
final class CheckCommand implements Command {

  @Override
  public String name() {
    return "check";
  }

  @Override
  public String usage() {
    return "check [--executable-model] <dir>";
  }

  @Override
  public String summary() {
    return "lint and compile the .drl files under <dir>; print problems as file:line:column";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    BuildPath path = BuildPath.CLASSIC;
    List<String> rest = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--executable-model")) {
        path = BuildPath.EXECUTABLE_MODEL;
      } else if (arg.startsWith("-")) {
        err.println("journey check: unknown option '" + arg + "'; usage: journey " + usage());
        return USAGE;
      } else {
        rest.add(arg);
      }
    }
    if (rest.size() != 1) {
      err.println("journey check: expected one directory, but got " + rest.size() + "; usage: journey " + usage());
      return USAGE;
    }
    Path dir = Path.of(rest.get(0));
    if (!Files.isDirectory(dir)) {
      err.println("journey check: " + dir + " is not a directory");
      return USAGE;
    }
    RuleSet ruleSet;
    try {
      ruleSet = RuleSet.builder("check", "0").directory(dir).build();
    } catch (IllegalStateException e) {
      err.println("journey check: no .drl files under " + dir);
      return USAGE;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("journey check: " + e.getMessage());
      return USAGE;
    }
    long started = System.nanoTime();
    try (RuleSetRegistry registry = RuleSetRegistry.of(path)) {
      CompiledRuleSet compiled = registry.compile(ruleSet);
      for (RuleProblem warning : compiled.warnings()) {
        out.println(format(dir, warning));
      }
      if (!compiled.warnings().isEmpty()) {
        err.printf(Locale.ROOT, "%d warning(s) in %s%n", compiled.warnings().size(), dir);
        return PROBLEMS;
      }
      out.printf(
          Locale.ROOT,
          "OK: %d rule(s) in %d file(s) under %s compiled (%s) in %d ms%n",
          compiled.rules().size(),
          ruleSet.sources().size(),
          dir,
          path.name().toLowerCase(Locale.ROOT).replace('_', ' '),
          (System.nanoTime() - started) / 1_000_000);
      return OK;
    } catch (RuleCompilationException e) {
      for (RuleProblem problem : e.problems()) {
        out.println(format(dir, problem));
      }
      err.printf(Locale.ROOT, "%d problem(s) in %s%n", e.problems().size(), dir);
      return PROBLEMS;
    }
  }

  private static String format(Path dir, RuleProblem problem) {
    String file =
        problem.source().endsWith(".drl") ? dir.resolve(problem.source()).toString() : problem.source();
    return new RuleProblem(problem.level(), file, problem.line(), problem.column(), problem.message()).format();
  }
}
