package dev.journey.jdbc;

import dev.journey.testkit.clock.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.store.CrashPoint;
import dev.journey.testkit.store.FaultInjectingStore;
import dev.journey.testkit.store.SimulatedCrash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Runs a {@link Scenario} on a database, optionally "crashing" once at a crash point, restarting
 * on the same database, redelivering what was not acknowledged and running to quiescence; then
 * collects what a comparison needs.
 */
final class CrashMatrix {
  static final String INSTANCE = "node-1";

  /** A database the matrix can empty and reopen. */
  interface Database {
    /** Empties the database. */
    void reset();

    /** Opens a new pool on it (a new "process"). */
    javax.sql.DataSource open();
  }

  /** What a run leaves behind. */
  record Outcome(
      Map<SubjectRef, Optional<JourneySnapshot>> snapshots,
      Map<SubjectRef, List<AuditRecord>> audits,
      Map<String, Action> effects,
      int redeliveries,
      int unfinishedActions,
      int deadLetters,
      Optional<Instant> nextTimer,
      List<String> firedTimers,
      Map<CrashPoint, Integer> hits,
      boolean crashed) {}

  private final Scenario scenario;
  private final Database database;

  CrashMatrix(Scenario scenario, Database database) {
    this.scenario = scenario;
    this.database = database;
  }

  /** One "process": pool, store, wrapper, engine, relay. */
  private final class Process {
    final javax.sql.DataSource pool;
    final CommitFailingDataSource failing;
    final FaultInjectingStore store;
    final JourneyEngine engine;
    final OutboxRelay relay;

