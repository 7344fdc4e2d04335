package dev.journey.cli;

import dev.journey.core.JourneyException;
import dev.journey.core.Signal;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.metrics.Measurements;
import dev.journey.core.spi.AuditRecord;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.RuleCompilationException;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.report.HtmlReport;
import dev.journey.testkit.replay.LoggedDecision;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.ReplayListener;
import dev.journey.testkit.replay.RunDiff;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code journey report --log FILE --out FILE [--wiring DIR|FILE] [--candidate DIR] [--title T]}:
 * measures a decision log with the journey's metrics definition and writes the self-contained HTML
 * report. With {@code --candidate}, the log's signals (every audited signal but timer firings, in
 * log order) are replayed under the candidate rule set with the same wiring and the report adds the
 * same metrics per version side by side with 95% intervals and deltas, the decisions that differ
 * by kind, and the subjects whose decisions differ, each with its first divergence (the first
 * {@code --subjects}, in the order of their first differing decision).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write the self-contained HTML report of a decision log, optionally against a candidate rule set.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCode.OK_LINE, ExitCode.PROBLEMS_LINE, ExitCode.USAGE_LINE})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DecisionLogOption logOption;

  @Option(
      names = "--out",
      paramLabel = "<file>",
      description = "where to write the report (default: ${DEFAULT-VALUE})",
      defaultValue = "target/journey-demo/report.html")
  Path outFile;

  @Option(
      names = "--wiring",
      paramLabel = "<dir|file>",
      description = "the journey configuration (a journey.json, or its directory); default: the example's")
  Path wiring;

  @Option(names = "--candidate", paramLabel = "<dir>", description = "a candidate rule set to compare with the log's")
  Path candidate;

  @Option(names = "--title", paramLabel = "<text>", description = "the report's title")
  String title;

  @Option(
      names = "--subjects",
      paramLabel = "<n>",
      description = "with --candidate: how many differing subjects the per-subject table shows (default: ${DEFAULT-VALUE})",
      defaultValue = "50")
  int subjects;

  @Override
  public Integer call() {
    Path log = logOption.file(spec);
    if (subjects < 1 || subjects > 10_000) {
      throw new ParameterException(spec.commandLine(), "--subjects must be 1 to 10000, but was " + subjects);
    }
    if (candidate != null && !Files.isDirectory(candidate)) {
      throw new ParameterException(
          spec.commandLine(), "--candidate must be a directory of .drl files, but " + candidate + " is not a directory");
    }
    Optional<Path> wiringPath = wiring != null ? Optional.of(wiring) : DemoCommand.locate();
    if (wiringPath.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "cannot find the example's wiring; pass --wiring <dir|file>");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long started = System.nanoTime();
    try {
      Wiring w = Wiring.load(wiringPath.get());
      List<AuditRecord> records = ReplayRun.read(log);
      if (records.isEmpty()) {
        err.println("journey report: " + log + " holds no decision");
        return ExitCode.PROBLEMS;
      }
      Measurements live = DemoMetrics.measure(w.dir(), records);
      Instant generatedAt = records.get(records.size() - 1).recordedAt();
      HtmlReport.Builder report =
          HtmlReport.builder(live).generatedAt(generatedAt).title(title != null ? title : "Journey report: " + live.journey());
      if (candidate != null) {
        compare(w, records, report, out);
      }
      report.build().write(outFile);
      out.printf(Locale.ROOT, "Report: %s (%,d decisions%s; self-contained HTML, %.1f s)%n", outFile, records.size(),
          candidate == null ? "" : ", compared with " + candidate, (System.nanoTime() - started) / 1e9);
      return ExitCode.OK;
    } catch (RuleCompilationException e) {
      err.println("journey report: the candidate rule set does not compile: " + e.getMessage());
      return ExitCode.PROBLEMS;
    } catch (JourneyException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("journey report: " + e.getMessage());
      return ExitCode.PROBLEMS;
    }
  }

  /** Replays the log's signals under the candidate, measures it and adds the comparison. */
  private void compare(Wiring w, List<AuditRecord> records, HtmlReport.Builder report, PrintWriter out) {
    List<Signal> signals = records.stream().map(AuditRecord::signal).filter(s -> !s.isTimer()).toList();
    List<AuditRecord> replayed = new ArrayList<>();
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      CompiledRuleSet compiled = w.compile(registry, candidate);
      Replay.builder()
          .definition(w.definition(registry, candidate))
          .listener(
              new ReplayListener() {
                @Override
                public void onRecord(AuditRecord record) {
                  replayed.add(record);
                }
              })
          .build()
          .run(signals);
      String liveLabel = Wiring.decidingRuleSet(records).map(RuleSetRef::toString).orElse("live");
      String candidateLabel = compiled.ref().toString();
      Measurements measured = DemoMetrics.measure(w.dir(), replayed);
      RunDiff diff =
          RunDiff.of(liveLabel, records.stream().map(LoggedDecision::of).toList(), candidateLabel,
              replayed.stream().map(LoggedDecision::of).toList());
      Map<String, Long> byKind = new LinkedHashMap<>();
      diff.byKind().forEach((k, n) -> {
        if (n > 0) {
          byKind.put(k.name().toLowerCase(Locale.ROOT), (long) n);
        }
      });
      report.candidate(liveLabel, candidateLabel, measured).decisionDifferences(byKind);
      Map<String, List<RunDiff.DecisionDiff>> bySubject = new LinkedHashMap<>();
      for (RunDiff.DecisionDiff d : diff.differences()) {
        bySubject.computeIfAbsent(d.subject().toString(), k -> new ArrayList<>()).add(d);
      }
      List<HtmlReport.SubjectDifference> shown = new ArrayList<>();
      for (Map.Entry<String, List<RunDiff.DecisionDiff>> e : bySubject.entrySet()) {
        if (shown.size() == subjects) {
          break;
        }
        RunDiff.DecisionDiff first = e.getValue().get(0);
        shown.add(new HtmlReport.SubjectDifference(
            e.getKey(), e.getValue().size(), first.signalType() + " " + first.signalId(),
            first.kinds().stream().map(k -> k.name().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.joining(", ")),
            first.cause(), first.lines().isEmpty() ? "" : first.lines().get(0)));
      }
      report.subjectDifferences(shown, bySubject.size());
      out.printf(Locale.ROOT, "Candidate %s: replayed %,d signals, %,d of its decisions differ from %s%n",
          candidateLabel, signals.size(), diff.differences().size(), liveLabel);
    }
  }
}
