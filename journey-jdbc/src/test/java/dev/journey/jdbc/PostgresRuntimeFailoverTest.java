package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.StopReport;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two runtimes share one PostgreSQL database: a child JVM and this test's. The child is killed
 * by its pid in the middle of its share; the survivor receives the child's signals again (as a
 * webhook sender would redeliver them), waits out the dead instance's leases and finishes every
 * timer and action exactly once.
 */
final class PostgresRuntimeFailoverTest {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresRuntimeFailoverTest.class);
  private static final int SIGNALS = 1_200;
  private static final int SUBJECTS = 150;
  private static final long GAP_MILLIS = 1_000;
  private static final long SEED = 22;
  /** Both processes stand after the last signal: every timer is due as soon as it is scheduled. */
  private static final Instant NOW = Scenario.T0.plus(Duration.ofHours(2));

  /** Every second signal, starting at {@code first}. */
  static List<Signal> share(Scenario scenario, int first) {
    List<Signal> share = new ArrayList<>();
    for (int i = first; i < scenario.signals.size(); i += 2) {
      share.add(scenario.signals.get(i));
    }
    return share;
  }

  @Test
  void should_finish_every_timer_and_action_exactly_once_when_one_runtime_is_killed()
      throws Exception {
    // given
    TestDatabases.freshPostgres(1).close();
    Scenario scenario = Scenario.of(SIGNALS, SUBJECTS, Duration.ofMillis(GAP_MILLIS), SEED);
    try (com.zaxxer.hikari.HikariDataSource pool = TestDatabases.postgres(4)) {
      SqlEffectLog.reset(pool);
      // the schema exists before two processes race to create it
      JdbcJourneyStore.builder(pool).instanceId("setup").build();
      VirtualClock clock = VirtualClock.at(NOW);
      VirtualScheduler scheduler = VirtualScheduler.on(clock);
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).instanceId("survivor").build();
      JourneyEngine engine =
          JourneyEngine.builder()
              .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), Scenario.rules()))
              .store(store)
              .clock(clock)
              .maxConflictRetries(64)
              .build();
      JourneyRuntime survivor =
          JourneyRuntime.builder(engine, new SqlEffectLog(pool))
              .scheduler(scheduler)
              .leaseRelease(store::releaseLeases)
              .relayBatchSize(5)
              .timerBatchSize(5)
              .build();
      survivor.start();
      Process child = startChild();
      int childAccepted;
      // when: both work at once; the child is killed after a third of its share
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        List<Signal> mine = share(scenario, 1);
        int target = share(scenario, 0).size() / 3;
        childAccepted = 0;
        for (Signal signal : mine) {
          survivor.accept(signal);
          // 50 ms per signal: the clocks of the two processes stay well within the leases
          scheduler.advance(Duration.ofMillis(50));
          if (childAccepted < target && out.ready()) {
            childAccepted = readProgress(out, childAccepted, target);
          }
        }
        childAccepted = readProgress(out, childAccepted, target);
        ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
      }
      LOG.info(
          "child killed after accepting {} signals, holding {} leases",
          childAccepted,
          RuntimeOnJdbcTest.leasesHeld(pool));
      // the sender redelivers what the child was sent; the child's leases expire
      for (Signal signal : share(scenario, 0)) {
        survivor.accept(signal);
        scheduler.runDue();
      }
      clock.advance(JourneyRuntime.DEFAULT_RELAY_INTERVAL.plus(Duration.ofMinutes(6)));
      boolean settled =
          scheduler.advanceUntil(
              () -> store.nextTimerDue().isEmpty() && store.pendingActions().isEmpty(),
              clock.instant().plus(Duration.ofHours(1)));
      StopReport stop = survivor.close(Duration.ofSeconds(30));
      // then
      assertThat(settled).as("the survivor finished all timers and actions").isTrue();
      assertThat(childAccepted).isPositive();
      Map<SubjectRef, Long> sent = new HashMap<>();
      scenario.signals.forEach(s -> sent.merge(s.subject(), 1L, Long::sum));
      List<String> decidedActions = new ArrayList<>();
      List<String> timerFirings = new ArrayList<>();
      for (SubjectRef subject : scenario.subjects) {
        JourneySnapshot snapshot = store.load(subject).orElseThrow();
        assertThat(snapshot.counter("signals")).as("signals of " + subject).isEqualTo(sent.get(subject));
        assertThat(snapshot.timers()).as("pending timers of " + subject).isEmpty();
        for (AuditRecord r : store.audit(subject)) {
          if (r.outcome() == AuditRecord.Outcome.DECIDED) {
            r.decision().actions().forEach(a -> decidedActions.add(a.id()));
            if (r.signal().isTimer()) {
              timerFirings.add(r.signal().id());
            }
          }
        }
      }
      assertThat(timerFirings).as("timers fired").isNotEmpty().doesNotHaveDuplicates();
      Map<String, Integer> calls = SqlEffectLog.calls(pool);
      assertThat(calls.keySet()).as("every decided action took effect once")
          .containsExactlyInAnyOrderElementsOf(decidedActions);
      long redelivered = calls.values().stream().filter(n -> n > 1).count();
      LOG.info("{} actions, {} timer firings, {} redelivered after the kill",
          calls.size(), timerFirings.size(), redelivered);
      assertThat(redelivered)
          .as("only actions in flight in the killed child (2 workers x 5) run again")
          .isLessThanOrEqualTo(10);
      assertThat(store.deadLetters()).isEmpty();
      assertThat(stop.clean()).isTrue();
      assertThat(RuntimeOnJdbcTest.leasesHeld(pool)).isZero();
    }
  }

  private static int readProgress(BufferedReader out, int accepted, int target) throws Exception {
    int n = accepted;
    while (n < target) {
      String line = out.readLine();
      if (line == null) {
        throw new AssertionError("the child ended before accepting " + target + " signals");
      }
      if (line.startsWith("accepted ")) {
        n = Integer.parseInt(line.substring("accepted ".length()));
      }
    }
    return n;
  }

  private static Process startChild() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            RuntimeChild.class.getName(),
            "child",
            String.valueOf(SIGNALS),
            String.valueOf(SUBJECTS),
            String.valueOf(GAP_MILLIS),
            String.valueOf(SEED),
            NOW.toString());
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb.start();
  }
}