    Process(VirtualClock clock, IdempotentExecutor executor, Optional<CrashPoint> point, int occurrence) {
      pool = database.open();
      failing = new CommitFailingDataSource(pool);
      JdbcJourneyStore jdbc =
          JdbcJourneyStore.builder(failing).clock(clock).instanceId(INSTANCE).build();
      jdbc.releaseLeases();
      store =
          point.isPresent()
              ? FaultInjectingStore.crashingAt(jdbc, point.get(), occurrence, failing::armNextCommit)
              : FaultInjectingStore.counting(jdbc);
      engine = JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), Scenario.rules())).store(store).clock(clock).build();
      relay = OutboxRelay.builder(store, executor).clock(clock).build();
    }

    void kill() {
      TestDatabases.close(pool);
    }
  }

  Outcome run(Optional<CrashPoint> point, int occurrence) {
    database.reset();
    VirtualClock clock = VirtualClock.at(Scenario.T0);
    IdempotentExecutor executor = new IdempotentExecutor();
    Process process = new Process(clock, executor, point, occurrence);
    Map<CrashPoint, Integer> hits = new EnumMap<>(CrashPoint.class);
    boolean crashed = false;
    int step = 0;
    int acknowledged = -1;
    while (true) {
      try {
        for (; step < scenario.signals.size(); step++) {
          Signal signal = scenario.signals.get(step);
          clock.set(signal.occurredAt());
          process.engine.fireDueTimers();
          process.relay.drain();
          if (step > acknowledged) {
            process.engine.accept(signal);
            acknowledged = step; // the sender got its answer
          }
          process.relay.drain();
        }
        quiesce(process, clock);
        break;
      } catch (SimulatedCrash crash) {
        // Drop the engine, relay, store and pool, restart on the same database, no more faults.
        crashed = true;
        process.kill();
        process = new Process(clock, executor, Optional.empty(), 0);
      }
    }
    if (!crashed) {
      for (CrashPoint p : CrashPoint.values()) {
        hits.put(p, process.store.hits(p));
      }
    }
    Outcome outcome = collect(process, executor, hits, crashed);
    process.kill();
    return outcome;
  }

  private static void quiesce(Process process, VirtualClock clock) {
    while (true) {
      process.engine.fireDueTimers();
      process.relay.drain();
      Optional<Instant> next = process.store.nextTimerDue();
      if (next.isEmpty()) {
        return;
      }
      if (next.get().isAfter(clock.instant())) {
        clock.set(next.get());
      }
    }
  }

  private Outcome collect(
      Process process, IdempotentExecutor executor, Map<CrashPoint, Integer> hits, boolean crashed) {
    JdbcJourneyStore store = (JdbcJourneyStore) process.store.delegate();
    Map<SubjectRef, Optional<JourneySnapshot>> snapshots = new LinkedHashMap<>();
    Map<SubjectRef, List<AuditRecord>> audits = new LinkedHashMap<>();
    List<String> fired = new ArrayList<>();
    for (SubjectRef subject : scenario.subjects) {
      snapshots.put(subject, store.load(subject));
      List<AuditRecord> audit = store.audit(subject);
      audits.put(subject, audit);
      fired.addAll(
          audit.stream()
              .filter(r -> r.signal().isTimer() && r.outcome() == AuditRecord.Outcome.DECIDED)
              .map(r -> r.signal().id())
              .collect(Collectors.toList()));
    }
    return new Outcome(
        snapshots,
        audits,
        executor.effects(),
        executor.redeliveries(),
        store.pendingActions().size(),
        store.deadLetters().size(),
        store.nextTimerDue(),
        fired,
        hits,
        crashed);
  }

  /** Occurrences to test out of {@code hits}: all when at most {@code samples}, else spread evenly. */
  static List<Integer> sample(int hits, int samples) {
    TreeSet<Integer> chosen = new TreeSet<>();
    if (hits <= samples) {
      for (int i = 1; i <= hits; i++) {
        chosen.add(i);
      }
    } else {
      for (int i = 0; i < samples; i++) {
        chosen.add(1 + (int) Math.round((double) i * (hits - 1) / (samples - 1)));
      }
    }
    return new ArrayList<>(chosen);
  }

  /** Checks a crashed run against the uninterrupted one. */
  static void assertSameAs(Outcome crashedRun, Outcome reference) {
    assertThat(crashedRun.crashed()).as("the crash point was reached").isTrue();
    assertThat(crashedRun.snapshots()).as("final snapshots").isEqualTo(reference.snapshots());
    assertThat(crashedRun.audits()).as("audit trails").isEqualTo(reference.audits());
    assertThat(crashedRun.effects()).as("effects, once per action id").isEqualTo(reference.effects());
    assertThat(crashedRun.firedTimers()).as("timers fired").isEqualTo(reference.firedTimers());
    assertThat(crashedRun.firedTimers()).as("no timer fired twice").doesNotHaveDuplicates();
    assertThat(crashedRun.nextTimer()).as("no timer left pending").isEmpty();
    assertThat(crashedRun.unfinishedActions()).as("outbox drained").isZero();
    assertThat(crashedRun.deadLetters()).as("dead letters").isZero();
  }

  /** Checks the reference run itself is meaningful. */
  static void assertMeaningful(Outcome reference) {
    assertThat(reference.crashed()).isFalse();
    assertThat(reference.effects()).hasSizeGreaterThan(100);
    assertThat(reference.firedTimers()).hasSizeGreaterThan(20);
    assertThat(reference.redeliveries()).isZero();
    assertThat(reference.nextTimer()).isEmpty();
    assertThat(reference.unfinishedActions()).isZero();
    assertThat(reference.deadLetters()).isZero();
    for (CrashPoint point : CrashPoint.values()) {
      assertThat(reference.hits().get(point)).as("hits of " + point).isPositive();
    }
  }

  static Supplier<Integer> samplesFromProperty(int defaultSamples) {
    return () -> {
      String value = System.getProperty("journey.crash.samples", "");
      if (value.isBlank()) {
        return defaultSamples;
      }
      return value.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(value);
    };
  }


  /**
   * Runs the uninterrupted reference, then returns one dynamic test per crash point and sampled
   * occurrence that crashes there and requires the reference's outcome.
   */
  List<org.junit.jupiter.api.DynamicTest> crashTests(int samples, Class<?> owner) {
    Outcome reference = run(Optional.empty(), 0);
    assertMeaningful(reference);
    List<org.junit.jupiter.api.DynamicTest> tests = new java.util.ArrayList<>();
    for (CrashPoint point : CrashPoint.values()) {
      for (int occurrence : sample(reference.hits().get(point), samples)) {
        tests.add(
            org.junit.jupiter.api.DynamicTest.dynamicTest(
                point + " #" + occurrence + " of " + reference.hits().get(point),
                () -> assertSameAs(run(Optional.of(point), occurrence), reference)));
      }
    }
    org.assertj.core.api.Assertions.assertThat(tests)
        .hasSizeGreaterThanOrEqualTo(CrashPoint.values().length);
    org.slf4j.LoggerFactory.getLogger(owner)
        .info("crash points reached in the uninterrupted run: {}; {} crash runs", reference.hits(), tests.size());
    return tests;
  }
}
