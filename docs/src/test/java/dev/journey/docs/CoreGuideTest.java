package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.ActionKind;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.metrics.JourneyMetrics;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The samples of docs/core.md, run. */
final class CoreGuideTest {

  @Test
  void should_test_a_rule_only_for_the_signal_types_it_declares() {
    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    // tag::typed-rules[]
    JavaRuleSet rules = JavaRuleSet.builder("scoring", "1")
        .rule("demo from a good fit", Set.of(SignalTypes.DEMO_REQUESTED),
            f -> f.signal().longAttribute("fitScore").orElse(0L) >= 70,
            (f, d) -> d.increment("hot_demos", 1L))
        .rule("any signal counts", f -> true, (f, d) -> d.increment("signals", 1L))
        .build();
    // end::typed-rules[]
    JourneySnapshot snapshot = JourneySnapshot.initial(SubjectRef.contact("42"), "TRIAL", now);
    Signal demo = Signal.builder().id("s-1").subject(SubjectRef.contact("42"))
        .type(SignalTypes.DEMO_REQUESTED).occurredAt(now).source("hubspot")
        .attributes(Map.of("fitScore", 80)).build();
    Signal form = Signal.builder().id("s-2").subject(SubjectRef.contact("42"))
        .type(SignalTypes.FORM_SUBMITTED).occurredAt(now).source("hubspot")
        .attributes(Map.of("fitScore", 80)).build();
    assertThat(rules.evaluate(snapshot, demo, now).rulesFired())
        .containsExactly("demo from a good fit", "any signal counts");
    assertThat(rules.evaluate(snapshot, form, now).rulesFired()).containsExactly("any signal counts");
  }

  @Test
  void the_core_guide_walks_from_a_signal_to_an_executed_action() {
    VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    // tag::model[]
    JourneyModel model = JourneyModel.builder("trial")
        .states("TRIAL", "ENGAGED", "CUSTOMER", "LAPSED")
        .initialState("TRIAL")
        .allow("TRIAL", "ENGAGED", "LAPSED")
        .allow("ENGAGED", "CUSTOMER", "LAPSED")
        .allow("LAPSED", "TRIAL")
        .build();
    // end::model[]

    // tag::rules[]
    JavaRuleSet rules = JavaRuleSet.builder("trial-journey", "3")
        .rule("demo request engages sales",
            f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED) && f.snapshot().state().equals("TRIAL"),
            (f, d) -> d.transitionTo("ENGAGED")
                .assignOwner("owner-7", "trial desk")
                .createTask("Call back", "asked for a demo", f.now().plus(Duration.ofHours(4)))
                .startTimer("follow-up", f.now().plus(Duration.ofDays(2))))
        .rule("no follow-up lapses the trial",
            f -> f.signal().isTimer("follow-up"),
            (f, d) -> d.transitionTo("LAPSED").recycle("NO_FOLLOW_UP"))
        .rule("a call cancels the follow-up timer",
            f -> f.signal().type().equals(SignalTypes.SALES_ACTIVITY),
            (f, d) -> d.cancelTimer("follow-up"))
        .build();
    // end::rules[]

    // tag::engine[]
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyMetrics metrics = JourneyMetrics.builder().handoffState("ENGAGED").build();
    JourneyDefinition trial = JourneyDefinition.builder("trial").model(model).evaluator(rules).build();
    JourneyEngine engine = JourneyEngine.builder()
        .definition(trial)
        .store(store)
        .clock(clock)
        .listener(metrics)
        .build();

    SignalResult first = engine.accept(Signal.builder().id("hs-881").subject(SubjectRef.contact("42"))
        .type(SignalTypes.DEMO_REQUESTED).occurredAt(clock.instant()).source("hubspot").build());
    SignalResult again = engine.accept(Signal.builder().id("hs-881").subject(SubjectRef.contact("42"))
        .type(SignalTypes.DEMO_REQUESTED).occurredAt(clock.instant()).source("hubspot").build());
    // first.status() == DECIDED, again.status() == DUPLICATE: redelivery is harmless
    // end::engine[]
    assertThat(first.status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(again.status()).isEqualTo(SignalResult.Status.DUPLICATE);

    // tag::timers[]
    clock.advance(Duration.ofDays(3));
    int fired = engine.fireDueTimers(); // "follow-up" fires as signal timer:contact:42:follow-up:1
    // the rule moved the contact to LAPSED and emitted a RECYCLE action with reason NO_FOLLOW_UP
    // end::timers[]
    assertThat(fired).isEqualTo(1);
    assertThat(engine.snapshot(SubjectRef.contact("42")).orElseThrow().state()).isEqualTo("LAPSED");

    // tag::relay[]
    ActionExecutor executor = (action, attempt) ->
        action.kind() == ActionKind.CREATE_TASK
            ? ExecutionResult.permanent("400 validation: task owner unknown")
            : ExecutionResult.done();
    OutboxRelay relay = OutboxRelay.builder(store, executor).clock(clock).build();
    relay.drain();

    List<DeadLetter> dead = store.deadLetters(); // the task, with its reason
    // fix the cause, then: store.requeue(dead.get(0).entry().actionId(), clock.instant());
    // end::relay[]
    assertThat(dead).singleElement().extracting(d -> d.entry().action().kind()).isEqualTo(ActionKind.CREATE_TASK);
    assertThat(store.pendingActions()).isEmpty();

    // tag::audit[]
    store.audit(SubjectRef.contact("42")).forEach(record ->
        System.out.println(record.outcome() + " " + record.signal().type() + " by "
            + record.decision().ruleSet() + ": " + record.decision().rulesFired()));
    JourneyMetrics.Summary summary = metrics.summary(); // timers fired, transitions, recycles...
    // end::audit[]
    assertThat(summary.recycles()).containsEntry("NO_FOLLOW_UP", 1L);
    assertThat(summary.timersFired()).containsEntry("follow-up", 1L);
  }
}
