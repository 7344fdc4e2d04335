package dev.journey.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class DeploymentEvaluatorTest {
  static final String JOURNEY = "lead-handoff";
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Duration POLL = Duration.ofSeconds(5);

  static JourneyEvaluator rules(String v) {
    return (snapshot, signal, now) ->
        Decision.builder(snapshot, signal, now, RuleSetRef.of(JOURNEY, v)).fired("v" + v).build();
  }

  static RegisteredVersion version(String v) {
    return new RegisteredVersion(JOURNEY, v, "hash-" + v, "rules/v" + v, T0);
  }

  static JourneyEngine engine(InMemoryJourneyStore store, MutableClock clock) {
    DeploymentEvaluator evaluator =
        DeploymentEvaluator.builder(DeploymentWatcher.of(store, JOURNEY, clock, POLL))
            .version("1", rules("1"))
            .version("2", rules("2"))
            .version("3", rules("3"))
            .build();
    return JourneyEngine.builder()
        .definition(JourneyDefinition.of(JOURNEY, JourneyModel.leadHandoff(), evaluator))
        .store(store)
        .clock(clock)
        .build();
  }

  static int seq;

  static Signal signal(SubjectRef subject, Instant at) {
    return Signal.builder().id("s-" + (++seq)).subject(subject).type("FORM_SUBMITTED")
        .occurredAt(at).source("web").build();
  }

  static String decide(JourneyEngine engine, SubjectRef subject, Instant at) {
    SignalResult result = engine.accept(signal(subject, at));
    return ((SignalResult.Decided) result).decision().ruleSet().version();
  }

  @Test
  void should_keep_each_subject_on_the_version_it_entered_with_when_the_rollout_steps_and_rolls_back() {
    // given a 10% rollout of version 2 and 500 subjects who entered during it
    MutableClock clock = MutableClock.at(T0.toString());
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    Deployments deployments = Deployments.builder(store).clock(clock).build();
    deployments.register(JOURNEY, version("1"), "ana", "");
    deployments.register(JOURNEY, version("2"), "ana", "");
    deployments.start(JOURNEY, "2", List.of(10, 50, 100), PilotScope.everyone(), "ana", "");
    JourneyEngine engine = engine(store, clock);
    Map<SubjectRef, String> entered = new HashMap<>();
    for (int i = 0; i < 500; i++) {
      SubjectRef s = SubjectRef.contact("c" + i);
      entered.put(s, decide(engine, s, clock.instant()));
    }
    // when the rollout steps to 50%, then rolls back for new entries only
    deployments.step(JOURNEY, "ana", "");
    clock.advance(POLL);
    entered.forEach((s, v) -> assertThat(decide(engine, s, clock.instant())).isEqualTo(v));
    deployments.rollback(JOURNEY, RollbackMode.NEW_ENTRIES, "guard", "regression");
    clock.advance(POLL);
    // then nobody flips, and new entries all get the live version
    entered.forEach((s, v) -> assertThat(decide(engine, s, clock.instant())).isEqualTo(v));
    for (int i = 500; i < 700; i++) {
      assertThat(decide(engine, SubjectRef.contact("c" + i), clock.instant())).isEqualTo("1");
    }
    long onTwo = entered.values().stream().filter("2"::equals).count();
    assertThat(onTwo).isBetween(25L, 80L);
    DeploymentStatus status = deployments.status(JOURNEY);
    assertThat(status.version("2").orElseThrow().cohort()).isEqualTo(onTwo);
    assertThat(status.version("1").orElseThrow().cohort()).isEqualTo(700 - onTwo);
    assertThat(status.version("2").orElseThrow().role()).isEqualTo(VersionStatus.Role.REGISTERED);
    AuditRecord last = store.audit(SubjectRef.contact("c0")).get(2);
    assertThat(last.decision().annotations())
        .containsEntry(DeploymentEvaluator.VERSION, entered.get(SubjectRef.contact("c0")))
        .containsEntry(DeploymentEvaluator.PIN, "pinned")
        .containsEntry(DeploymentEvaluator.REVISION, "5");
  }

  @Test
  void should_move_pinned_subjects_to_live_at_their_next_decision_when_rolled_back_with_migration() {
    // given subjects pinned to version 2 at 100%
    MutableClock clock = MutableClock.at(T0.toString());
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    Deployments deployments = Deployments.builder(store).clock(clock).build();
    deployments.register(JOURNEY, version("1"), "ana", "");
    deployments.register(JOURNEY, version("2"), "ana", "");
    deployments.start(JOURNEY, "2", List.of(100), PilotScope.everyone(), "ana", "");
    JourneyEngine engine = engine(store, clock);
    SubjectRef pinned = SubjectRef.contact("p1");
    assertThat(decide(engine, pinned, clock.instant())).isEqualTo("2");
    // when
    deployments.rollback(JOURNEY, RollbackMode.MIGRATE_PINNED, "guard", "sla breaches");
    assertThat(deployments.status(JOURNEY).version("2").orElseThrow().role())
        .isEqualTo(VersionStatus.Role.MIGRATING);
    clock.advance(POLL);
    // then
    assertThat(decide(engine, pinned, clock.instant())).isEqualTo("1");
    assertThat(decide(engine, pinned, clock.instant())).isEqualTo("1");
    List<AuditRecord> audit = store.audit(pinned);
    assertThat(audit.get(1).decision().annotations())
        .containsEntry(DeploymentEvaluator.PIN, "migrated")
        .containsEntry(DeploymentEvaluator.MIGRATED, "2 -> 1");
    assertThat(audit.get(2).decision().annotations()).containsEntry(DeploymentEvaluator.PIN, "pinned");
  }

  @Test
  void should_switch_two_engines_on_one_store_within_one_poll_interval_without_restart() {
    // given two engines on one store, both having read the deployment (everyone on 1)
    MutableClock clock = MutableClock.at(T0.toString());
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    Deployments deployments = Deployments.builder(store).clock(clock).build();
    deployments.register(JOURNEY, version("1"), "ana", "");
    deployments.register(JOURNEY, version("3"), "ana", "");
    JourneyEngine a = engine(store, clock);
    JourneyEngine b = engine(store, clock);
    assertThat(decide(a, SubjectRef.contact("a0"), clock.instant())).isEqualTo("1");
    assertThat(decide(b, SubjectRef.contact("b0"), clock.instant())).isEqualTo("1");
    // when version 3 starts at 100% of entries
    deployments.start(JOURNEY, "3", List.of(100), PilotScope.everyone(), "ana", "");
    clock.advance(POLL.minusSeconds(1));
    // then neither has re-read yet; one poll interval after their last read both have
    assertThat(decide(a, SubjectRef.contact("a1"), clock.instant())).isEqualTo("1");
    assertThat(decide(b, SubjectRef.contact("b1"), clock.instant())).isEqualTo("1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(decide(a, SubjectRef.contact("a2"), clock.instant())).isEqualTo("3");
    assertThat(decide(b, SubjectRef.contact("b2"), clock.instant())).isEqualTo("3");
    assertThat(decide(b, SubjectRef.contact("a1"), clock.instant())).isEqualTo("1");
  }

  @Test
  void should_refuse_an_evaluator_that_decides_as_another_version_than_registered() {
    // given version 2 registered but wired to rules that call themselves 3
    MutableClock clock = MutableClock.at(T0.toString());
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    Deployments deployments = Deployments.builder(store).clock(clock).build();
    deployments.register(JOURNEY, version("2"), "ana", "");
    DeploymentEvaluator evaluator =
        DeploymentEvaluator.builder(DeploymentWatcher.of(store, JOURNEY, clock, POLL))
            .version("2", rules("3")).build();
    SubjectRef s = SubjectRef.contact("x");
    // when / then
    assertThatThrownBy(() -> evaluator.evaluate(
            dev.journey.core.state.JourneySnapshot.initial(s, JourneyModel.NURTURE, T0), signal(s, T0), T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("decided as lead-handoff@3, but the deployment registers it as lead-handoff@2");
    DeploymentEvaluator missing =
        DeploymentEvaluator.builder(DeploymentWatcher.of(store, JOURNEY, clock, POLL)).build();
    assertThatThrownBy(() -> missing.evaluate(
            dev.journey.core.state.JourneySnapshot.initial(s, JourneyModel.NURTURE, T0), signal(s, T0), T0))
        .isInstanceOf(DeploymentVersionUnavailableException.class)
        .hasMessageContaining("journey 'lead-handoff' has no evaluator for its registered version '2'");
  }

  @Test
  void should_keep_deciding_on_the_last_read_deployment_when_the_store_cannot_be_read() {
    // given a watcher that has read revision 1 from a store that then fails
    MutableClock clock = MutableClock.at(T0.toString());
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    Deployments.builder(store).clock(clock).build().register(JOURNEY, version("1"), "ana", "");
    boolean[] down = {false};
    DeploymentStore failing = new DeploymentStore() {
      @Override
      public java.util.Optional<JourneyDeployment> deployment(String journey) {
        if (down[0]) {
          throw new IllegalStateException("connection refused");
        }
        return store.deployment(journey);
      }

      @Override
      public List<String> deployedJourneys() {
        return store.deployedJourneys();
      }

      @Override
      public void saveDeployment(JourneyDeployment next, long expectedRevision) {
        store.saveDeployment(next, expectedRevision);
      }

      @Override
      public Map<String, Long> pinnedCounts(String journey, java.util.Set<String> keys) {
        return store.pinnedCounts(journey, keys);
      }
    };
    DeploymentWatcher watcher = DeploymentWatcher.of(failing, JOURNEY, clock, POLL);
    assertThat(watcher.current().revision()).isEqualTo(1);
    // when the store goes down past a poll interval
    down[0] = true;
    clock.advance(POLL);
    // then the last read deployment stays in use, and the next poll after recovery reads again
    assertThat(watcher.current().revision()).isEqualTo(1);
    down[0] = false;
    Deployments.builder(store).clock(clock).build().register(JOURNEY, version("2"), "ana", "");
    assertThat(watcher.current().revision()).isEqualTo(1);
    clock.advance(POLL);
    assertThat(watcher.current().revision()).isEqualTo(2);
  }
}
