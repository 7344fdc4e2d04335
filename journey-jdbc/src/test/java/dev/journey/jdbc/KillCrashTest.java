package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneySnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real crash test: a child JVM ({@link CrashChild}) runs the {@link CrashWorkload} on a
 * database and is killed with SIGKILL ({@link Process#destroyForcibly()} on the process this test
 * started) after a random number of its reports, many times; the sender (this test) then starts
 * a new child and redelivers only the signals not acknowledged. After the last child ran to
 * quiescence: no acknowledged signal is lost, every committed action took effect, executions
 * beyond the first of the same attempt are bounded by the actions in flight at each kill, and
 * every timer fired once; with leases released at restart, everything equals an uninterrupted
 * run.
 *
 * <p>The seed is logged; {@code -Djourney.crash.seed=N} repeats a run.
 */
final class KillCrashTest {
  private static final Logger LOG = LoggerFactory.getLogger(KillCrashTest.class);
  private static final long LINE_TIMEOUT_SECONDS = 120;

  /** How the database of a run is reached: from this JVM and by the child. */
  private record Target(String name, Supplier<javax.sql.DataSource> open, List<String> childArgs) {}

  /** What the sender saw over all incarnations. */
  private static final class Sent {
    final Set<Integer> acknowledged = new TreeSet<>();
    final Map<String, Integer> applications = new TreeMap<>(); // "id attempt" -> count
    final Set<String> appliedIds = new TreeSet<>();
    int kills;
    int linesRead;
    int duplicates;
    int inFlightAtKills;
    final List<String> killLog = new ArrayList<>();
  }

  @Test
  void should_lose_no_acknowledged_signal_and_apply_every_effect_once_when_sqlite_is_killed() {
    // given
    Path file = TestDatabases.dir().resolve("kill-sqlite.db");
    TestDatabases.deleteFiles("kill-sqlite");
    Target target =
        new Target("sqlite", () -> JdbcPool.sqliteFile(file), List.of("sqlite", file.toString()));
    // when / then
    runAndCheck(target, 16, true);
  }

  @Test
  void should_recover_claimed_work_after_its_lease_when_restarted_under_a_new_instance_id() {
    // given: every incarnation has a new instance id and does not release leases
    Path file = TestDatabases.dir().resolve("kill-sqlite-lease.db");
    TestDatabases.deleteFiles("kill-sqlite-lease");
    Target target =
        new Target("sqlite", () -> JdbcPool.sqliteFile(file), List.of("sqlite", file.toString()));
    // when / then
    runAndCheck(target, 10, false);
  }

  @Test
  void should_lose_no_acknowledged_signal_and_apply_every_effect_once_when_killed_on_postgres() {
    // given
    TestDatabases.freshPostgres(2).close();
    Target target = new Target("postgres", () -> TestDatabases.postgres(2), List.of("postgres", "-"));
    // when / then
    runAndCheck(target, 16, true);
  }

  private static long seed() {
    return Long.getLong("journey.crash.seed", System.nanoTime());
  }

  private void runAndCheck(Target target, int kills, boolean releaseLeases) {
    long seed = seed();
    LOG.info("{} kill test, seed {} (-Djourney.crash.seed={})", target.name(), seed, seed);
    Random random = new Random(seed);
    Reference reference = reference();
    // kill points spread over the whole run, as positions in all the reports of all incarnations
    int[] points = random.ints(kills, 0, reference.lines).sorted().toArray();
    Sent sent = new Sent();
    deleteIfExists(TestDatabases.dir().resolve("kill-child-" + target.name() + ".err"));
    int incarnation = 0;
    boolean quiesced = false;
    long sizeMax = 0;
    for (int round = 0; round <= kills && !quiesced; round++) {
      incarnation++;
      String instance = releaseLeases ? "node-1" : "node-" + incarnation;
      boolean kill = round < kills;
      // at the next kill point, or within a few reports when this incarnation starts past it
      // (0: killed during startup: schema check, lease release, first claims)
      int killAfter =
          kill ? Math.max(random.nextInt(3), points[round] - sent.linesRead) : Integer.MAX_VALUE;
      quiesced = runChild(target, instance, releaseLeases, killAfter, sent, kill);
      sizeMax = Math.max(sizeMax, fileSize(target));
    }
    if (!quiesced) {
      quiesced = runChild(target, releaseLeases ? "node-1" : "node-final", releaseLeases, Integer.MAX_VALUE, sent, false);
    }
    assertThat(quiesced).as("the last child ran to quiescence").isTrue();

    javax.sql.DataSource pool = target.open().get();
    try {
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
      Map<SubjectRef, List<AuditRecord>> audits = new LinkedHashMap<>();
      Map<SubjectRef, Optional<JourneySnapshot>> snapshots = new LinkedHashMap<>();
      for (SubjectRef subject : CrashWorkload.SCENARIO.subjects) {
        audits.put(subject, store.audit(subject));
        snapshots.put(subject, store.load(subject));
      }
      List<String> decidedSignals = new ArrayList<>();
      List<String> firedTimers = new ArrayList<>();
      Set<String> committedActions = new TreeSet<>();
      audits.values().forEach(list -> list.forEach(r -> {
        if (r.outcome() == AuditRecord.Outcome.DECIDED) {
          decidedSignals.add(r.signal().id());
          if (r.signal().isTimer()) {
            firedTimers.add(r.signal().id());
          }
          r.decision().actions().forEach(a -> committedActions.add(a.id()));
        }
      }));
      LOG.info(
          "{} kill test: {} kills, {} signals acknowledged, {} effects, {} duplicate executions"
              + " (in flight at the kills: {}), {} timers fired, file at most {} bytes; kills: {}",
          target.name(), sent.kills, sent.acknowledged.size(), sent.appliedIds.size(),
          sent.duplicates, sent.inFlightAtKills, firedTimers.size(), sizeMax, sent.killLog);

      // then
      assertThat(sent.kills).as("kills").isGreaterThanOrEqualTo(kills / 2);
      assertThat(sent.acknowledged).as("every signal acknowledged in the end")
          .hasSize(CrashWorkload.SCENARIO.signals.size());
      Set<String> scenarioIds = CrashWorkload.SCENARIO.signals.stream().map(s -> s.id())
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(decidedSignals).as("every acknowledged signal decided, none twice")
          .doesNotHaveDuplicates()
          .containsAll(scenarioIds);
      assertThat(firedTimers).as("no timer fired twice").doesNotHaveDuplicates();
      assertThat(store.nextTimerDue()).as("no timer left").isEmpty();
      assertThat(store.pendingActions()).as("outbox drained").isEmpty();
      assertThat(store.deadLetters()).as("dead letters requeued and done").isEmpty();
      Set<String> missing = new TreeSet<>(committedActions);
      missing.removeAll(sent.appliedIds);
      Set<String> extra = new TreeSet<>(sent.appliedIds);
      extra.removeAll(committedActions);
      assertThat(missing).as("committed actions that never took effect (child logs: "
          + TestDatabases.dir().resolve("kill-child-" + target.name() + ".err") + ")").isEmpty();
      assertThat(extra).as("effects of actions never committed").isEmpty();
      assertThat(sent.duplicates).as("re-executions bounded by the actions in flight at the kills")
          .isLessThanOrEqualTo(sent.inFlightAtKills);
      if (releaseLeases) {
        assertThat(snapshots).as("final snapshots").isEqualTo(reference.snapshots);
        assertThat(audits).as("audit trails").isEqualTo(reference.audits);
        assertThat(sent.appliedIds).as("effects").isEqualTo(reference.effects);
      } else {
        assertThat(firedTimers).as("timers fired").hasSameSizeAs(reference.firedTimers);
        assertThat(sent.appliedIds).as("effects").hasSameSizeAs(reference.effects);
      }
    } finally {
      TestDatabases.close(pool);
    }
  }

  /**
   * Runs one child until it has written {@code killAfter} lines (then kills it) or quiesced.
   *
   * @return whether it quiesced
   */
  private boolean runChild(
      Target target, String instance, boolean release, int killAfter, Sent sent, boolean kill) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashChild.class.getName());
    command.addAll(target.childArgs());
    command.add(instance);
    command.add(release ? "release" : "keep");
    Path report = TestDatabases.dir().resolve("kill-report-" + target.name() + ".txt");
    deleteIfExists(report);
    command.add(report.toString());
    Path errors = TestDatabases.dir().resolve("kill-child-" + target.name() + ".err");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(errors.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> appliedHere = new HashSet<>();
    boolean quiesced = false;
    try {
      try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
        StringBuilder lines = new StringBuilder();
        for (int step = 0; step < CrashWorkload.SCENARIO.signals.size(); step++) {
          if (!sent.acknowledged.contains(step)) {
            lines.append("S ").append(step).append('\n');
          }
        }
        lines.append("Q\n");
        in.write(lines.toString());
      } catch (IOException e) {
        // the child died before reading: handled below like any kill
      }
      BlockingQueue<String> output = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> pump(process, output), "kill-test-reader");
      reader.setDaemon(true);
      reader.start();
      int read = 0;
      while (read < killAfter) {
        String line = output.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
          fail("no output from the " + target.name() + " child within " + LINE_TIMEOUT_SECONDS
              + " s; see " + errors);
        }
        if (line.equals("EOF")) {
          break;
        }
        read++;
        sent.linesRead++;
        if (line.equals("Q")) {
          quiesced = true;
          break;
        }
      }
      if (kill && !quiesced) {
        process.destroyForcibly(); // SIGKILL on Linux
        sent.kills++;
      }
      if (!process.waitFor(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the " + target.name() + " child did not end; see " + errors);
      }
      reader.join(TimeUnit.SECONDS.toMillis(LINE_TIMEOUT_SECONDS));
      // the report file is the record: every line the child wrote before it died
      List<String> written =
          Files.exists(report) ? Files.readAllLines(report, StandardCharsets.UTF_8) : List.of();
      for (String line : written) {
        if (line.startsWith("A ")) {
          sent.acknowledged.add(Integer.parseInt(line.substring(2)));
        } else if (line.startsWith("E ")) {
          String key = line.substring(2);
          String id = key.substring(0, key.lastIndexOf(' '));
          if (sent.applications.merge(key, 1, Integer::sum) > 1) {
            sent.duplicates++;
          }
          sent.appliedIds.add(id);
          appliedHere.add(id);
        }
      }
      if (!quiesced) {
        int inFlight = inFlight(target, appliedHere);
        sent.inFlightAtKills += inFlight;
        sent.killLog.add(read + " lines/" + inFlight + " in flight");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return quiesced;
  }

  /** Actions this incarnation applied whose outcome it had not recorded when it was killed. */
  private static int inFlight(Target target, Set<String> appliedHere) {
    javax.sql.DataSource pool = target.open().get();
    try {
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
      Set<String> pending = new HashSet<>();
      for (OutboxEntry entry : store.pendingActions()) {
        pending.add(entry.actionId());
      }
      pending.retainAll(appliedHere);
      return pending.size();
    } finally {
      TestDatabases.close(pool);
    }
  }

  private static void pump(Process process, BlockingQueue<String> output) {
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
      }
    } catch (IOException e) {
      // "Stream closed": when the child dies the JDK closes its stdout under a blocked reader and
      // lines not yet read are gone; that is why the report file, not stdout, is the record
    }
    output.add("EOF");
  }

  private static void deleteIfExists(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long fileSize(Target target) {
    if (!target.name().equals("sqlite")) {
      return 0;
    }
    Path file = Path.of(target.childArgs().get(1));
    long size = 0;
    for (String suffix : List.of("", "-wal", "-shm")) {
      Path p = Path.of(file + suffix);
      try {
        if (Files.exists(p)) {
          size += Files.size(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return size;
  }

  /** The uninterrupted run, in this JVM, on a SQLite file of its own. */
  private static final class Reference {
    final Map<SubjectRef, Optional<JourneySnapshot>> snapshots = new LinkedHashMap<>();
    final Map<SubjectRef, List<AuditRecord>> audits = new LinkedHashMap<>();
    final Set<String> effects = new TreeSet<>();
    final List<String> firedTimers = new ArrayList<>();
    int lines;
  }

  private static Reference reference() {
    TestDatabases.deleteFiles("kill-reference");
    Reference ref = new Reference();
    Map<String, Integer> seen = new HashMap<>();
    try (JdbcPool pool = JdbcPool.sqliteFile(TestDatabases.dir().resolve("kill-reference.db"))) {
      CrashWorkload workload =
          new CrashWorkload(
              pool,
              "reference",
              true,
              line -> {
                ref.lines++;
                if (line.startsWith("E ")) {
                  String key = line.substring(2);
                  seen.merge(key, 1, Integer::sum);
                  ref.effects.add(key.substring(0, key.lastIndexOf(' ')));
                }
              });
      for (int step = 0; step < CrashWorkload.SCENARIO.signals.size(); step++) {
        workload.step(step);
      }
      workload.quiesce();
      for (SubjectRef subject : CrashWorkload.SCENARIO.subjects) {
        ref.snapshots.put(subject, workload.store().load(subject));
        List<AuditRecord> audit = workload.store().audit(subject);
        ref.audits.put(subject, audit);
        audit.stream()
            .filter(r -> r.signal().isTimer() && r.outcome() == AuditRecord.Outcome.DECIDED)
            .forEach(r -> ref.firedTimers.add(r.signal().id()));
      }
    }
    assertThat(seen.values()).as("the reference executes each attempt once").containsOnly(1);
    assertThat(ref.effects).as("the reference has effects").hasSizeGreaterThan(100);
    assertThat(ref.firedTimers).as("the reference fires timers").hasSizeGreaterThan(20);
    long retried = ref.effects.stream().filter(id -> CrashWorkload.hash(id) % 5 == 0).count();
    long dead = ref.effects.stream().filter(id -> CrashWorkload.hash(id) % 7 == 0).count();
    assertThat(retried).as("actions that go through a retry").isPositive();
    assertThat(dead).as("actions that go through the dead letters and a requeue").isPositive();
    return ref;
  }

}
