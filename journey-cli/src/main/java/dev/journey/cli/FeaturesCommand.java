package dev.journey.cli;

import dev.journey.config.JourneyConfig;
import dev.journey.config.JourneyConfigException;
import dev.journey.core.JourneyException;
import dev.journey.core.Signal;
import dev.journey.core.feature.FeatureSet;
import dev.journey.testkit.replay.JsonLines;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code journey features <subcommand>}: work with a journey's declared features. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = "Work with a journey's declared features, scores and segments.",
    synopsisSubcommandLabel = "<subcommand>",
    subcommands = {FeaturesCommand.Diff.class})
final class FeaturesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "journey features: a subcommand is required (diff)");
  }

  /**
   * {@code journey features diff --from FILE --to FILE --signals FILE}: recomputes both versions'
   * features from a signal log and prints per-segment moves and score histograms.
   */
  @Command(
      name = "diff",
      mixinStandardHelpOptions = true,
      description = "Recompute two versions of the features, scores and segments from a signal log and print,"
          + " per segment, who enters and leaves it, and per score its histogram under each version.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {ExitCode.OK_LINE, "1:a file is broken", ExitCode.USAGE_LINE})
  static final class Diff implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "<file>",
        description = "the current features: a journey file or a features file")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "<file>",
        description = "the candidate features: a journey file or a features file")
    Path to;

    @Option(names = "--signals", required = true, paramLabel = "<file>", description = "the signal log (JSON lines)")
    Path signals;

    @Option(names = "--at", paramLabel = "<instant>",
        description = "read every subject's features at this instant (default: the log's latest signal)")
    String at;

    @Option(names = "--window", paramLabel = "<duration>", defaultValue = "P7D",
        description = "the drift windows: the last is compared with the first (ISO-8601, default: ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--examples", paramLabel = "<n>", defaultValue = "5",
        description = "example subjects per move (default: ${DEFAULT-VALUE})")
    int examples;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      for (Path file : List.of(from, to, signals)) {
        if (!Files.isRegularFile(file)) {
          throw new ParameterException(spec.commandLine(), file + " is not a file");
        }
      }
      if (examples < 0) {
        throw new ParameterException(spec.commandLine(), "--examples must be >= 0, but was " + examples);
      }
      Optional<Instant> readAt;
      try {
        readAt = at == null ? Optional.empty() : Optional.of(Instant.parse(at));
      } catch (DateTimeParseException e) {
        throw new ParameterException(spec.commandLine(),
            "--at must be an ISO-8601 instant such as 2026-04-01T00:00:00Z, but was '" + at + "'");
      }
      java.time.Duration windows;
      try {
        windows = java.time.Duration.parse(window);
      } catch (DateTimeParseException e) {
        throw new ParameterException(spec.commandLine(),
            "--window must be an ISO-8601 duration such as P7D, but was '" + window + "'");
      }
      if (windows.getSeconds() < 1 || windows.getNano() != 0) {
        throw new ParameterException(spec.commandLine(),
            "--window must be whole seconds, at least 1 s, but was '" + window + "'");
      }
      FeatureSet before;
      FeatureSet after;
      List<Signal> log;
      try {
        before = JourneyConfig.loadFeatures(from);
        after = JourneyConfig.loadFeatures(to);
        log = JsonLines.readSignals(signals);
      } catch (JourneyConfigException | UncheckedIOException | IllegalArgumentException e) {
        err.println("journey features diff: " + e.getMessage());
        return ExitCode.PROBLEMS;
      } catch (JourneyException e) {
        err.println("journey features diff: " + e.getMessage());
        return ExitCode.PROBLEMS;
      }
      FeatureDiff diff = FeatureDiff.compute(before, after, log, readAt, windows);
      out.print(diff.format(describe(from, before), describe(to, after), examples));
      return ExitCode.OK;
    }

    private static String describe(Path file, FeatureSet set) {
      return String.format(java.util.Locale.ROOT, "%s (%d feature(s), %d model(s), %d segment(s), hash %s)", file,
          set.definitions().size(), set.models().size(), set.segments().size(),
          set.hash().isEmpty() ? "-" : set.hash().substring(0, 12));
    }
  }
}
