package dev.journey.jdbc;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of {@link KillCrashTest}: runs one incarnation of {@link CrashWorkload} on the
 * database named by its arguments until it is killed. Reads {@code S <step>} lines (signals to
 * process, in order) and a final {@code Q} (run to quiescence, then exit) from standard input;
 * appends the workload's reports to a report file, one {@code write} per line, and copies them to
 * standard output, before the work goes on. The file is the record (what was written to it
 * survives the kill in the page cache); standard output only paces the parent.
 *
 * <p>Arguments: {@code sqlite <file>} or {@code postgres -} (from {@code JOURNEY_PG_URL}), the
 * instance id, {@code release} or {@code keep} (whether to release the instance's leases at
 * startup), and the report file.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    javax.sql.DataSource pool =
        args[0].equals("sqlite")
            ? JdbcPool.sqliteFile(Path.of(args[1]))
            : TestDatabases.hikari(
                System.getenv("JOURNEY_PG_URL"),
                System.getenv().getOrDefault("JOURNEY_PG_USER", "journey"),
                System.getenv().getOrDefault("JOURNEY_PG_PASSWORD", "journey"),
                4);
    String instance = args[2];
    boolean release = args[3].equals("release");
    FileOutputStream report = new FileOutputStream(args[4], true);
    CrashWorkload workload =
        new CrashWorkload(
            pool,
            instance,
            release,
            line -> {
              try {
                report.write((line + "\n").getBytes(StandardCharsets.UTF_8));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
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
    TestDatabases.close(pool);
    System.exit(0);
  }
}
