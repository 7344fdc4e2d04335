package dev.journey.jdbc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of {@link KillCrashTest}: runs one incarnation of {@link CrashWorkload} on the
 * database named by its arguments until it is killed. Reads {@code S <step>} lines (signals to
 * process, in order) and a final {@code Q} (run to quiescence, then exit) from standard input;
 * writes the workload's reports to standard output, each flushed before the work goes on.
 *
 * <p>Arguments: {@code sqlite <file>} or {@code postgres} (from {@code JOURNEY_PG_URL}), the
 * instance id, and {@code release} or {@code keep} (whether to release the instance's leases at
 * startup).
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    JdbcPool pool =
        args[0].equals("sqlite")
            ? JdbcPool.sqliteFile(Path.of(args[1]))
            : JdbcPool.of(
                System.getenv("JOURNEY_PG_URL"),
                System.getenv().getOrDefault("JOURNEY_PG_USER", "journey"),
                System.getenv().getOrDefault("JOURNEY_PG_PASSWORD", "journey"),
                4);
    String instance = args[2];
    boolean release = args[3].equals("release");
    CrashWorkload workload =
        new CrashWorkload(
            pool,
            instance,
            release,
            line -> {
              stdout.println(line);
              stdout.flush();
            });
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("S ")) {
        workload.step(Integer.parseInt(line.substring(2)));
      } else if (line.equals("Q")) {
        workload.quiesce();
        break;
      }
    }
    pool.close();
    System.exit(0);
  }
}
