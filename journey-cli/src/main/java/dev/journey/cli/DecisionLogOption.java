package dev.journey.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --log} option of the commands that read a decision log ({@code explain},
 * {@code reproduce}, {@code report}): one name, default and check for all of them.
 */
final class DecisionLogOption {
  /** Where {@code journey demo} writes its decision log. */
  static final String DEFAULT = "target/journey-demo/decisions.jsonl";

  @Option(
      names = "--log",
      paramLabel = "<file>",
      description = "the decision log (default: ${DEFAULT-VALUE})",
      defaultValue = DEFAULT)
  Path log;

  /**
   * The log, checked to be a file.
   *
   * @throws ParameterException naming the path when it is not a regular file
   */
  Path file(CommandSpec spec) {
    if (!Files.isRegularFile(log)) {
      throw new ParameterException(
          spec.commandLine(),
          "--log must be a decision log (JSON lines), but " + log + " is not a file; run ./journey demo first");
    }
    return log;
  }
}
