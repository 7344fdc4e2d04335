package dev.journey.core.guardrail;

import static dev.journey.core.guardrail.GuardrailFixture.LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.action.Action;
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
import dev.journey.core.sla.SlaPolicy;
import dev.journey.core.sla.SlaStage;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** All capabilities and guardrails on one engine, in the recommended order. */
final class PipelineTest {
  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();

  @Test
  void should_route_start_the_sla_and_suppress_nurture_in_one_guarded_decision() {
    // given
    // tag::pipeline[]
    BusinessCalendar berlin =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .build();
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("o-1", berlin).manager("m-1").dailyCap(20).build())
            .owner(Owner.builder("o-2", berlin).manager("m-1").dailyCap(20).build())
            .pool(Pool.of("emea", "o-1", "o-2"))
            .build();
    Router router =
        Router.builder()
            .directory(directory)
            .policy(RoutingPolicy.builder("inbound").sticky("owner").roundRobin("emea")
                .fallbackQueue("queue-emea").build())
            .build();
    JavaRuleSet rules =
        JavaRuleSet.builder("lead-handoff", "7")
            .rule("demo request hands off to sales",
                f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED)
                    .route("inbound")
                    .startSla("first-touch")
                    .createTask("Call back: demo request", "", f.now().plus(Duration.ofHours(2))))
            .build();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff")
                .model(JourneyModel.leadHandoff())
                .evaluator(rules)
                .stage(LoopProtectionGuardrail.builder().build())
                .stage(EntryGuardrail.builder(JourneyModel.SALES_ENGAGED).requireAtLeast("fit_score", 60).build())
                .stage(RoutingStage.of(router))
                .stage(SlaStage.builder().router(router)
                    .sla(SlaPolicy.builder("first-touch").target(Duration.ofHours(2)).calendar(berlin)
                        .satisfiedBy(SignalTypes.SALES_ACTIVITY).reminderAt(0.5).reassignWith("inbound").build())
                    .build())
                .stage(SingleWriterGuardrail.builder().property(JourneySnapshot.OWNER, "lead-handoff").build())
                .stage(SuppressionGuardrail.builder()
                    .suppressOnEntering(JourneyModel.SALES_ENGAGED, "nurture", "marketing")
                    .resumeOnEntering(JourneyModel.RECYCLED).build())
                .stage(FrequencyCapGuardrail.builder(berlin.zone()).perDay(ActionKind.CREATE_TASK, 3).build())
                .build())
            .store(store)
            .clock(clock)
            .build();

    SignalResult result =
        engine.accept(Signal.builder().id("form-7781").subject(LEAD).type(SignalTypes.DEMO_REQUESTED)
            .occurredAt(clock.instant()).attribute("fit_score", 82).build());
    // end::pipeline[]

    // then
    assertThat(result.status()).isEqualTo(SignalResult.Status.DECIDED);
    SignalResult.Decided decided = (SignalResult.Decided) result;
    assertThat(decided.decision().actions())
        .extracting(Action::kind)
        .containsExactly(ActionKind.ASSIGN_OWNER, ActionKind.CREATE_TASK, ActionKind.SUPPRESS_OUTREACH,
            ActionKind.SUPPRESS_OUTREACH);
    JourneySnapshot snapshot = decided.snapshot();
    assertThat(snapshot.owner()).contains("o-1");
    assertThat(snapshot.timer("sla:first-touch").orElseThrow().dueAt())
        .isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    assertThat(decided.decision().trace())
        .containsExactly(
            "route inbound: o-1 (round robin pool emea, weight 1)",
            "sla first-touch started, due 2026-03-02T11:00:00Z",
            "suppression: nurture suppressed on entering SALES_ENGAGED",
            "suppression: marketing suppressed on entering SALES_ENGAGED");
  }
}
