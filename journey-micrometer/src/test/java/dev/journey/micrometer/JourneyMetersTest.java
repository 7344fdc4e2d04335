package dev.journey.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.runtime.IntakeFullException;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeNotRunningException;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class JourneyMetersTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final VirtualClock clock = VirtualClock.at(T0);
  private final VirtualScheduler scheduler = VirtualScheduler.on(clock);
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();

  private static JavaRuleSet rules() {
    return JavaRuleSet.builder("metered", "3")
        .rule(
            "a form notifies and starts the follow-up",
            f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
            (f, d) -> d.notify("owner-1", "new form").startTimer("follow-up", f.now().plusSeconds(300)))
        .rule(
            "the follow-up escalates",
            f -> f.signal().isTimer(),
            (f, d) -> d.escalate("manager-1", 1, "no touch"))
        .build();
  }

  private static Signal form(int i) {
    return Signal.builder()
        .id("form-" + i)
        .subject(SubjectRef.contact("c" + i))
        .type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0)
        .source("test")
        .build();
  }

  private JourneyRuntime runtime(
      JourneyMeters meters, dev.journey.core.spi.ActionExecutor executor) {
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules()))
            .store(store).clock(clock).listener(meters).build();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine, executor)
            .scheduler(scheduler)
            .listener(meters)
            .timerInterval(Duration.ofSeconds(10))
            .relayInterval(Duration.ofSeconds(1))
            .relay(r -> r.maxAttempts(2).initialBackoff(Duration.ofSeconds(1)))
            .build();
    meters.bind(runtime);
    return runtime;
  }

  @Test
  void should_count_signals_by_type_outcome_and_rule_set_and_time_their_decisions() {
    // given
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JourneyMeters meters = JourneyMeters.builder(registry).build();
    JourneyRuntime runtime = runtime(meters, (a, n) -> ExecutionResult.done());
    runtime.start();
    // when
    for (int i = 0; i < 3; i++) {
      runtime.accept(form(i));
    }
    runtime.accept(form(0));
    scheduler.advance(Duration.ofMinutes(6));
    // then
    assertThat(
            registry.get("journey.signals")
                .tags("type", "FORM_SUBMITTED", "outcome", "decided", "rule_set", "metered:3")
                .counter()
                .count())
        .isEqualTo(3);
    assertThat(
            registry.get("journey.signals")
                .tags("type", SignalTypes.TIMER_FIRED, "outcome", "decided")
                .counter()
                .count())
        .isEqualTo(3);
    assertThat(registry.get("journey.signals.duplicate").counter().count()).isEqualTo(1);
    assertThat(registry.get("journey.decision.latency").tags("outcome", "decided").timer().count())
        .isEqualTo(3);
    assertThat(registry.get("journey.decision.latency").tags("outcome", "duplicate").timer().count())
        .isEqualTo(1);
    // the timers were due at +5 min and the timer lane polls every 10 s: at most 10 s late
    assertThat(registry.get("journey.timer.lag").timer().count()).isEqualTo(3);
    assertThat(registry.get("journey.timer.lag").timer().max(TimeUnit.SECONDS)).isBetween(0.0, 10.0);
    assertThat(
            registry.get("journey.relay.attempts").tags("kind", "notify", "result", "done").counter().count())
        .isEqualTo(3);
    assertThat(
            registry.get("journey.relay.attempts").tags("kind", "escalate", "result", "done").counter().count())
        .isEqualTo(3);
    assertThat(registry.get("journey.runtime.health").tags("status", "up").gauge().value()).isEqualTo(1);
    assertThat(registry.get("journey.runtime.health").tags("status", "down").gauge().value()).isZero();
    runtime.close();
  }

  @Test
  void should_gauge_outbox_depth_and_age_and_dead_letters_by_kind_and_reason() {
    // given: an executor that rejects notifications and fails escalations
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JourneyMeters meters =
        JourneyMeters.builder(registry).store(store, clock).sampleInterval(Duration.ZERO).build();
    JourneyRuntime runtime =
        runtime(
            meters,
            (action, attempt) ->
                action.kind() == dev.journey.core.action.ActionKind.NOTIFY
                    ? ExecutionResult.permanent("HTTP 400")
                    : ExecutionResult.retryAfter(Duration.ZERO, "HTTP 503"));
    // when: two signals wait 30 s in the outbox before the relay next runs
    runtime.start();
    scheduler.runDue();
    runtime.accept(form(1));
    runtime.accept(form(2));
    clock.advance(Duration.ofSeconds(30));
    double depth = registry.get("journey.outbox.depth").gauge().value();
    double age = registry.get("journey.outbox.age").gauge().value();
    scheduler.advance(Duration.ofMinutes(10));
    // then
    assertThat(depth).isEqualTo(2);
    assertThat(age).isEqualTo(30.0);
    assertThat(registry.get("journey.outbox.depth").gauge().value()).isZero();
    assertThat(
            registry.get("journey.dead.letters").tags("kind", "notify", "reason", "permanent").gauge().value())
        .isEqualTo(2);
    assertThat(
            registry.get("journey.dead.letters").tags("kind", "escalate", "reason", "max_attempts").gauge().value())
        .isEqualTo(2);
    assertThat(
            registry.get("journey.relay.attempts").tags("kind", "escalate", "result", "retry").counter().count())
        .isEqualTo(4);
    runtime.close();
  }

  @Test
  void should_count_refusals_and_conflicts_and_bound_the_signal_type_tag() {
    // given
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JourneyMeters meters = JourneyMeters.builder(registry).maxSignalTypes(1).build();
    JourneyRuntime runtime = runtime(meters, (a, n) -> ExecutionResult.done());
    // when
    assertThatThrownBy(() -> runtime.accept(form(1))).isInstanceOf(RuntimeNotRunningException.class);
    runtime.start();
    runtime.accept(form(1));
    runtime.accept(
        Signal.builder().id("page-1").subject(SubjectRef.contact("c1"))
            .type(SignalTypes.PRICING_PAGE_VIEWED).occurredAt(T0).source("test").build());
    meters.onConflict("form-1", 1);
    // then
    assertThat(registry.get("journey.signals.refused").tags("reason", "not_running").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("journey.commit.conflicts").counter().count()).isEqualTo(1);
    assertThat(registry.get("journey.signals").tags("type", "other").counter().count()).isEqualTo(1);
    runtime.close();
  }

  @Test
  void should_tag_a_full_intake_as_intake_full() throws Exception {
    // given: an intake of one held by a signal inside the evaluator
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JourneyMeters meters = JourneyMeters.builder(registry).build();
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    JavaRuleSet rules = rules();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(
                JourneyDefinition.of(
                    "lead-handoff",
                    JourneyModel.leadHandoff(),
                    (snapshot, signal, now) -> {
                      inside.countDown();
                      try {
                        release.await(60, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return rules.evaluate(snapshot, signal, now);
                    }))
            .store(store)
            .clock(clock)
            .build();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine, (a, n) -> ExecutionResult.done())
            .scheduler(scheduler)
            .listener(meters)
            .maxInFlight(1)
            .build();
    meters.bind(runtime);
    runtime.start();
    AtomicInteger done = new AtomicInteger();
    Thread holder = new Thread(() -> { runtime.accept(form(1)); done.incrementAndGet(); });
    holder.start();
    assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
    // when
    double inFlight = registry.get("journey.intake.in_flight").gauge().value();
    assertThatThrownBy(() -> runtime.accept(form(2))).isInstanceOf(IntakeFullException.class);
    release.countDown();
    holder.join(30_000);
    // then
    assertThat(inFlight).isEqualTo(1);
    assertThat(done.get()).isEqualTo(1);
    assertThat(registry.get("journey.signals.refused").tags("reason", "intake_full").counter().count())
        .isEqualTo(1);
    runtime.close();
  }

  @Test
  void should_render_the_meters_in_prometheus_text_format() {
    // given
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JourneyMeters meters =
        JourneyMeters.builder(registry).commonTags("journey", "lead-handoff").store(store, clock).build();
    JourneyRuntime runtime = runtime(meters, (a, n) -> ExecutionResult.done());
    runtime.start();
    // when
    runtime.accept(form(1));
    scheduler.advance(Duration.ofMinutes(6));
    String text = registry.scrape();
    // then
    assertThat(text)
        .contains("journey_signals_total{journey=\"lead-handoff\",outcome=\"decided\",rule_set=\"metered:3\",type=\"FORM_SUBMITTED\"} 1.0")
        .contains("journey_relay_attempts_total{journey=\"lead-handoff\",kind=\"escalate\",result=\"done\"} 1.0")
        .contains("journey_timer_lag_seconds_count{journey=\"lead-handoff\"} 1")
        .contains("journey_outbox_depth{journey=\"lead-handoff\"} 0.0")
        .contains("journey_runtime_health{journey=\"lead-handoff\",status=\"up\"} 1.0");
    runtime.close();
  }

  @Test
  void should_reject_an_odd_number_of_common_tag_strings() {
    assertThatThrownBy(() -> JourneyMeters.builder(new SimpleMeterRegistry()).commonTags("journey"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("commonTags needs key/value pairs, but got 1 strings");
  }

  @Test
  void should_expose_the_psi_of_a_score_between_its_first_and_its_current_week_as_a_gauge() {
    // given a score of 80 from fit 50 up, else 0, watched weekly
    dev.journey.core.feature.FeatureSet features = dev.journey.core.feature.FeatureSet.builder()
        .latestValue("fit", dev.journey.core.feature.SignalMatch.of(SignalTypes.FORM_SUBMITTED), "fitScore")
        .score(new dev.journey.core.feature.PointsModel("lead_score", "4", java.util.List.of(
            new dev.journey.core.feature.PointsModel.Rule(
                new dev.journey.core.feature.Condition("fit", dev.journey.core.feature.Condition.Op.AT_LEAST, 50), 80)),
            0, 100))
        .build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JourneyMeters meters = JourneyMeters.builder(registry)
        .scoreDrift(dev.journey.core.feature.ScoreDrift.builder().score("lead_score", 0, 100).build())
        .build();
    JourneyEngine engine = JourneyEngine.builder()
        .definition(JourneyDefinition.builder("lead-handoff").model(JourneyModel.leadHandoff())
            .evaluator(JavaRuleSet.builder("r", "1").build()).features(features).build())
        .store(store).clock(clock).listener(meters).build();
    long[][] weeks = {{10, 20, 30, 60}, {10, 60, 70, 80}};
    int n = 0;
    // when: week 1 three scores of 0 and one of 80, week 2 one of 0 and three of 80
    for (long[] week : weeks) {
      for (long fit : week) {
        engine.accept(Signal.builder().id("f" + n).subject(SubjectRef.contact("c" + n++))
            .type(SignalTypes.FORM_SUBMITTED).occurredAt(clock.instant()).source("test")
            .attribute("fitScore", fit).build());
      }
      clock.advance(Duration.ofDays(7));
    }
    // then: (0.25 - 0.75) ln(1/3) + (0.75 - 0.25) ln 3 = ln 3
    assertThat(registry.get("journey.features.score.psi").tag("score", "lead_score").tag("version", "4")
            .tag("feature_set", features.hash().substring(0, 12)).gauge().value())
        .isCloseTo(Math.log(3), org.assertj.core.api.Assertions.within(1e-9));
  }
}
