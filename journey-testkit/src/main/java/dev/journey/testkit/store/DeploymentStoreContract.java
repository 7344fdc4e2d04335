package dev.journey.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.rollout.Candidate;
import dev.journey.core.rollout.DeploymentChange;
import dev.journey.core.rollout.DeploymentConflictException;
import dev.journey.core.rollout.DeploymentEvaluator;
import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.rollout.DeploymentWatcher;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.PilotScope;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.core.rollout.RollbackMode;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a store's {@linkplain DeploymentStore deployments}, as a JUnit 5 suite: a
 * deployment reads back as written with its history, concurrent changes on one revision have
 * exactly one winner (the losers get {@link DeploymentConflictException} and succeed after
 * re-reading), subjects stay pinned to their version across a restart, and two engines on one
 * database converge on a change within one poll interval without a restart. Extend it:
 *
 * <pre>{@code
 * final class MyDeploymentStoreContractTest extends DeploymentStoreContract {
 *   @Override
 *   protected JourneyStore newStore() {
 *     return MyStore.createEmpty(); // a JourneyStore that is also a DeploymentStore
 *   }
 *
 *   @Override
 *   protected JourneyStore reopen(JourneyStore store, boolean closeFirst) {
 *     if (closeFirst) store.close();
 *     return MyStore.open(sameDatabase);
 *   }
 * }
 * }</pre>
 */
public abstract class DeploymentStoreContract {
  /** The instant the contract starts at. */
  protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final String JOURNEY = "lead-handoff";
  private static final Duration POLL = Duration.ofSeconds(5);

  /** The store under test, new for every test. */
  protected JourneyStore store;

  private final List<JourneyStore> opened = new ArrayList<>();
  private final VirtualClock clock = VirtualClock.at(T0);
  private int signals;

  /** For subclasses. */
  protected DeploymentStoreContract() {}

  /** Returns a new, empty store that is also a {@link DeploymentStore}; called before every test. */
  protected abstract JourneyStore newStore();

  /**
   * Returns another store instance on the same data as {@code store}: after closing {@code store}
   * when {@code closeFirst} (a restart), beside it otherwise (a second runtime on one database).
   * The default returns {@code store} itself, for stores without durability.
   */
  protected JourneyStore reopen(JourneyStore store, boolean closeFirst) {
    return store;
  }

  /** Releases a store after its test; the default does nothing. */
  protected void release(JourneyStore used) {}

  @BeforeEach
  final void createStore() {
    store = newStore();
    assertThat(store).isInstanceOf(DeploymentStore.class);
  }

  @AfterEach
  final void releaseStore() {
    release(store);
    for (JourneyStore other : opened) {
      if (other != store) {
        release(other);
      }
    }
  }

  private static DeploymentStore deployments(JourneyStore s) {
    return (DeploymentStore) s;
  }

  private Deployments api(JourneyStore s) {
    return Deployments.builder(deployments(s)).clock(clock).build();
  }

  private static RegisteredVersion version(String v) {
    return new RegisteredVersion(JOURNEY, v, "sha256-" + v, "rules/lead-handoff-v" + v + ".drl", T0);
  }

  private static JourneyEvaluator rules(String v) {
    return (snapshot, signal, now) ->
        Decision.builder(snapshot, signal, now, RuleSetRef.of(JOURNEY, v)).fired("v" + v).build();
  }

  private JourneyEngine engine(JourneyStore s) {
    DeploymentEvaluator evaluator =
        DeploymentEvaluator.builder(DeploymentWatcher.of(deployments(s), JOURNEY, clock, POLL))
            .version("1", rules("1"))
            .version("2", rules("2"))
            .build();
    return JourneyEngine.builder()
        .definition(JourneyDefinition.of(JOURNEY, JourneyModel.leadHandoff(), evaluator))
        .store(s)
        .clock(clock)
        .build();
  }

