package dev.journey.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Pinning against a reference model: random rollout changes (start, step, pause, resume, both
 * rollbacks, promote) interleaved with signals never change a pinned subject's version, except a
 * migrating rollback, which moves it to live once; and the cohorts match the bucket fractions.
 */
final class PinningProperties {
  private static final String J = DeploymentEvaluatorTest.JOURNEY;

  @Property(tries = 60)
  void should_never_flip_a_pinned_subject_except_by_a_migrating_rollback(
      @ForAll("operations") List<Integer> operations) {
    // given versions 1 (live), 2 and 3 registered
    MutableClock clock = MutableClock.at(DeploymentEvaluatorTest.T0.toString());
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    Deployments deployments = Deployments.builder(store).clock(clock).build();
    for (String v : List.of("1", "2", "3")) {
      deployments.register(J, DeploymentEvaluatorTest.version(v), "test", "");
    }
    JourneyEngine engine = DeploymentEvaluatorTest.engine(store, clock);
    Map<SubjectRef, String> model = new HashMap<>();
    // when the operations run
    for (int op : operations) {
      if (op < 40) {
        SubjectRef subject = SubjectRef.contact("p" + op);
        JourneyDeployment d = deployments.require(J);
        String expected = expected(d, subject, model.get(subject));
        String decided =
            DeploymentEvaluatorTest.decide(engine, subject, clock.instant());
        // then every decision uses the model's version
        assertThat(decided).as("subject %s after %s", subject, d).isEqualTo(expected);
        model.put(subject, decided);
      } else {
        change(deployments, op);
        clock.advance(DeploymentEvaluatorTest.POLL);
      }
    }
    // and the status's cohorts are the model's
    DeploymentStatus status = deployments.status(J);
    for (String v : List.of("1", "2", "3")) {
      assertThat(status.version(v).orElseThrow().cohort())
          .isEqualTo(model.values().stream().filter(v::equals).count());
    }
  }

  private static String expected(JourneyDeployment d, SubjectRef subject, String pinned) {
    if (pinned != null) {
      return d.migrating().contains(pinned) ? d.live() : pinned;
    }
    if (d.candidate().isPresent() && d.state() == DeploymentState.RUNNING
        && d.bucket(subject) < d.candidate().get().percent() * 100) {
      return d.candidate().get().version();
    }
    return d.live();
  }

  private static void change(Deployments deployments, int op) {
    try {
      switch (op) {
        case 40 -> deployments.start(J, "2", List.of(10, 50, 100), PilotScope.everyone(), "t", "");
        case 41 -> deployments.start(J, "3", Candidate.DEFAULT_STEPS, PilotScope.everyone(), "t", "");
        case 42 -> deployments.step(J, "t", "");
        case 43 -> deployments.pause(J, "t", "");
        case 44 -> deployments.resume(J, "t", "");
        case 45 -> deployments.rollback(J, RollbackMode.NEW_ENTRIES, "t", "");
        case 46 -> deployments.rollback(J, RollbackMode.MIGRATE_PINNED, "t", "");
        case 47 -> deployments.promote(J, "t", "");
        default -> deployments.step(J, "t", "");
      }
    } catch (IllegalDeploymentChangeException refused) {
      // not allowed in this state: nothing changed, which the next decisions check
    }
  }

  @Provide
  Arbitrary<List<Integer>> operations() {
    Arbitrary<Integer> signal = Arbitraries.integers().between(0, 39);
    Arbitrary<Integer> change = Arbitraries.integers().between(40, 48);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, signal), net.jqwik.api.Tuple.of(1, change))
        .list().ofMinSize(10).ofMaxSize(120);
  }

  @Property(tries = 100)
  void should_put_the_step_share_of_entering_subjects_on_the_candidate(
      @ForAll @IntRange(min = 1, max = 100) int percent) {
    // given a candidate at {percent}% and 4,000 entering subjects
    JourneyDeployment d =
        JourneyDeployment.first(J, DeploymentEvaluatorTest.version("1"), "t", "", DeploymentEvaluatorTest.T0)
            .register(DeploymentEvaluatorTest.version("2"), "t", "", DeploymentEvaluatorTest.T0)
            .start("2", percent == 100 ? List.of(100) : List.of(percent, 100), PilotScope.everyone(),
                "t", "", DeploymentEvaluatorTest.T0);
    int n = 4000;
    // when
    long onCandidate = 0;
    for (int i = 0; i < n; i++) {
      onCandidate += d.versionFor(SubjectRef.contact("e" + i), name -> Optional.empty()).equals("2") ? 1 : 0;
    }
    // then the share is the step's within four standard deviations of a binomial
    double p = percent / 100.0;
    double bound = 4 * Math.sqrt(n * p * (1 - p)) + 1;
    assertThat((double) onCandidate).isBetween(n * p - bound, n * p + bound);
  }
}
