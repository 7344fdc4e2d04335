package dev.journey.jdbc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The CPU time of a PostgreSQL server on this machine (loopback), read from {@code /proc}: the
 * postmaster's own and its exited children's time plus that of its live children (backends, WAL
 * writer, checkpointer). For the harness only: a count that, unlike a wall rate, does not depend
 * on the machine's load. Linux only, and only when this process may read the server's {@code
 * /proc} entries; {@code -1} otherwise.
 */
final class ServerCpu {
  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  private static final long TICKS_PER_SECOND = 100;

  private final long postmaster;

  private ServerCpu(long postmaster) {
    this.postmaster = postmaster;
  }

  /** The server behind {@code pool}, found through one backend's parent process. */
  static ServerCpu of(DataSource pool) {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      long backend = rs.getLong(1);
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(backend), "status"))) {
        if (line.startsWith("PPid:")) {
          return new ServerCpu(Long.parseLong(line.substring(5).trim()));
        }
      }
    } catch (SQLException | IOException | RuntimeException e) {
      // not a local server, or not Linux
    }
    return new ServerCpu(-1);
  }

  /** The server's CPU time so far in nanoseconds, or {@code -1} when it cannot be read. */
  long nanos() {
    if (postmaster < 0) {
      return -1;
    }
    try {
      long[] own = ticks(postmaster, true);
      long total = own[0];
      String children =
          Files.readString(Path.of("/proc", Long.toString(postmaster), "task", Long.toString(postmaster), "children"));
      for (String child : children.trim().split("\\s+")) {
        if (!child.isEmpty()) {
          try {
            total += ticks(Long.parseLong(child), false)[0];
          } catch (IOException e) {
            // exited meanwhile: its time is in the postmaster's children's time from now on
          }
        }
      }
      return total * (1_000_000_000L / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** utime + stime (+ cutime + cstime) of {@code pid}, in ticks. */
  private static long[] ticks(long pid, boolean withChildren) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after "pid (comm) ": state is f[0], utime f[11], stime f[12], cutime f[13], cstime f[14]
    long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (withChildren) {
      t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return new long[] {t};
  }
}
