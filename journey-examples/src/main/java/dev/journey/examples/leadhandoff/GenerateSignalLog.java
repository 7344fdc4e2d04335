package dev.journey.examples.leadhandoff;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Writes a signal log from the command line. Without options it writes the shipped log's
 * configuration ({@link SignalLogGenerator#builder()}).
 *
 * <pre>{@code
 * GenerateSignalLog --out=docs/examples/lead-handoff/signals.jsonl
 * GenerateSignalLog --seed=7 --contacts=500 --start=2026-03-02T00:00:00Z --weeks=4 --out=s.jsonl
 * }</pre>
 */
public final class GenerateSignalLog {
  private static final String USAGE =
      "usage: GenerateSignalLog --out=FILE [--seed=LONG] [--contacts=N] [--start=ISO-INSTANT]"
          + " [--weeks=N] [--redelivery-share=0..0.5]";

  private GenerateSignalLog() {}

  /**
   * Parses the options, writes the log and prints one summary line.
   *
   * @param args {@code --out=FILE} and optional {@code --seed}, {@code --contacts}, {@code
   *     --start}, {@code --weeks}, {@code --redelivery-share}
   * @throws IOException when the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs with the given streams; returns the exit status (0 fine, 2 bad arguments). */
  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    SignalLogGenerator.Builder builder = SignalLogGenerator.builder();
    Path file = null;
    try {
      for (String arg : args) {
        int eq = arg.indexOf('=');
        if (!arg.startsWith("--") || eq < 0) {
          throw new IllegalArgumentException(
              "arguments must look like --name=value, but was '" + arg + "'");
        }
        String name = arg.substring(2, eq);
        String value = arg.substring(eq + 1);
        switch (name) {
          case "out":
            file = Path.of(value).toAbsolutePath().normalize();
            break;
          case "seed":
            builder.seed(parseLong(name, value));
            break;
          case "contacts":
            builder.contacts(parseInt(name, value));
            break;
          case "start":
            builder.start(parseInstant(value));
            break;
          case "weeks":
            builder.weeks(parseInt(name, value));
            break;
          case "redelivery-share":
            builder.redeliveryShare(parseDouble(name, value));
            break;
          default:
            throw new IllegalArgumentException(
                "option must be one of out, seed, contacts, start, weeks, redelivery-share, but was"
                    + " '"
                    + name
                    + "'");
        }
      }
      if (file == null) {
        throw new IllegalArgumentException("--out=FILE is required");
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(USAGE);
      return 2;
    }
    SignalLogGenerator generator = builder.build();
    generator.writeTo(file);
    out.printf(
        Locale.ROOT,
        "wrote %s: seed %d, %d contacts, %s + %d weeks%n",
        file,
        generator.seed(),
        generator.contacts(),
        generator.start(),
        generator.weeks());
    return 0;
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, but was '" + value + "'", e);
    }
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be an integer up to " + Integer.MAX_VALUE + ", but was '" + value + "'", e);
    }
  }

  private static double parseDouble(String name, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, but was '" + value + "'", e);
    }
  }

  private static Instant parseInstant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "start must be an ISO-8601 instant such as 2026-03-02T00:00:00Z, but was '" + value + "'",
          e);
    }
  }
}
