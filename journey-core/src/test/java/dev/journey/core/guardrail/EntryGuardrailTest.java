package dev.journey.core.guardrail;

import static dev.journey.core.guardrail.GuardrailFixture.LEAD;
import static dev.journey.core.guardrail.GuardrailFixture.dropped;
import static dev.journey.core.guardrail.GuardrailFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SignalTypes;
import dev.journey.core.action.ActionKind;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.routing.InMemoryOwnerDirectory;
import dev.journey.core.routing.Owner;
import dev.journey.core.routing.Pool;
import dev.journey.core.routing.Router;
import dev.journey.core.routing.RoutingPolicy;
import dev.journey.core.routing.RoutingStage;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class EntryGuardrailTest {
  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();

  // tag::entry[]
  static final EntryGuardrail ENTRY =
      EntryGuardrail.builder(JourneyModel.SALES_ENGAGED)
          .requireAtLeast("fit_score", 60)
          .requireAtLeast("intent_score", 50)
          .maxEntries(2)
          .reentryCooldown(Duration.ofDays(30))
          .build();
  // end::entry[]

  private final JavaRuleSet rules =
      JavaRuleSet.builder("lead-handoff", "1")
          .rule("demo", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
              (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).route("inbound")
                  .createTask("Call back", "", f.now()))
          .rule("recycle", f -> f.signal().type().equals(SignalTypes.LIFECYCLE_CHANGED),
              (f, d) -> d.transitionTo(JourneyModel.RECYCLED))
          .build();

  private final JourneyEngine engine =
      JourneyEngine.builder()
          .definition(JourneyDefinition.builder("lead-handoff")
              .model(JourneyModel.leadHandoff())
              .evaluator(rules)
              .stage(ENTRY)
              .stage(RoutingStage.of(Router.builder()
                  .directory(InMemoryOwnerDirectory.builder()
                      .owner(Owner.builder("o-1", BusinessCalendar.alwaysOpen(ZoneOffset.UTC)).build())
                      .pool(Pool.of("p", "o-1")).build())
                  .policy(RoutingPolicy.builder("inbound").roundRobin("p").fallbackQueue("q").build())
                  .build()))
              .build())
          .store(store)
          .clock(clock)
          .build();

  private SignalResult.Decided demo(String id, int fit, int intent) {
    return (SignalResult.Decided) engine.accept(signal(id, SignalTypes.DEMO_REQUESTED, "app", clock,
        Map.of("fit_score", fit, "intent_score", intent)));
  }

  @Test
  void should_hold_back_an_entry_below_the_criteria_and_audit_the_dropped_actions() {
    // when
    SignalResult.Decided result = demo("demo-1", 40, 70);

    // then: still in nurture, nothing routed, the task dropped with the reason
    assertThat(result.snapshot().state()).isEqualTo(JourneyModel.NURTURE);
    assertThat(result.snapshot().owner()).isEmpty();
    assertThat(result.decision().requests()).isEmpty();
    assertThat(dropped(store, "demo-1")).singleElement().satisfies(d -> {
      assertThat(d.guardrail()).isEqualTo("entry");
      assertThat(d.action().kind()).isEqualTo(ActionKind.CREATE_TASK);
      assertThat(d.reason()).isEqualTo("entry into SALES_ENGAGED held back: fit_score 40 < 60");
    });
    assertThat(store.pendingActions()).isEmpty();
  }

  @Test
  void should_apply_the_reentry_cooldown_and_the_entry_limit() {
    // given: a first entry, then a recycle
    assertThat(demo("demo-1", 80, 70).snapshot().state()).isEqualTo(JourneyModel.SALES_ENGAGED);
    engine.accept(signal("recycle-1", SignalTypes.LIFECYCLE_CHANGED, clock));

    // when: a day later, then 31 days later, recycle, then another 31 days
    clock.advance(Duration.ofDays(1));
    SignalResult.Decided tooSoon = demo("demo-2", 80, 70);
    clock.advance(Duration.ofDays(30));
    SignalResult.Decided second = demo("demo-3", 80, 70);
    engine.accept(signal("recycle-2", SignalTypes.LIFECYCLE_CHANGED, clock));
    clock.advance(Duration.ofDays(31));
    SignalResult.Decided third = demo("demo-4", 80, 70);

    // then
    assertThat(tooSoon.snapshot().state()).isEqualTo(JourneyModel.RECYCLED);
    assertThat(dropped(store, "demo-2")).extracting(d -> d.reason()).containsExactly(
        "entry into SALES_ENGAGED held back: re-entry cooldown PT720H runs until 2026-04-01T09:00:00Z");
    assertThat(second.snapshot().state()).isEqualTo(JourneyModel.SALES_ENGAGED);
    assertThat(third.snapshot().state()).isEqualTo(JourneyModel.RECYCLED);
    assertThat(dropped(store, "demo-4")).extracting(d -> d.reason()).containsExactly(
        "entry into SALES_ENGAGED held back: already entered 2 time(s), at most 2 allowed");
    assertThat(store.load(LEAD).orElseThrow().counter("entry.SALES_ENGAGED.count")).isEqualTo(2);
  }
}
