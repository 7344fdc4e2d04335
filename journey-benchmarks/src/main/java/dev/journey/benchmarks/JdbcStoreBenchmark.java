package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.jdbc.JdbcJourneyStore;
import dev.journey.jdbc.JdbcPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The durable store under the engine: {@code commit} accepts a new form signal per op (inbox
 * check, load, evaluation, one transaction with inbox row, snapshot, a timer, an outbox entry and
 * an audit record) on 4 threads, {@code commit32} the same on 32 threads (what group commit
 * needs: concurrent commits to share a transaction and its fsync); {@code drainTimers} fires 2,000
 * due timers per invocation (claim with a lease, fire, commit the decision with the timer's
 * completion). {@code db=sqlite} (the embedded default, WAL, fsync per transaction) and {@code
 * db=h2} are files in a temporary directory; {@code db=pg} uses {@code JOURNEY_PG_URL} through
 * HikariCP (source {@code .ci/postgres.sh} first).
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar JdbcStoreBenchmark -f 1 -wi 2 -i 3
 * }</pre>
 */
public class JdbcStoreBenchmark {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final int TIMERS = 2_000;

  static JavaRuleSet rules() {
    return JavaRuleSet.builder("bench", "1")
        .rule(
            "form",
            f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
            (f, d) ->
                d.increment("forms", 1)
                    .startTimer("sla", f.signal().occurredAt().plus(Duration.ofMinutes(10)))
                    .notify("owner", "new form"))
        .rule("sla", f -> f.signal().isTimer(), (f, d) -> d.increment("breaches", 1))
        .build();
  }

  /** A database, an engine on it and a movable clock. */
  @State(Scope.Benchmark)
  public static class Db {
    /** {@code sqlite}, {@code h2} or {@code pg}. */
    @Param({"sqlite"})
    public String db;

    Path dir;
    DataSource pool;
    JourneyEngine engine;
    TimerDrainBenchmark.MovableClock clock;
    final AtomicInteger threads = new AtomicInteger();
    final AtomicInteger run = new AtomicInteger();

    /** Opens a fresh database. */
    @Setup(Level.Trial)
    public void open() throws IOException {
      if (db.equals("pg")) {
        String url = System.getenv("JOURNEY_PG_URL");
        if (url == null) {
          throw new IllegalStateException("db=pg needs JOURNEY_PG_URL: source .ci/postgres.sh first");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(System.getenv().getOrDefault("JOURNEY_PG_USER", "journey"));
        config.setPassword(System.getenv().getOrDefault("JOURNEY_PG_PASSWORD", "journey"));
        config.setMaximumPoolSize(8);
        pool = new HikariDataSource(config);
      } else {
        dir = Files.createTempDirectory("journey-bench");
        pool =
            db.equals("h2")
                ? JdbcPool.h2File(dir.resolve("journey"))
                : JdbcPool.sqliteFile(dir.resolve("journey.db"));
      }
      clock = new TimerDrainBenchmark.MovableClock(T0);
      engine =
          JourneyEngine.builder()
              .definition(JourneyDefinition.builder("lead-handoff")
                  .model(JourneyModel.leadHandoff())
                  .evaluator(rules())
                  .build())
              .store(JdbcJourneyStore.builder(pool).clock(clock).build())
              .clock(clock)
              .build();
    }

    /** Closes and deletes the database. */
    @TearDown(Level.Trial)
    public void close() throws Exception {
      ((AutoCloseable) pool).close();
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /** A thread's own signal ids. */
  @State(Scope.Thread)
  public static class Ids {
    String prefix;
    long next;

    /** Takes a unique prefix. */
    @Setup(Level.Trial)
    public void setUp(Db db) {
      prefix = "c" + db.threads.getAndIncrement() + "-" + System.nanoTime();
    }
  }

  /** One engine commit per op, 4 threads. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public SignalResult commit(Db db, Ids ids) {
    String id = ids.prefix + "-" + ids.next++;
    return db.engine.accept(
        new Signal(
            id, SubjectRef.contact(id), SignalTypes.FORM_SUBMITTED, T0, "bench", java.util.Map.of()));
  }

  /** One engine commit per op, 32 threads: concurrent commits share transactions. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(32)
  public SignalResult commit32(Db db, Ids ids) {
    return commit(db, ids);
  }

  /** 2,000 subjects with a due timer each, committed before every invocation. */
  @State(Scope.Thread)
  public static class DueTimers {
    /** Creates the timers and moves the clock past them. */
    @Setup(Level.Invocation)
    public void setUp(Db db) {
      int run = db.run.incrementAndGet();
      db.clock.now = T0;
      for (int i = 0; i < TIMERS; i++) {
        String id = "t" + run + "-" + i;
        db.engine.accept(
            new Signal(
                id, SubjectRef.contact(id), SignalTypes.FORM_SUBMITTED, T0, "bench",
                java.util.Map.of()));
      }
      db.clock.now = T0.plus(Duration.ofHours(1));
    }
  }

  /** Drains the due timers on one thread; score = microseconds per timer. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  @OperationsPerInvocation(TIMERS)
  public int drainTimers(Db db, DueTimers timers) {
    int fired = db.engine.fireDueTimers();
    if (fired < TIMERS) {
      throw new IllegalStateException("fired " + fired + " of " + TIMERS);
    }
    return fired;
  }
}
