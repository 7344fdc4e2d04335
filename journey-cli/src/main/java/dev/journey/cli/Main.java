package dev.journey.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code journey} command line: {@code journey <command> [args...]}. Run {@code journey help}
 * for the list of commands.
 */
public final class Main {
  private Main() {}

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
    List<Command> commands = Commands.all();
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      help(commands, args.length == 0 ? err : out);
      return args.length == 0 ? Command.USAGE : Command.OK;
    }
    Optional<Command> command = commands.stream().filter(c -> c.name().equals(args[0])).findFirst();
    if (command.isEmpty()) {
      err.println("journey: unknown command '" + args[0] + "'");
      help(commands, err);
      return Command.USAGE;
    }
    return command.get().run(List.copyOf(Arrays.asList(args).subList(1, args.length)), out, err);
  }

  private static void help(List<Command> commands, PrintStream to) {
    to.println("usage: journey <command> [args...]");
    to.println();
    to.println("commands:");
    for (Command c : commands) {
      to.printf("  %-28s %s%n", c.usage(), c.summary());
    }
    to.printf("  %-28s %s%n", "help", "show this list");
  }
}
