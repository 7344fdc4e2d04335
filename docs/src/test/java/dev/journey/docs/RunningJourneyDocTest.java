package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.runtime.IntakePolicy;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeHealth;
import dev.journey.core.runtime.SignalRefusedException;
import dev.journey.core.runtime.StopReport;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.jdbc.JdbcJourneyStore;
import dev.journey.jdbc.JdbcPool;
import dev.journey.micrometer.JourneyMeters;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The samples of docs/operations.md, "Running Journey", run. */
final class RunningJourneyDocTest {
  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("lead-handoff", "7")
          .rule(
              "a form notifies the owner",
              f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
              (f, d) -> d.notify("owner-1", "new form").startTimer("follow-up", f.now().plusSeconds(3600)))
          .build();
  private static final JourneyDefinition HANDOFF =
      JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), RULES);

  private static Signal form(String id, Instant at) {
    return Signal.builder()
        .id(id)
        .subject(SubjectRef.contact("1001"))
        .type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(at)
        .source("hubspot")
        .build();
  }

  @Test
  void an_application_embeds_a_runtime_with_metrics() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "running-journey"));
    Files.deleteIfExists(dir.resolve("journey.mv.db"));
    List<String> sent = new ArrayList<>();
    ActionExecutor hubspot =
        (action, attempt) -> {
          sent.add(action.kind().name());
          return ExecutionResult.done();
        };
    Clock clock = Clock.systemUTC();
    // tag::embed[]
    JdbcPool pool = JdbcPool.sqliteFile(dir.resolve("journey.db"));
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).instanceId("app-1").build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JourneyMeters meters = JourneyMeters.builder(registry).store(store, clock).build();

    JourneyEngine engine =
        JourneyEngine.builder().definition(HANDOFF).store(store).clock(clock).listener(meters).build();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine, hubspot)
            .leaseRelease(store::releaseLeases) // hand back this instance's claims
            .maxInFlight(64)                   // the intake bound
            .intakePolicy(IntakePolicy.REFUSE) // full: IntakeFullException, answer 503
            .relayWorkers(2)                   // at most 2 executor calls at once
            .listener(meters)
            .build();
    meters.bind(runtime);
    runtime.start();

    SignalResult result = runtime.accept(form("form-7781", clock.instant())); // committed
    RuntimeHealth health = runtime.health();                                 // for /health
    String metrics = registry.scrape();                                      // for /metrics

    StopReport stop = runtime.close(Duration.ofSeconds(10)); // on SIGTERM
    pool.close();
    // end::embed[]
    assertThat(result.status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(health.status()).isNotEqualTo(RuntimeHealth.Status.DOWN);
    assertThat(metrics).contains("journey_signals_total");
    assertThat(stop.clean()).isTrue();
  }

  @Test
  void a_webhook_handler_turns_a_full_intake_into_503() {
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    JourneyEngine engine =
        JourneyEngine.builder().definition(HANDOFF).store(InMemoryJourneyStore.create()).clock(clock).build();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine, (a, n) -> ExecutionResult.done())
            .scheduler(VirtualScheduler.on(clock))
            .build();
    runtime.start();
    AtomicInteger status = new AtomicInteger();
    Signal signal = form("form-1", clock.instant());
    // tag::webhook[]
    try {
      runtime.accept(signal);
      status.set(204); // committed: safe to acknowledge
    } catch (SignalRefusedException refused) { // intake full, or not running
      status.set(503); // with header Retry-After: refused.retryAfter().toSeconds()
    }
    // end::webhook[]
    assertThat(status.get()).isEqualTo(204);
    runtime.close();
  }

  @Test
  void a_test_drives_the_runtime_on_virtual_time() {
    List<String> sent = new ArrayList<>();
    ActionExecutor executor =
        (action, attempt) -> {
          sent.add(action.kind().name());
          return ExecutionResult.done();
        };
    // tag::virtual[]
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    VirtualScheduler scheduler = VirtualScheduler.on(clock);
    JourneyEngine engine =
        JourneyEngine.builder().definition(HANDOFF).store(InMemoryJourneyStore.create()).clock(clock).build();
    JourneyRuntime runtime = JourneyRuntime.builder(engine, executor).scheduler(scheduler).build();
    runtime.start();

    runtime.accept(form("form-1", clock.instant()));
    scheduler.advance(Duration.ofHours(2)); // lanes run at every instant they are due

    assertThat(sent).containsExactly("NOTIFY");
    assertThat(runtime.health().status()).isEqualTo(RuntimeHealth.Status.UP);
    // end::virtual[]
    runtime.close();
  }
}