  private String decide(JourneyEngine engine, SubjectRef subject) {
    Signal signal = Signal.builder().id("contract-" + (++signals)).subject(subject)
        .type(SignalTypes.FORM_SUBMITTED).occurredAt(clock.instant()).source("contract").build();
    SignalResult result = engine.accept(signal);
    assertThat(result).isInstanceOf(SignalResult.Decided.class);
    return ((SignalResult.Decided) result).decision().ruleSet().version();
  }

  private JourneyStore reopened(boolean closeFirst) {
    JourneyStore other = reopen(store, closeFirst);
    opened.add(other);
    if (closeFirst) {
      store = other;
    }
    return other;
  }

  @Test
  void should_read_a_deployment_back_as_written_with_its_history() {
    // given a deployment with every part set
    Deployments api = api(store);
    api.register(JOURNEY, version("1"), "ana", "initial");
    api.register(JOURNEY, version("2"), "ana", "faster first touch");
    api.register(JOURNEY, version("3"), "bo", "");
    api.shadow(JOURNEY, "3", "bo", "compare");
    api.start(JOURNEY, "2", List.of(5, 25, 100),
        PilotScope.everyone().and("region", "EMEA").and("segment", "mid-market", "smb"), "ana", "pilot");
    clock.advance(Duration.ofMinutes(30));
    JourneyDeployment written = api.step(JOURNEY, "guard", "n=812, no regression");
    // when
    JourneyDeployment read = deployments(store).deployment(JOURNEY).orElseThrow();
    // then
    assertThat(read).isEqualTo(written);
    assertThat(read.candidate().orElseThrow().percent()).isEqualTo(25);
    assertThat(read.candidate().orElseThrow().pilot().conditions())
        .containsEntry("segment", List.of("mid-market", "smb"));
    assertThat(read.history()).hasSize(6);
    assertThat(read.history().get(5)).isEqualTo(new DeploymentChange(
        6, DeploymentChange.Kind.STEP, "2 5% -> 25%", "guard", "n=812, no regression",
        T0.plus(Duration.ofMinutes(30))));
    assertThat(deployments(store).deployedJourneys()).containsExactly(JOURNEY);
    assertThat(deployments(store).deployment("other")).isEmpty();
  }

  @Test
  void should_let_exactly_one_of_concurrent_changes_on_one_revision_win() throws Exception {
    // given eight operators who all read revision 3
    Deployments api = api(store);
    api.register(JOURNEY, version("1"), "ana", "");
    api.register(JOURNEY, version("2"), "ana", "");
    JourneyDeployment read = api.start(JOURNEY, "2", Candidate.DEFAULT_STEPS, PilotScope.everyone(), "ana", "");
    int writers = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        String who = "op" + i;
        results.add(pool.submit(() -> {
          go.await(10, TimeUnit.SECONDS);
          try {
            deployments(store).saveDeployment(read.pause(who, "", T0), read.revision());
            return true;
          } catch (DeploymentConflictException lost) {
            assertThat(lost.expectedRevision()).isEqualTo(3);
            assertThat(lost.actualRevision()).isEqualTo(4);
            return false;
          }
        }));
      }
      // when they write at once
      go.countDown();
      int won = 0;
      for (Future<Boolean> r : results) {
        won += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      // then one wins; a loser re-reads and its next change succeeds on the new revision
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    JourneyDeployment after = deployments(store).deployment(JOURNEY).orElseThrow();
    assertThat(after.revision()).isEqualTo(4);
    assertThat(after.history()).hasSize(4);
    assertThat(api.resume(JOURNEY, "op-late", "re-read").revision()).isEqualTo(5);
  }

