package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeHealth;
import dev.journey.core.runtime.RuntimeListener;
import dev.journey.core.runtime.StopReport;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A {@link JourneyRuntime} on the embedded durable store, on virtual time: 10,000 signals and
 * their timers, with a CRM that is down for ten minutes in the middle of the run.
 */
final class RuntimeOnJdbcTest {

  /** The CRM: down (HTTP 503) between two instants, otherwise applies each action and counts it. */
  private static final class OutageExecutor implements ActionExecutor {
    final VirtualClock clock;
    final Instant downFrom;
    final Instant downUntil;
    final ConcurrentHashMap<String, Action> effects = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, AtomicInteger> successes = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();

    OutageExecutor(VirtualClock clock, Instant downFrom, Instant downUntil) {
      this.clock = clock;
      this.downFrom = downFrom;
      this.downUntil = downUntil;
    }

    @Override
    public ExecutionResult execute(Action action, int attempt) {
      Instant now = clock.instant();
      if (!now.isBefore(downFrom) && now.isBefore(downUntil)) {
        failures.incrementAndGet();
        return ExecutionResult.retryAfter(Duration.ZERO, "HTTP 503 (outage)");
      }
      effects.putIfAbsent(action.id(), action);
      successes.computeIfAbsent(action.id(), id -> new AtomicInteger()).incrementAndGet();
      return ExecutionResult.done();
    }
  }

  @Test
  void should_process_10k_signals_and_their_timers_through_an_outage_once_each() throws Exception {
    // given
    Scenario scenario = Scenario.of(10_000, 2_000, Duration.ofMillis(500), 22);
    VirtualClock clock = VirtualClock.at(Scenario.T0);
    VirtualScheduler scheduler = VirtualScheduler.on(clock);
    OutageExecutor crm =
        new OutageExecutor(
            clock, Scenario.T0.plus(Duration.ofMinutes(20)), Scenario.T0.plus(Duration.ofMinutes(30)));
    List<RuntimeHealth> changes = new CopyOnWriteArrayList<>();
    try (JdbcPool pool = TestDatabases.freshH2("runtime-10k")) {
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).instanceId("runtime-a").build();
      JourneyEngine engine =
          JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), Scenario.rules())).store(store).clock(clock).build();
      JourneyRuntime runtime =
          JourneyRuntime.builder(engine, crm)
              .scheduler(scheduler)
              .leaseRelease(store::releaseLeases)
              .timerInterval(Duration.ofSeconds(5))
              .relayInterval(Duration.ofSeconds(5))
              .relayBatchSize(200)
              .healthInterval(Duration.ofSeconds(10))
              .relay(r -> r.maxAttempts(100).initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1)))
              .listener(
                  new RuntimeListener() {
                    @Override
                    public void onHealthChanged(RuntimeHealth previous, RuntimeHealth current) {
                      changes.add(current);
                    }
                  })
              .build();
      runtime.start();
      // when: signals arrive in time order while the lanes run on virtual time
      for (Signal signal : scenario.signals) {
        if (signal.occurredAt().isAfter(clock.instant())) {
          scheduler.advanceUntil(() -> false, signal.occurredAt());
        }
        runtime.accept(signal);
      }
      // the last timers are due 8 minutes after the last signal; retries wait at most a minute
      scheduler.advance(Duration.ofMinutes(15));
      boolean settled = store.nextTimerDue().isEmpty() && store.pendingActions().isEmpty();
      RuntimeHealth end = runtime.health();
      StopReport stop = runtime.close(Duration.ofSeconds(30));
      // then: health went degraded (the outage) and back up
      assertThat(settled).as("all timers fired and all actions delivered").isTrue();
      assertThat(crm.failures.get()).as("attempts during the outage").isPositive();
      assertThat(changes)
          .extracting(RuntimeHealth::status)
          .containsSubsequence(RuntimeHealth.Status.UP, RuntimeHealth.Status.DEGRADED, RuntimeHealth.Status.UP);
      assertThat(changes.stream().filter(h -> h.status() == RuntimeHealth.Status.DEGRADED))
          .allMatch(h -> h.has(RuntimeHealth.Kind.EXECUTOR_FAILING) || h.has(RuntimeHealth.Kind.RELAY_LAG));
      assertThat(end.status()).isEqualTo(RuntimeHealth.Status.UP);
      // nothing lost: every signal once per subject, every timer fired once, every action took effect
      Map<SubjectRef, Long> sent = new HashMap<>();
      scenario.signals.forEach(s -> sent.merge(s.subject(), 1L, Long::sum));
      List<String> decidedActions = new ArrayList<>();
      List<String> timerFirings = new ArrayList<>();
      for (SubjectRef subject : scenario.subjects) {
        JourneySnapshot snapshot = store.load(subject).orElseThrow();
        List<AuditRecord> audit = store.audit(subject);
        assertThat(snapshot.counter("signals")).as("signals of " + subject).isEqualTo(sent.get(subject));
        assertThat(snapshot.timers()).as("pending timers of " + subject).isEmpty();
        for (AuditRecord r : audit) {
          if (r.outcome() == AuditRecord.Outcome.DECIDED) {
            r.decision().actions().forEach(a -> decidedActions.add(a.id()));
            if (r.signal().isTimer()) {
              timerFirings.add(r.signal().id());
            }
          }
        }
      }
      assertThat(timerFirings).as("timers fired").hasSizeGreaterThan(1_000).doesNotHaveDuplicates();
      assertThat(decidedActions).doesNotHaveDuplicates();
      assertThat(crm.effects.keySet()).containsExactlyInAnyOrderElementsOf(decidedActions);
      // nothing twice: one successful execution per action
      assertThat(crm.successes.values()).allMatch(n -> n.get() == 1);
      assertThat(store.deadLetters()).isEmpty();
      // no claim left after close()
      assertThat(stop.clean()).isTrue();
      assertThat(leasesHeld(pool)).isZero();
    }
  }

  /** Timer and outbox rows with a lease owner. */
  static int leasesHeld(javax.sql.DataSource pool) throws SQLException {
    int held = 0;
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      for (String table : List.of("journey_timer", "journey_outbox")) {
        try (ResultSet rs =
            st.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE lease_owner IS NOT NULL")) {
          rs.next();
          held += rs.getInt(1);
        }
      }
    }
    return held;
  }
}
