package dev.journey.cli;

import java.util.List;

/** The subcommands, in the order {@code journey help} lists them. */
final class Commands {
  private Commands() {}

  static List<Command> all() {
    return List.of(
        new CheckCommand(),
        new DemoCommand(),
        new ReplayCommand()
        // one line per subcommand
        );
  }
}
