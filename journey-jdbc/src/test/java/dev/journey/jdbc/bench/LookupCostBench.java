package dev.journey.jdbc.bench;

import dev.journey.core.SubjectRef;
import dev.journey.jdbc.JdbcJourneyStore;
import dev.journey.jdbc.JdbcPool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The CPU of the engine's read before every evaluation ({@link JdbcJourneyStore#lookup}) on the
 * SQLite default, in one thread, warm (a harness, not a unit test): {@code rounds} rounds of
 * {@code lookups} lookups of subjects and signal ids that are not stored (the statement, the
 * connection's borrow and return, no document to read), the thread's CPU time per lookup printed
 * per round. Thread CPU time, so the figure holds on a machine shared with other work.
 *
 * <pre>
 * java -cp "$CP" dev.journey.jdbc.bench.LookupCostBench 200000 5
 * </pre>
 */
public final class LookupCostBench {
  private LookupCostBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code [lookups per round] [rounds]}
   */
  public static void main(String[] args) throws Exception {
    int lookups = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Path.of("target", "bench-lookup");
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (JdbcPool pool = JdbcPool.sqliteFile(dir.resolve("lookup.db"))) {
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
      for (int r = 0; r < rounds; r++) {
        long cpu = mx.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        int found = 0;
        for (int i = 0; i < lookups; i++) {
          found += store.lookup(SubjectRef.contact("c" + i), "s-" + i).snapshot().isPresent() ? 1 : 0;
        }
        System.out.printf(Locale.ROOT,
            "round %d: %,d lookups, %.2f us CPU per lookup, %.2f us wall (%d found)%n",
            r + 1, lookups, (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / lookups,
            (System.nanoTime() - t) / 1e3 / lookups, found);
      }
    }
  }
}