  @Test
  void should_refuse_a_second_first_deployment_and_a_skipped_revision() {
    // given
    JourneyDeployment first = JourneyDeployment.first(JOURNEY, version("1"), "ana", "", T0);
    deployments(store).saveDeployment(first, 0);
    // when / then
    assertThatThrownBy(() -> deployments(store).saveDeployment(
            JourneyDeployment.first(JOURNEY, version("9"), "bo", "", T0), 0))
        .isInstanceOf(DeploymentConflictException.class)
        .hasMessageContaining("based on revision 0 but the store holds revision 1");
    assertThatThrownBy(() -> deployments(store).saveDeployment(
            first.register(version("2"), "ana", "", T0).register(version("3"), "ana", "", T0), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deployment revision must be expectedRevision + 1 = 2, but was 3");
    assertThat(deployments(store).deployment(JOURNEY).orElseThrow()).isEqualTo(first);
  }

  @Test
  void should_keep_subjects_pinned_to_their_version_across_a_restart() {
    // given 300 subjects who entered while version 2 rolled out at 50%
    Deployments api = api(store);
    api.register(JOURNEY, version("1"), "ana", "");
    api.register(JOURNEY, version("2"), "ana", "");
    api.start(JOURNEY, "2", List.of(50, 100), PilotScope.everyone(), "ana", "");
    JourneyEngine engine = engine(store);
    Map<SubjectRef, String> entered = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      SubjectRef s = SubjectRef.contact("pin-" + i);
      entered.put(s, decide(engine, s));
    }
    long onTwo = entered.values().stream().filter("2"::equals).count();
    // when the store restarts and the rollout steps to 100%, then rolls back for new entries
    JourneyStore restarted = reopened(true);
    api = api(restarted);
    api.step(JOURNEY, "ana", "");
    JourneyEngine after = engine(restarted);
    // then every subject decides with the version it entered with
    entered.forEach((s, v) -> assertThat(decide(after, s)).as("%s", s).isEqualTo(v));
    api.rollback(JOURNEY, RollbackMode.NEW_ENTRIES, "guard", "regression");
    clock.advance(POLL);
    entered.forEach((s, v) -> assertThat(decide(after, s)).as("%s", s).isEqualTo(v));
    assertThat(decide(after, SubjectRef.contact("new-entry"))).isEqualTo("1");
    assertThat(onTwo).isBetween(100L, 200L);
    assertThat(deployments(restarted).pinnedCounts(JOURNEY, Set.of("lead-handoff@1", "lead-handoff@2", "x@1")))
        .containsEntry("lead-handoff@2", onTwo)
        .containsEntry("lead-handoff@1", 301 - onTwo)
        .containsEntry("x@1", 0L);
    assertThat(api.status(JOURNEY).version("2").orElseThrow().cohort()).isEqualTo(onTwo);
  }

  @Test
  void should_converge_two_engines_on_one_database_within_one_poll_interval() {
    // given two runtimes' engines on one database, both having read the deployment
    Deployments api = api(store);
    api.register(JOURNEY, version("1"), "ana", "");
    api.register(JOURNEY, version("2"), "ana", "");
    JourneyStore second = reopened(false);
    JourneyEngine a = engine(store);
    JourneyEngine b = engine(second);
    assertThat(decide(a, SubjectRef.contact("a0"))).isEqualTo("1");
    assertThat(decide(b, SubjectRef.contact("b0"))).isEqualTo("1");
    // when one operator starts version 2 at 100% through the second instance
    api(second).start(JOURNEY, "2", List.of(100), PilotScope.everyone(), "ana", "");
    clock.advance(POLL.minusMillis(1));
    // then both still decide new entries on 1 until one poll interval has passed, then on 2
    assertThat(decide(a, SubjectRef.contact("a1"))).isEqualTo("1");
    assertThat(decide(b, SubjectRef.contact("b1"))).isEqualTo("1");
    clock.advance(Duration.ofMillis(1));
    assertThat(decide(a, SubjectRef.contact("a2"))).isEqualTo("2");
    assertThat(decide(b, SubjectRef.contact("b2"))).isEqualTo("2");
    // and the subjects that entered on 1 stay on it, whichever engine decides
    assertThat(decide(b, SubjectRef.contact("a1"))).isEqualTo("1");
    assertThat(decide(a, SubjectRef.contact("b1"))).isEqualTo("1");
  }
}
