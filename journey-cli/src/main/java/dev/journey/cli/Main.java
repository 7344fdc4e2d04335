package dev.journey.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code journey} command line, on picocli: {@code journey <command> [options]}. Every command
 * has {@code --help}; {@code journey help} lists them, {@code journey generate-completion} prints a
 * bash/zsh completion script. To add a command, write one class annotated with {@link Command} and
 * list it in {@code subcommands} below.
 */
@Command(
    name = "journey",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Journey: signals -> state -> actions, evaluated by versioned rules.",
    synopsisSubcommandLabel = "<command>",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {ExitCode.OK_LINE, ExitCode.PROBLEMS_LINE, ExitCode.USAGE_LINE},
    subcommands = {
      CheckCommand.class,
      DemoCommand.class,
      DeployCommand.class,
      DiffCommand.class,
      ExplainCommand.class,
      FeaturesCommand.class,
      ReplayCommand.class,
      ReportCommand.class,
      ReproduceCommand.class,
      ServeCommand.class,
      // one line per command
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public final class Main implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Runs and exits with the command's exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs a command in-process.
   *
   * @return the exit code: 0 success, 1 problems found, 2 usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      return commandLine(outWriter, errWriter).execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("journey " + commandLine.getCommandName() + ": " + e.getMessage());
          return ExitCode.PROBLEMS;
        });
    return cli;
  }

  /** Without a command: the usage, on stderr, exit 2. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("journey: a command is required");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"journey " + (version == null ? "(development build)" : version)};
    }
  }
}
