package dev.journey.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.JourneyDriver;
import dev.journey.testkit.playbook.Playbook;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Stateful property: any sequence of deliveries, redeliveries and time steps keeps the engine's
 * invariants (states from the model, only allowed transitions applied, no overdue timer left
 * behind, versions that only grow).
 */
final class JourneyStatefulTest {
  private static final List<String> TYPES =
      List.of(
          SignalTypes.DEMO_REQUESTED,
          SignalTypes.FORM_SUBMITTED,
          SignalTypes.SALES_ACTIVITY,
          SignalTypes.PRICING_PAGE_VIEWED,
          SignalTypes.MEETING_BOOKED,
          SignalTypes.LIFECYCLE_CHANGED,
          SignalTypes.INACTIVITY);

  @Property(tries = 100)
  void should_keep_journey_invariants_under_any_sequence_of_signals_and_time(
      @ForAll("journeys") ActionChain<JourneyDriver> chain) {
    chain
        .withInvariant("states come from the model", JourneyStatefulTest::statesFromModel)
        .withInvariant("no overdue timer is left pending", JourneyStatefulTest::noOverdueTimer)
        .withInvariant(
            "only allowed transitions, versions only grow", JourneyStatefulTest::allowedOnly)
        .run();
  }

  @Provide
  Arbitrary<ActionChain<JourneyDriver>> journeys() {
    return ActionChain.<JourneyDriver>startWith(
            () -> JourneyDriver.builder().definition(Playbook.journey()).build())
        .withAction(3, new Deliver())
        .withAction(1, new Advance())
        .withMaxTransformations(25);
  }

  /** Delivers signal {@code s<n>}; ids repeat, so some deliveries are redeliveries. */
  private static final class Deliver implements Action.Independent<JourneyDriver> {
    @Override
    public Arbitrary<Transformer<JourneyDriver>> transformer() {
      return Combinators.combine(
              Arbitraries.integers().between(1, 12), Arbitraries.integers().between(0, 90))
          .as(
              (n, minutes) ->
                  Transformer.mutate(
                      "deliver s" + n + " after " + minutes + "m",
                      driver -> driver.receive(signal(n, driver.now().plusSeconds(60L * minutes)))));
    }
  }

  /** Lets time pass, firing due timers. */
  private static final class Advance implements Action.Independent<JourneyDriver> {
    @Override
    public Arbitrary<Transformer<JourneyDriver>> transformer() {
      return Arbitraries.integers()
          .between(1, 10)
          .map(
              hours ->
                  Transformer.mutate(
                      "advance " + hours + "h", driver -> driver.advance(Duration.ofHours(hours))));
    }
  }

  /** Signal {@code s<n>}: always the same subject and type for the same id. */
  private static Signal signal(int n, java.time.Instant at) {
    Signal.Builder b =
        Signal.builder()
            .id("s" + n)
            .subject(SubjectRef.contact(String.valueOf(1 + n % 3)))
            .type(TYPES.get(n % TYPES.size()))
            .occurredAt(at);
    if (n % TYPES.size() == TYPES.indexOf(SignalTypes.LIFECYCLE_CHANGED)) {
      b.attribute("lifecyclestage", "customer");
    }
    return b.build();
  }

  private static void statesFromModel(JourneyDriver driver) {
    for (JourneySnapshot snapshot : driver.store().snapshots().values()) {
      assertThat(driver.model().hasState(snapshot.state())).isTrue();
    }
  }

  private static void noOverdueTimer(JourneyDriver driver) {
    driver.store().nextTimerDue().ifPresent(due -> assertThat(due).isAfter(driver.now()));
  }

  private static void allowedOnly(JourneyDriver driver) {
    JourneyModel model = driver.model();
    for (AuditRecord record : driver.records()) {
      if (record.outcome() == AuditRecord.Outcome.DECIDED) {
        assertThat(model.allows(record.decision().stateBefore(), record.decision().stateAfter()))
            .as("%s -> %s", record.decision().stateBefore(), record.decision().stateAfter())
            .isTrue();
      }
    }
    for (JourneySnapshot snapshot : driver.store().snapshots().values()) {
      List<AuditRecord> audit = driver.store().audit(snapshot.subject());
      for (int i = 1; i < audit.size(); i++) {
        assertThat(audit.get(i).before().version()).isGreaterThanOrEqualTo(audit.get(i - 1).before().version());
      }
    }
  }
}
