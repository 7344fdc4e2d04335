package dev.journey.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One subcommand of the {@code journey} command line. To add one, implement this interface and
 * list it in {@link Commands#all()}.
 */
public interface Command {
  /** Exit code: success. */
  int OK = 0;
  /** Exit code: the command ran and found problems. */
  int PROBLEMS = 1;
  /** Exit code: the command was used wrongly. */
  int USAGE = 2;

  /** The name typed after {@code journey}, e.g. {@code check}. */
  String name();

  /** A one-line usage, e.g. {@code check <dir>}. */
  String usage();

  /** A one-line description. */
  String summary();

  /**
   * Runs the command.
   *
   * @param args the arguments after the command name
   * @param out where results go
   * @param err where diagnostics go
   * @return the exit code: {@link #OK}, {@link #PROBLEMS} or {@link #USAGE}
   */
  int run(List<String> args, PrintStream out, PrintStream err);
}
