package dev.journey.jdbc.bench;

import dev.journey.core.SubjectRef;
import dev.journey.jdbc.JdbcJourneyStore;
import dev.journey.jdbc.JdbcPool;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Fingerprints;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The cost of erasing one subject as the inbox grows (a harness, not a unit test): bulk-inserts
 * {@code rows} inbox rows of distinct subjects (two per subject), then erases {@code erasures} of
 * those subjects one after the other and prints the wall and CPU time per erasure. From schema
 * version 9 on SQLite and version 12 on PostgreSQL the inbox has no index on the subject, so an
 * erasure scans it; run it on an older build's classes for the figure with the index. The third
 * argument picks the database: {@code sqlite} (the default, a file under {@code target}) or
 * {@code pg} ({@code JOURNEY_PG_URL}; its journey tables are dropped first).
 *
 * <pre>
 * java -cp "journey-jdbc/target/test-classes:journey-jdbc/target/classes:$(cat journey-jdbc/target/bench.cp)" \
 *     dev.journey.jdbc.bench.EraseCostBench 1000000 20 [sqlite|pg]
 * </pre>
 */
public final class EraseCostBench {
  private static final Path DIR = Path.of("target", "erase-bench-db");

  private EraseCostBench() {}

  /**
   * Runs the harness.
   *
   * @param args {@code [rows] [erasures] [sqlite|pg]}
   */
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int erasures = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String db = args.length > 2 ? args[2] : "sqlite";
    if (!db.equals("sqlite") && !db.equals("pg")) {
      throw new IllegalArgumentException("database must be sqlite or pg, but was " + db);
    }
    boolean pg = db.equals("pg");
    Dialect dialect = pg ? Dialect.POSTGRESQL : Dialect.SQLITE;
    if (!pg) {
      Files.createDirectories(DIR);
      try (Stream<Path> files = Files.list(DIR)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Files.delete(p);
        }
      }
    }
    javax.sql.DataSource pool =
        pg ? JdbcStoreBench.open("pg", 4) : JdbcPool.sqliteFile(DIR.resolve("erase.db"));
    try {
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
      long fill = System.nanoTime();
      try (Connection c = pool.getConnection();
          PreparedStatement ps = c.prepareStatement(
              "INSERT INTO journey_inbox (signal_id, subject, received_at, fingerprint) VALUES (?, ?, ?, ?)")) {
        c.setAutoCommit(false);
        long at = Instant.parse("2026-12-02T09:00:00Z").toEpochMilli() * 1000;
        for (int i = 0; i < rows; i++) {
          ps.setString(1, "sig-" + Integer.toHexString(i * 0x9E3779B1)); // spread keys
          ps.setString(2, "contact:" + (i / 2));
          ps.setLong(3, at + i);
          Fingerprints.bind(ps, 4, JdbcStoreBench.fingerprint(i), dialect);
          ps.addBatch();
          if (i % 10_000 == 9_999 || i == rows - 1) {
            ps.executeBatch();
            c.commit();
          }
        }
      }
      if (pg) {
        try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
          c.setAutoCommit(true);
          st.execute("VACUUM ANALYZE journey_inbox"); // as autovacuum would leave a table this size
        }
      }
      long bytes = pg ? inboxBytes(pool) : Files.size(DIR.resolve("erase.db"));
      System.out.printf(Locale.ROOT, "%s schema version %d, %,d inbox rows filled in %.1f s, %s %,d bytes%n",
          db, store.schemaVersion(), rows, (System.nanoTime() - fill) / 1e9,
          pg ? "inbox with its indexes" : "file", bytes);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      int deleted = 0;
      long wall = System.nanoTime();
      long cpu = mx.getCurrentThreadCpuTime();
      for (int k = 0; k < erasures; k++) {
        deleted += store.erase(SubjectRef.contact(Integer.toString((int) ((long) k * (rows / 2) / erasures))));
      }
      double wallMs = (System.nanoTime() - wall) / 1e6 / erasures;
      double cpuMs = (mx.getCurrentThreadCpuTime() - cpu) / 1e6 / erasures;
      System.out.printf(Locale.ROOT,
          "erase: %d subjects, %d rows deleted, %.1f ms wall and %.1f ms CPU of the erasing thread per erasure%n",
          erasures, deleted, wallMs, cpuMs);
    } finally {
      ((AutoCloseable) pool).close();
    }
  }

  private static long inboxBytes(javax.sql.DataSource pool) throws Exception {
    try (Connection c = pool.getConnection();
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT pg_total_relation_size('journey_inbox')")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
