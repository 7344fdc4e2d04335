package dev.journey.jdbc.bench;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.state.JourneyModel;
import dev.journey.jdbc.JdbcJourneyStore;
import dev.journey.jdbc.JdbcPool;
import dev.journey.jdbc.internal.Dialect;
import dev.journey.jdbc.internal.Fingerprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Measures the JDBC store (a harness, not a unit test): engine commits per second (load, evaluate,
 * commit of snapshot + timer + outbox entry + audit, one transaction each) with 1 and 4 threads,
 * and the drain rate of due timers (claim with lease, fire, commit the decision with the timer's
 * completion). Besides wall-clock rates it prints rates per CPU-second of the benchmark's JVM
 * (all its threads, H2's included), which stay meaningful on a machine shared with other work;
 * for PostgreSQL the server's own CPU is not counted.
 *
 * <pre>
 * mvn -q -o -pl journey-jdbc -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp "journey-jdbc/target/test-classes:journey-jdbc/target/classes:$(cat journey-jdbc/target/bench.cp)" \
 *     dev.journey.jdbc.bench.JdbcStoreBench sqlite 20000 1,4,32
 * </pre>
 *
 * <p>Databases: {@code sqlite} (the embedded default: WAL, fsync per commit), {@code h2} ({@link
 * JdbcPool#h2File}: {@code WRITE_DELAY=0}), {@code h2-delay} (H2's default 500 ms write delay, which
 * loses acknowledged commits on a kill), {@code pg} (needs {@code JOURNEY_PG_URL}). The third
 * argument lists the thread counts (default {@code 1,4}); the fourth, when given, is the group
 * commit's {@code maxGroup} (default 32; 1 turns grouping off); the fifth {@code batch} (default:
 * a group's writes as JDBC batch statements) or {@code savepoints} (each commit's own statements
 * in its savepoint, as before batching); the sixth, when given, a number of inbox rows bulk-inserted
 * before the measured run (the cost curve as the tables grow). After each run it prints the
 * database file's size. {@code JOURNEY_BENCH_LANES} sets the store's commit lanes (default {@link
 * JdbcJourneyStore#DEFAULT_COMMIT_LANES}).
 */
public final class JdbcStoreBench {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private JdbcStoreBench() {}

  /** A settable clock. */
  static final class BenchClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(T0);

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /**
   * Runs the benchmark.
   *
   * @param args {@code sqlite|h2|h2-delay|pg [signals] [threads,...] [maxGroup]}
   */
  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "sqlite";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int[] threadCounts =
        Stream.of((args.length > 2 ? args[2] : "1,4").split(",")).mapToInt(Integer::parseInt).toArray();
    int maxGroup = args.length > 3 ? Integer.parseInt(args[3]) : JdbcJourneyStore.DEFAULT_MAX_GROUP;
    String mode = args.length > 4 ? args[4] : "batch";
    if (!mode.equals("batch") && !mode.equals("savepoints")) {
      throw new IllegalArgumentException("mode must be batch or savepoints, but was " + mode);
    }
    boolean batch = mode.equals("batch");
    int prefill = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    System.out.printf(Locale.ROOT,
        "journey-jdbc bench: %s, %d signals, maxGroup %d, %s, %,d inbox rows before, %d cpus, java %s%n",
        db, n, maxGroup, mode, prefill, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    for (int threads : threadCounts) {
      javax.sql.DataSource pool = open(db, Math.min(threads + 1, 16));
      try {
        BenchClock clock = new BenchClock();
        JdbcJourneyStore store =
            JdbcJourneyStore.builder(pool).clock(clock).maxGroup(maxGroup).batchStatements(batch).commitLanes(LANES).build();
        JourneyEngine engine = engine(store, clock);
        // warm-up
        accept(engine, "warm", Math.min(n / 4, 5_000), threads);
        clean(pool);
        if (!System.getenv().getOrDefault("JOURNEY_BENCH_KEEP_WAL", "").isEmpty() && db.equals("sqlite")) {
          try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // the kept WAL starts with the measured run
          }
        }
        store = JdbcJourneyStore.builder(pool).clock(clock).maxGroup(maxGroup).batchStatements(batch).commitLanes(LANES).build();
        engine = engine(store, clock);
        if (prefill > 0) {
          long f = System.nanoTime();
          fillInbox(pool, prefill, db);
          System.out.printf(Locale.ROOT, "%s inbox filled with %,d rows in %.1f s%n",
              db, prefill, (System.nanoTime() - f) / 1e9);
        }
        ServerCpu server = db.equals("pg") ? ServerCpu.of(pool) : null;
        long[] srv = serverCounters(server, pool);
        long t = System.nanoTime();
        long cpu = processCpuNanos();
        long[] io = io();
        WORKER_CPU.set(0);
        WORKER_USER.set(0);
        accept(engine, "s", n, threads);
        long[] ioAfter = io();
        double commitsPerSecond = n / ((System.nanoTime() - t) / 1e9);
        double perCpuSecond = n / ((processCpuNanos() - cpu) / 1e9);
        long[] srvAfter = serverCounters(server, pool);
        System.out.printf(Locale.ROOT,
            "%s engine commits, %d thread(s): %,.0f commits/s wall, %,.0f commits per CPU-second of this JVM,"
                + " %.1f us CPU per commit in the benchmark's threads (%.1f us user)%n",
            db, threads, commitsPerSecond, perCpuSecond, WORKER_CPU.get() / 1e3 / n, WORKER_USER.get() / 1e3 / n);
        printIo(db, "commit", io, ioAfter, n);
        String keep = System.getenv().getOrDefault("JOURNEY_BENCH_KEEP_WAL", "");
        if (!keep.isEmpty() && db.equals("sqlite")) {
          // with wal_autocheckpoint=0 the WAL holds every frame the commits wrote: copied for
          // counting the pages per transaction and per B-tree (not by this harness)
          Path to = Path.of(keep);
          Files.createDirectories(to);
          for (String f : List.of("bench.db", "bench.db-wal")) {
            Files.copy(DIR.resolve(f), to.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
          System.out.println("sqlite database and WAL after the commits copied to " + to);
        }
        printServer(server, "commit", srv, srvAfter, n);
        // every subject now has one SLA timer due 10 minutes after T0: drain them with as many
        // threads calling fireDueTimers (claims are leased, so the threads split the work)
        clock.now.set(T0.plus(Duration.ofHours(1)));
        srv = serverCounters(server, pool);
        t = System.nanoTime();
        cpu = processCpuNanos();
        io = io();
        WORKER_CPU.set(0);
        WORKER_USER.set(0);
        int fired = drain(engine, threads);
        ioAfter = io();
        double timersPerSecond = fired / ((System.nanoTime() - t) / 1e9);
        double timersPerCpuSecond = fired / ((processCpuNanos() - cpu) / 1e9);
        srvAfter = serverCounters(server, pool);
        System.out.printf(Locale.ROOT,
            "%s timer drain (claim + fire + commit), %d thread(s): %,d timers, %,.0f timers/s wall,"
                + " %,.0f per CPU-second of this JVM, %.1f us CPU per timer in the benchmark's threads"
                + " (%.1f us user)%n",
            db, threads, fired, timersPerSecond, timersPerCpuSecond, WORKER_CPU.get() / 1e3 / Math.max(1, fired),
            WORKER_USER.get() / 1e3 / Math.max(1, fired));
        printIo(db, "timer", io, ioAfter, Math.max(1, fired));
        printServer(server, "timer", srv, srvAfter, Math.max(1, fired));
        if (!db.equals("pg")) {
          System.out.printf(Locale.ROOT, "%s database files after %,d signals and %,d timers: %,d bytes%n",
              db, n, fired, filesSize());
        }
      } finally {
        ((AutoCloseable) pool).close();
      }
    }
  }

  /**
   * CPU time of the benchmark's own threads (those calling the engine, which also write the
   * groups they lead), without the JIT compiler's and the collector's threads.
   */
  private static final java.util.concurrent.atomic.AtomicLong WORKER_CPU =
      new java.util.concurrent.atomic.AtomicLong();
  /** Of {@link #WORKER_CPU}, the time in user mode (the rest is the kernel's: fsync, locks, reads). */
  private static final java.util.concurrent.atomic.AtomicLong WORKER_USER =
      new java.util.concurrent.atomic.AtomicLong();

  private static <T> java.util.concurrent.Callable<T> counted(java.util.concurrent.Callable<T> task) {
    return () -> {
      java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
      long start = mx.getCurrentThreadCpuTime();
      long user = mx.getCurrentThreadUserTime();
      try {
        return task.call();
      } finally {
        WORKER_CPU.addAndGet(mx.getCurrentThreadCpuTime() - start);
        WORKER_USER.addAndGet(mx.getCurrentThreadUserTime() - user);
      }
    };
  }

  /**
   * The process's I/O counters from {@code /proc/self/io} (Linux): read and write system calls,
   * bytes passed to them; zeros elsewhere. Counts, so they do not depend on the machine's load.
   */
  private static long[] io() {
    long[] v = new long[4];
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
        String[] kv = line.split(":\\s*");
        switch (kv[0]) {
          case "syscr" -> v[0] = Long.parseLong(kv[1].trim());
          case "syscw" -> v[1] = Long.parseLong(kv[1].trim());
          case "rchar" -> v[2] = Long.parseLong(kv[1].trim());
          case "wchar" -> v[3] = Long.parseLong(kv[1].trim());
          default -> { }
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux: no counters
    }
    return v;
  }

  private static void printIo(String db, String what, long[] before, long[] after, int ops) {
    System.out.printf(Locale.ROOT,
        "%s I/O per %s: %.2f read calls (%.0f bytes), %.2f write calls (%.0f bytes)%n",
        db, what, (after[0] - before[0]) / (double) ops, (after[2] - before[2]) / (double) ops,
        (after[1] - before[1]) / (double) ops, (after[3] - before[3]) / (double) ops);
  }

  /**
   * PostgreSQL only: the server's CPU time ({@link ServerCpu}) and its next transaction id (a
   * transaction or savepoint that writes takes one, a read takes none), so that "ids per commit"
   * tells how many commits shared a group's transaction; nulls for the embedded databases.
   */
  private static long[] serverCounters(ServerCpu server, javax.sql.DataSource pool) throws Exception {
    if (server == null) {
      return null;
    }
    long cpu = server.nanos();
    // an idle backend whose last flush was under a second ago flushes its statistics
    // (pg_stat_wal, pg_stat_user_tables) ten seconds later (PGSTAT_IDLE_INTERVAL): wait that long,
    // outside the timed part, so that the counts include the run just measured
    Thread.sleep(10_500);
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint,"
                    + " pg_current_wal_lsn() - '0/0'::pg_lsn,"
                    + " (SELECT wal_records FROM pg_stat_wal), (SELECT wal_fpi FROM pg_stat_wal),"
                    + " (SELECT coalesce(sum(n_tup_hot_upd), 0) FROM pg_stat_user_tables WHERE relname = 'journey_timer'),"
                    + " (SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = 'journey_timer'),"
                    + " (SELECT coalesce(sum(n_tup_hot_upd), 0) FROM pg_stat_user_tables WHERE relname = 'journey_snapshot'),"
                    + " (SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = 'journey_snapshot')")) {
      rs.next();
      long[] v = new long[9];
      v[0] = cpu;
      for (int i = 1; i < v.length; i++) {
        v[i] = rs.getLong(i);
      }
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      return v;
    }
  }

  private static void printServer(ServerCpu server, String what, long[] before, long[] after, int ops) {
    if (server == null) {
      return;
    }
    System.out.printf(Locale.ROOT,
        "pg server per %s: %s us CPU (all its processes), %.3f transaction ids (a group's transaction"
            + " and its savepoint take one each)%n",
        what, before[0] < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", (after[0] - before[0]) / 1e3 / ops),
        (after[1] - before[1]) / (double) ops);
    System.out.printf(Locale.ROOT,
        "pg WAL per %s: %.0f bytes (WAL position), %.2f records, %.3f full-page images (pg_stat_wal);"
            + " updates heap-only (HOT): timers %d of %d, snapshots %d of %d%n",
        what, (after[2] - before[2]) / (double) ops, (after[3] - before[3]) / (double) ops,
        (after[4] - before[4]) / (double) ops, after[5] - before[5], after[6] - before[6],
        after[7] - before[7], after[8] - before[8]);
  }

  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return 0;
  }

  private static JourneyEngine engine(JourneyStore store, Clock clock) {
    JavaRuleSet rules =
        JavaRuleSet.builder("bench", "1")
            .rule("form", f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
                (f, d) -> d.increment("forms", 1)
                    .startTimer("sla", f.signal().occurredAt().plus(Duration.ofMinutes(10)))
                    .notify("owner", "new form"))
            .rule("sla", f -> f.signal().isTimer(), (f, d) -> d.increment("breaches", 1))
            .build();
    return JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules)).store(store).clock(clock).build();
  }

  private static int drain(JourneyEngine engine, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int th = 0; th < threads; th++) {
        futures.add(pool.submit(counted(() -> engine.fireDueTimers())));
      }
      int fired = 0;
      for (Future<Integer> f : futures) {
        fired += f.get();
      }
      return fired;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void accept(JourneyEngine engine, String prefix, int n, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int th = 0; th < threads; th++) {
        int from = th;
        futures.add(pool.submit(counted(() -> {
          for (int i = from; i < n; i += threads) {
            engine.accept(Signal.builder().id(prefix + "-" + i).subject(SubjectRef.contact(prefix + i))
                .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0).source("bench").build());
          }
          return null;
        })));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static javax.sql.DataSource open(String db, int size) throws Exception {
    if (db.equals("pg")) {
      String url = System.getenv("JOURNEY_PG_URL");
      if (url == null) {
        throw new IllegalStateException("JOURNEY_PG_URL is not set: source .ci/postgres.sh first");
      }
      com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername(System.getenv().getOrDefault("JOURNEY_PG_USER", "journey"));
      config.setPassword(System.getenv().getOrDefault("JOURNEY_PG_PASSWORD", "journey"));
      config.setMaximumPoolSize(size);
      com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(config);
      clean(pool);
      return pool;
    }
    Path dir = DIR;
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    switch (db) {
      case "sqlite":
        String pageSize = System.getenv().getOrDefault("JOURNEY_BENCH_SQLITE_PAGE_SIZE", "");
        if (!pageSize.isEmpty()) {
          // a new database takes its page size before WAL mode fixes it: create the file first
          System.out.println("sqlite file created with page_size " + pageSize);
          try (Connection c = java.sql.DriverManager.getConnection(
                  "jdbc:sqlite:" + dir.toAbsolutePath().resolve("bench.db"));
              Statement st = c.createStatement()) {
            st.execute("PRAGMA page_size=" + Integer.parseInt(pageSize));
            st.execute("PRAGMA journal_mode=WAL");
          }
        }
        String pragmas = System.getenv().getOrDefault("JOURNEY_BENCH_SQLITE_PRAGMAS", "");
        if (!pragmas.isEmpty()) {
          // JdbcPool.sqliteFile's URL with more pragmas, to measure them before setting them
          System.out.println("sqlite with extra pragmas: " + pragmas);
          return JdbcPool.of("jdbc:sqlite:" + dir.toAbsolutePath().resolve("bench.db")
              + "?journal_mode=WAL&synchronous=FULL&busy_timeout=10000&" + pragmas, "", "",
              JdbcPool.DEFAULT_MAX_SIZE);
        }
        return JdbcPool.sqliteFile(dir.resolve("bench.db"));
      case "h2":
        return JdbcPool.h2File(dir.resolve("bench"));
      case "h2-delay":
        return JdbcPool.of(
            "jdbc:h2:file:" + dir.toAbsolutePath().resolve("bench") + ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64",
            "sa", "", size);
      default:
        throw new IllegalArgumentException("database must be sqlite, h2, h2-delay or pg, but was " + db);
    }
  }

  private static final Path DIR = Path.of("target", "bench-db");

  /** The store's commit lanes ({@code JOURNEY_BENCH_LANES}, default the store's). */
  private static final int LANES =
      Integer.parseInt(
          System.getenv()
              .getOrDefault(
                  "JOURNEY_BENCH_LANES", Integer.toString(JdbcJourneyStore.DEFAULT_COMMIT_LANES)));

  /** The size of the files of the embedded database, WAL included. */
  static long filesSize() throws java.io.IOException {
    if (!Files.isDirectory(DIR)) {
      return 0;
    }
    long size = 0;
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        size += Files.size(p);
      }
    }
    return size;
  }

  /** Bulk-inserts {@code rows} processed signal ids (other subjects), 10,000 per transaction. */
  private static void fillInbox(javax.sql.DataSource pool, int rows, String db) throws Exception {
    Dialect dialect = db.equals("pg") ? Dialect.POSTGRESQL : db.equals("sqlite") ? Dialect.SQLITE : Dialect.H2;
    try (Connection c = pool.getConnection();
        java.sql.PreparedStatement ps = c.prepareStatement(
            "INSERT INTO journey_inbox (signal_id, subject, received_at, fingerprint) VALUES (?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      for (int i = 0; i < rows; i++) {
        ps.setString(1, "old-" + i);
        ps.setString(2, "contact:old" + i);
        ps.setLong(3, T0.toEpochMilli() * 1000);
        Fingerprints.bind(ps, 4, fingerprint(i), dialect); // as the store stores it
        ps.addBatch();
        if (i % 10_000 == 9_999 || i == rows - 1) {
          ps.executeBatch();
          c.commit();
        }
      }
    }
  }

  /**
   * A fingerprint of the shape {@code Signal.fingerprint()} gives (32 hexadecimal digits), so
   * that filled rows are the size of the rows a commit writes.
   */
  static String fingerprint(int i) {
    return String.format(Locale.ROOT, "%016x%016x", i * 0x9E3779B97F4A7C15L, ~i * 0xC2B2AE3D27D4EB4FL);
  }

  private static void clean(javax.sql.DataSource pool) throws Exception {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      for (String table : List.of("journey_inbox", "journey_snapshot", "journey_shared", "journey_timer",
          "journey_outbox", "journey_dead_letter", "journey_audit", "journey_schema_version")) {
        st.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }
}
