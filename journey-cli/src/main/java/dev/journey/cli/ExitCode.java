package dev.journey.cli;

/** The exit codes of every {@code journey} command. */
final class ExitCode {
  /** Success. */
  static final int OK = 0;
  /** The command ran and found problems (or failed). */
  static final int PROBLEMS = 1;
  /** The command was used wrongly: an unknown command or option, a missing or bad argument. */
  static final int USAGE = 2;

  /** The lines of the exit-code section every command's {@code --help} shows. */
  static final String OK_LINE = "0:success";

  static final String PROBLEMS_LINE = "1:problems found, or the run failed";
  static final String USAGE_LINE = "2:usage error (unknown command or option, missing or bad argument)";

  private ExitCode() {}
}
