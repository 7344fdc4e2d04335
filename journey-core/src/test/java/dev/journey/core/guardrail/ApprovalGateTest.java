package dev.journey.core.guardrail;

import static dev.journey.core.guardrail.GuardrailFixture.LEAD;
import static dev.journey.core.guardrail.GuardrailFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SignalTypes;
import dev.journey.core.action.Action;
import dev.journey.core.action.ActionKind;
import dev.journey.core.action.Notify;
import dev.journey.core.action.UpdateDealStage;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

final class ApprovalGateTest {
  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final List<Action> executed = new CopyOnWriteArrayList<>();

  // tag::approval[]
  private final ApprovalGate gate =
      ApprovalGate.builder((action, attempt) -> {
            executed.add(action);
            return ExecutionResult.done();
          })
          .highImpact(ActionKind.UPDATE_DEAL_STAGE)
          .expireAfter(Duration.ofHours(1))
          .recheckEvery(Duration.ofMinutes(5))
          .clock(clock)
          .build();
  // end::approval[]

  @Test
  void should_hold_high_impact_actions_until_approved_and_pass_others_through() {
    // given
    Notify notify = new Notify("n1", LEAD, "o-1", "hello");
    UpdateDealStage deal = new UpdateDealStage("d1", LEAD, "default", "closedwon");

    // when
    ExecutionResult plain = gate.execute(notify, 1);
    ExecutionResult waiting = gate.execute(deal, 1);

    // then
    assertThat(plain).isEqualTo(ExecutionResult.done());
    assertThat(waiting).isEqualTo(ExecutionResult.retryAfter(Duration.ofMinutes(5), "awaiting approval until 2026-03-02T10:00:00Z"));
    assertThat(gate.queue().pending()).extracting(a -> a.action().id()).containsExactly("d1");
    assertThat(executed).containsExactly(notify);

    // when: approved, then attempted again
    boolean approved = gate.queue().approve("d1", "manager-7");
    ExecutionResult after = gate.execute(deal, 2);

    // then
    assertThat(approved).isTrue();
    assertThat(after).isEqualTo(ExecutionResult.done());
    assertThat(executed).containsExactly(notify, deal);
    assertThat(gate.queue().get("d1").orElseThrow().decidedBy()).contains("manager-7");
  }

  @Test
  void should_fail_permanently_when_rejected_or_expired() {
    // given
    UpdateDealStage rejected = new UpdateDealStage("d1", LEAD, "default", "closedwon");
    UpdateDealStage expiring = new UpdateDealStage("d2", LEAD, "default", "closedlost");
    gate.execute(rejected, 1);
    gate.execute(expiring, 1);

    // when
    gate.queue().reject("d1", "manager-7", "not yet signed");
    clock.advance(Duration.ofHours(1));
    ExecutionResult afterReject = gate.execute(rejected, 2);
    ExecutionResult afterExpiry = gate.execute(expiring, 2);

    // then
    assertThat(afterReject).isEqualTo(ExecutionResult.permanent("approval rejected by manager-7: not yet signed"));
    assertThat(afterExpiry).isEqualTo(ExecutionResult.permanent("approval expired at 2026-03-02T10:00:00Z"));
    assertThat(gate.queue().approve("d2", "manager-7")).isFalse();
    assertThat(executed).isEmpty();
  }

  @Test
  void should_execute_through_the_relay_only_after_approval() {
    // given: a decision that moves a deal, relayed through the gate
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff")
                .model(JourneyModel.leadHandoff())
                .evaluator(JavaRuleSet.builder("deal-desk", "1")
                    .rule("won", f -> true, (f, d) -> d.updateDealStage("default", "closedwon")).build())
                .build())
            .store(store)
            .clock(clock)
            .build();
    engine.accept(signal("won-1", SignalTypes.DEAL_STAGE_CHANGED, clock));
    OutboxRelay relay = OutboxRelay.builder(store, gate).clock(clock).build();

    // when: relayed before approval
    relay.drain();

    // then
    assertThat(executed).isEmpty();
    assertThat(store.pendingActions()).hasSize(1);

    // when: approved and relayed after the recheck delay
    String actionId = gate.queue().pending().get(0).action().id();
    gate.queue().approve(actionId, "manager-7");
    clock.advance(Duration.ofMinutes(5));
    relay.drain();

    // then
    assertThat(executed).extracting(Action::id).containsExactly(actionId);
    assertThat(store.pendingActions()).isEmpty();
  }

  @Test
  void should_build_the_gate_and_relay_its_javadoc_shows() {
    // given what the Javadoc sample assumes
    ActionExecutor hubspotExecutor = (action, attempt) -> ExecutionResult.done();
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    String actionId = "d-1";
    // when: the sample, verbatim
    ApprovalGate gate = ApprovalGate.builder(hubspotExecutor)
        .highImpact(ActionKind.UPDATE_DEAL_STAGE, ActionKind.RECYCLE)
        .expireAfter(Duration.ofHours(24))
        .recheckEvery(Duration.ofMinutes(5))
        .clock(clock)
        .build();
    OutboxRelay relay = OutboxRelay.builder(store, gate).clock(clock).build();
    gate.queue().approve(actionId, "manager-17");
    // then nothing was pending to approve, and the relay has nothing to do
    assertThat(gate.queue().pending()).isEmpty();
    assertThat(relay.drain()).isZero();
  }
}
