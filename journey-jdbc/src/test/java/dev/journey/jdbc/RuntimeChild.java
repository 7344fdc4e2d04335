package dev.journey.jdbc;

import dev.journey.core.Signal;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeScheduler;
import dev.journey.testkit.clock.VirtualClock;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The process {@link PostgresRuntimeFailoverTest} kills: a {@link JourneyRuntime} on the test
 * PostgreSQL database with real threads, accepting the even signals of the shared scenario and
 * printing {@code accepted <n>} after each, until it is killed.
 *
 * <p>Arguments: instance id, the scenario's signal count, subject count, gap in milliseconds,
 * seed, and the clock's instant.
 */
final class RuntimeChild {
  private RuntimeChild() {}

  public static void main(String[] args) throws Exception {
    String instance = args[0];
    Scenario scenario =
        Scenario.of(
            Integer.parseInt(args[1]),
            Integer.parseInt(args[2]),
            Duration.ofMillis(Long.parseLong(args[3])),
            Long.parseLong(args[4]));
    VirtualClock clock = VirtualClock.at(Instant.parse(args[5]));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    javax.sql.DataSource pool = TestDatabases.postgres(4);
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).instanceId(instance).build();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), Scenario.rules()))
            .store(store)
            .clock(clock)
            .maxConflictRetries(64)
            .build();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine, new SqlEffectLog(pool))
            .scheduler(RuntimeScheduler.threads(instance))
            .leaseRelease(store::releaseLeases)
            .timerInterval(Duration.ofMillis(2))
            .timerBatchSize(5)
            .relayInterval(Duration.ofMillis(2))
            .relayBatchSize(5)
            .relayWorkers(2)
            .build();
    runtime.start();
    List<Signal> signals = PostgresRuntimeFailoverTest.share(scenario, 0);
    int accepted = 0;
    for (Signal signal : signals) {
      runtime.accept(signal);
      accepted++;
      out.println("accepted " + accepted);
    }
    out.println("done");
    // keep running timers and the relay until killed
    Object forever = new Object();
    synchronized (forever) {
      for (int i = 0; i < Integer.MAX_VALUE; i++) {
        forever.wait(1_000);
      }
    }
  }
}
