package dev.journey.jdbc.bench;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.jdbc.JdbcJourneyStore;
import dev.journey.jdbc.JdbcPool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Durability of the embedded databases under {@code kill -9} (a harness, not a unit test): a
 * child JVM accepts signals for new subjects through the engine and the JDBC store and prints
 * each signal id once {@code accept} returned (the acknowledgement); this parent kills it with
 * SIGKILL after a random number of acknowledgements, reopens the database and counts the
 * acknowledged signals whose inbox row is missing. Also prints the commit rate of the child and
 * the file size per committed signal.
 *
 * <pre>
 * mvn -q -o -pl journey-jdbc -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * cd journey-jdbc && java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" \
 *     dev.journey.jdbc.bench.DurabilityBench sqlite 5     # or h2, h2-delay
 * </pre>
 */
public final class DurabilityBench {
  private static final Path DIR = Path.of("target", "durability-db");
  private static final Path ACKS = Path.of("target", "durability-acks.txt");

  private DurabilityBench() {}

  /**
   * Runs the harness.
   *
   * @param args {@code sqlite|h2|h2-delay [kills] [seed]}, or {@code child <db>} in the child
   */
  public static void main(String[] args) throws Exception {
    if (args[0].equals("child")) {
      child(args[1], Path.of(args[2]));
      return;
    }
    String db = args[0];
    int kills = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Random random = new Random(seed);
    System.out.printf(Locale.ROOT, "durability: %s, %d kills, seed %d%n", db, kills, seed);
    int totalAcked = 0;
    int totalLost = 0;
    for (int kill = 0; kill < kills; kill++) {
      clean();
      int killAfter = 2_000 + random.nextInt(6_000);
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              DurabilityBench.class.getName(),
              "child",
              db,
              ACKS.toString());
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Files.deleteIfExists(ACKS);
      int seen = 0;
      long start = 0;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while (seen < killAfter && (line = out.readLine()) != null) {
          if (line.equals("ready")) {
            start = System.nanoTime();
          } else {
            seen++;
          }
        }
        process.destroyForcibly(); // SIGKILL
        process.waitFor();
      }
      // The child appends each acknowledgement to a file before it goes on (one write per line):
      // the record, since the JDK closes a dead child's stdout pipe under a reader.
      List<String> acked = new ArrayList<>(Files.readAllLines(ACKS, StandardCharsets.UTF_8));
      double seconds = (System.nanoTime() - start) / 1e9;
      long size = size();
      int lost = 0;
      try (JdbcPool pool = open(db);
          Connection c = pool.getConnection();
          PreparedStatement ps = c.prepareStatement("SELECT 1 FROM journey_inbox WHERE signal_id = ?")) {
        for (String id : acked) {
          ps.setString(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              lost++;
            }
          }
        }
      }
      totalAcked += acked.size();
      totalLost += lost;
      System.out.printf(
          Locale.ROOT,
          "%s kill %d: %,d acknowledged, %,d lost; %,.0f commits/s before the kill; files %,d bytes"
              + " (%,d bytes per acknowledged signal)%n",
          db, kill + 1, acked.size(), lost, acked.size() / seconds, size,
          acked.isEmpty() ? 0 : size / acked.size());
    }
    System.out.printf(Locale.ROOT, "%s: %d kills, %,d acknowledged, %,d lost%n", db, kills, totalAcked, totalLost);
  }

  private static void child(String db, Path acks) throws Exception {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    java.io.FileOutputStream ackFile = new java.io.FileOutputStream(acks.toFile(), true);
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    JdbcPool pool = open(db);
    JdbcJourneyStore store =
        JdbcJourneyStore.builder(pool).clock(java.time.Clock.fixed(t0, java.time.ZoneOffset.UTC)).build();
    JavaRuleSet rules =
        JavaRuleSet.builder("durability", "1")
            .rule("form", f -> true,
                (f, d) -> d.increment("forms", 1)
                    .startTimer("sla", f.signal().occurredAt().plus(Duration.ofMinutes(10)))
                    .notify("owner", "new form"))
            .build();
    JourneyEngine engine =
        JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules)).store(store)
            .clock(java.time.Clock.fixed(t0, java.time.ZoneOffset.UTC)).build();
    out.println("ready");
    out.flush();
    for (int i = 0; i < 10_000_000; i++) {
      String id = "sig-" + i;
      engine.accept(Signal.builder().id(id).subject(SubjectRef.contact("c" + i))
          .type(SignalTypes.FORM_SUBMITTED).occurredAt(t0).source("durability").build());
      ackFile.write((id + "\n").getBytes(StandardCharsets.UTF_8));
      out.println(id);
      out.flush();
    }
  }

  private static JdbcPool open(String db) {
    switch (db) {
      case "sqlite":
        return JdbcPool.sqliteFile(DIR.resolve("journey.db"));
      case "h2":
        return JdbcPool.h2File(DIR.resolve("journey"));
      case "h2-delay":
        return JdbcPool.of(
            "jdbc:h2:file:" + DIR.toAbsolutePath().resolve("journey") + ";LOCK_TIMEOUT=10000",
            "sa", "", 8);
      default:
        throw new IllegalArgumentException("database must be sqlite, h2 or h2-delay, but was " + db);
    }
  }

  private static void clean() throws Exception {
    Files.createDirectories(DIR);
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
  }

  private static long size() throws Exception {
    long size = 0;
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        size += Files.size(p);
      }
    }
    return size;
  }
}
