package dev.journey.testkit;

import static dev.journey.core.SubjectRef.contact;

import com.google.common.testing.NullPointerTester;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.arbitraries.JourneyArbitraries;
import dev.journey.testkit.assertions.JourneyAssertions;
import dev.journey.testkit.arbitraries.OwnerData;
import dev.journey.testkit.arbitraries.SignalStream;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import dev.journey.testkit.golden.GoldenDataset;
import dev.journey.testkit.junit.JourneyExtension;
import dev.journey.testkit.golden.GoldenDiff;
import dev.journey.testkit.playbook.Playbook;
import dev.journey.testkit.replay.JsonLines;
import dev.journey.testkit.replay.LoggedDecision;
import dev.journey.testkit.replay.Replay;
import dev.journey.testkit.replay.ReplayResult;
import dev.journey.testkit.scenario.Given;
import dev.journey.testkit.scenario.Moment;
import dev.journey.testkit.scenario.Scenario;
import dev.journey.testkit.scenario.SignalSpec;
import dev.journey.testkit.scenario.Then;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every public method and constructor of the testkit rejects null arguments with an NPE. */
final class NullContractTest {
  @TempDir Path temp;

  private NullPointerTester tester() {
    Signal signal =
        Signal.builder()
            .id("demo-1")
            .subject(contact("1"))
            .type(SignalTypes.DEMO_REQUESTED)
            .occurredAt(JourneyDriver.DEFAULT_START)
            .build();
    JourneySnapshot snapshot =
        JourneySnapshot.initial(contact("1"), JourneyModel.NURTURE, JourneyDriver.DEFAULT_START);
    Decision decision = Playbook.rules().evaluate(snapshot, signal, JourneyDriver.DEFAULT_START);
    return new NullPointerTester()
        .setDefault(JourneyEvaluator.class, Playbook.rules())
        .setDefault(JourneyModel.class, JourneyModel.leadHandoff())
        .setDefault(SubjectRef.class, contact("1"))
        .setDefault(Signal.class, signal)
        .setDefault(JourneySnapshot.class, snapshot)
        .setDefault(Decision.class, decision)
        .setDefault(String.class, "x")
        .setDefault(Instant.class, JourneyDriver.DEFAULT_START)
        .setDefault(Duration.class, Duration.ofMinutes(1))
        .setDefault(ZoneId.class, ZoneOffset.UTC)
        .setDefault(Path.class, temp.resolve("absent.jsonl"))
        .setDefault(Moment.class, Scenario.at("09:00"))
        .setDefault(SignalSpec.class, Scenario.demoRequested());
  }

  @Test
  void should_reject_nulls_in_static_factories_and_constructors() {
    NullPointerTester tester = tester();
    for (Class<?> type :
        new Class<?>[] {
          // not JourneyAssertions: assertThat(null) is AssertJ's way to assert on a null value
          VirtualClock.class, VirtualScheduler.class, Scenario.class, JourneyArbitraries.class,
          JsonLines.class, GoldenDataset.class, LoggedDecision.class
        }) {
      tester.testAllPublicStaticMethods(type);
    }
    for (Class<?> type :
        new Class<?>[] {
          LoggedDecision.class, OwnerData.class, SignalStream.class, GoldenDiff.SubjectDiff.class
        }) {
      tester.testAllPublicConstructors(type);
    }
  }

  @Test
  void should_reject_nulls_in_instance_methods() {
    // given
    JourneyDriver driver = JourneyDriver.builder().definition(Playbook.journey()).build();
    Scenario scenario = Scenario.on(driver);
    Given given = scenario.given(contact("1"));
    Then then = given.then();
    ReplayResult result = Replay.builder().definition(Playbook.journey()).build().run(java.util.List.of());
    SignalResult.Decided decided =
        (SignalResult.Decided) driver.receive(
            Signal.builder()
                .id("demo-9")
                .subject(contact("9"))
                .type(SignalTypes.DEMO_REQUESTED)
                .occurredAt(JourneyDriver.DEFAULT_START)
                .build());
    Decision decision = decided.decision();

    // when / then
    for (Object instance :
        new Object[] {
          VirtualClock.at(JourneyDriver.DEFAULT_START),
          VirtualScheduler.on(VirtualClock.at(JourneyDriver.DEFAULT_START)),
          driver,
          JourneyDriver.builder(),
          JourneyExtension.builder(),
          scenario,
          given,
          then,
          Scenario.demoRequested(),
          Replay.builder(),
          Replay.builder().definition(Playbook.journey()).build(),
          result,
          GoldenDataset.in(temp),
          JourneyAssertions.assertThat(decision),
          JourneyAssertions.assertThat(decided.snapshot()),
          JourneyAssertions.assertThat(decision.actions()),
          JourneyAssertions.assertThat(decided),
          JourneyAssertions.assertThatAudit(driver.records())
        }) {
      sweep(tester(), instance);
    }
  }

  /** Only the methods the class declares: inherited ones (equals, AssertJ's) have their own contracts. */
  private static void sweep(NullPointerTester tester, Object instance) {
    for (Method method : instance.getClass().getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers())
          && !Modifier.isStatic(method.getModifiers())
          && !method.isSynthetic()
          && !method.getName().equals("equals")) {
        tester.testMethod(instance, method);
      }
    }
  }
}
