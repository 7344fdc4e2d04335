package dev.journey.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.journey.core.JourneyException;
import dev.journey.core.Signal;
import dev.journey.drools.RuleCompilationException;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.testkit.replay.JsonLines;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.RunDiff;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code journey diff --rules A --rules B --signals FILE [--wiring DIR|FILE] [--candidate-wiring
 * DIR|FILE] [--format text|json] [--examples N] [--threshold N]}: replays the same signal log
 * under two rule sets (or two wirings) and reports the decisions that differ — state, owner,
 * actions, timers, drops, counters, outcome — with counts by kind and by the rules that caused
 * them, and examples. Exits 1 when more decisions differ than the threshold: a CI gate for rule
 * changes.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = "Replay one signal log under two rule sets (or wirings) and report the decisions that differ.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no more decisions differ than --threshold", "1:more differ, or a run failed", ExitCode.USAGE_LINE})
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--rules",
      required = true,
      arity = "1",
      paramLabel = "<dir>",
      description = "a rule-set directory; give it twice: the base, then the candidate")
  List<Path> rules = new ArrayList<>();

  @Option(names = "--signals", required = true, paramLabel = "<file>", description = "the signal log (JSON lines)")
  Path signals;

  @Option(
      names = "--wiring",
      paramLabel = "<dir|file>",
      description = "the journey configuration of the base; default: the nearest journey.json at or above the base rules")
  Path wiring;

  @Option(
      names = "--candidate-wiring",
      paramLabel = "<dir|file>",
      description = "the candidate's journey configuration; default: the base's")
  Path candidateWiring;

  @Option(
      names = "--format",
      paramLabel = "<format>",
      description = "text or json (default: ${DEFAULT-VALUE})",
      defaultValue = "text")
  String format;

  @Option(
      names = "--examples",
      paramLabel = "<n>",
      description = "examples shown per kind of difference (default: ${DEFAULT-VALUE})",
      defaultValue = "3")
  int examples;

  @Option(
      names = "--threshold",
      paramLabel = "<n>",
      description = "how many differing decisions still exit 0 (default: ${DEFAULT-VALUE})",
      defaultValue = "0")
  int threshold;

  @Override
  public Integer call() {
    if (rules.size() != 2) {
      throw new ParameterException(
          spec.commandLine(), "--rules must be given twice (the base, then the candidate), but was given " + rules.size() + " time(s)");
    }
    for (Path dir : rules) {
      if (!Files.isDirectory(dir)) {
        throw new ParameterException(spec.commandLine(), "--rules must be a directory of .drl files, but " + dir + " is not a directory");
      }
    }
    if (!Files.isRegularFile(signals)) {
      throw new ParameterException(spec.commandLine(), "--signals must be a JSON-lines signal log, but " + signals + " is not a file");
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw new ParameterException(spec.commandLine(), "--format must be one of [text, json], but was '" + format + "'");
    }
    if (examples < 0 || threshold < 0) {
      throw new ParameterException(spec.commandLine(), "--examples and --threshold must be >= 0, but were " + examples + " and " + threshold);
    }
    Optional<Path> base = wiring != null ? Optional.of(wiring) : ReplayCommand.findWiring(rules.get(0));
    if (base.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "no " + LeadHandoff.WIRING + " in " + rules.get(0) + " or above it; pass --wiring <dir|file>");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunDiff diff;
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      Wiring a = Wiring.load(base.get());
      Wiring b = candidateWiring == null ? a : Wiring.load(candidateWiring);
      String labelA = a.compile(registry, rules.get(0)).ref().toString();
      String labelB = b.compile(registry, rules.get(1)).ref().toString();
      if (labelA.equals(labelB)) {
        labelB = labelB + " (candidate)";
      }
      List<Signal> log = LeadHandoff.withContactCopies(JsonLines.readSignals(signals));
      diff =
          RunDiff.of(
              labelA, Replay.builder().definition(a.definition(registry, rules.get(0))).build().run(log).decisions(),
              labelB, Replay.builder().definition(b.definition(registry, rules.get(1))).build().run(log).decisions());
    } catch (RuleCompilationException e) {
      err.println("journey diff: a rule set does not compile: " + e.getMessage());
      return ExitCode.PROBLEMS;
    } catch (JourneyException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("journey diff: " + e.getMessage());
      return ExitCode.PROBLEMS;
    }
    if (format.equals("json")) {
      out.println(json(diff, examples, threshold));
    } else {
      out.print(diff.render(examples));
      out.printf(Locale.ROOT, "%n%s: %,d differing decision(s), threshold %,d%n",
          diff.differences().size() > threshold ? "FAIL" : "OK", diff.differences().size(), threshold);
    }
    return diff.differences().size() > threshold ? ExitCode.PROBLEMS : ExitCode.OK;
  }

  /** The diff as one JSON document. */
  static String json(RunDiff diff, int examples, int threshold) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("base", diff.base());
    doc.put("candidate", diff.candidate());
    doc.put("compared", diff.compared());
    doc.put("differing", diff.differences().size());
    doc.put("threshold", threshold);
    doc.put("exceeded", diff.differences().size() > threshold);
    Map<String, Integer> kinds = new LinkedHashMap<>();
    diff.byKind().forEach((k, n) -> kinds.put(k.name().toLowerCase(Locale.ROOT), n));
    doc.put("byKind", kinds);
    doc.put("byCause", diff.byCause());
    List<Map<String, Object>> list = new ArrayList<>();
    for (RunDiff.DecisionDiff d : diff.examples(examples)) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("subject", d.subject().toString());
      e.put("signalId", d.signalId());
      e.put("signalType", d.signalType());
      e.put("kinds", d.kinds().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
      e.put("cause", d.cause());
      e.put("differences", d.lines());
      list.add(e);
    }
    doc.put("examples", list);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
