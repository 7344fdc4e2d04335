package dev.journey.core.guardrail;

import static dev.journey.core.guardrail.GuardrailFixture.audit;
import static dev.journey.core.guardrail.GuardrailFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SignalTypes;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class LoopProtectionGuardrailTest {
  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();

  // tag::loop-protection[]
  static final LoopProtectionGuardrail LOOPS =
      LoopProtectionGuardrail.builder().maxDecisions(3).window(Duration.ofMinutes(1)).build();
  // end::loop-protection[]

  private final JourneyEngine engine =
      JourneyEngine.builder()
          .definition(JourneyDefinition.builder("lead-handoff")
              .model(JourneyModel.leadHandoff())
              .evaluator(JavaRuleSet.builder("lead-handoff", "1")
                  .rule("every form creates a task", f -> true, (f, d) -> d.createTask("Look", "", f.now()))
                  .build())
              .stage(LOOPS)
              .build())
          .store(store)
          .clock(clock)
          .build();

  @Test
  void should_park_decisions_beyond_the_limit_and_audit_them() {
    // when: four signals within one minute, then one more a minute later
    for (int i = 1; i <= 3; i++) {
      assertThat(engine.accept(signal("s" + i, SignalTypes.FORM_SUBMITTED, clock)).status())
          .isEqualTo(SignalResult.Status.DECIDED);
      clock.advance(Duration.ofSeconds(10));
    }
    SignalResult fourth = engine.accept(signal("s4", SignalTypes.FORM_SUBMITTED, clock));
    clock.advance(Duration.ofMinutes(1));
    SignalResult later = engine.accept(signal("s5", SignalTypes.FORM_SUBMITTED, clock));

    // then
    assertThat(fourth.status()).isEqualTo(SignalResult.Status.PARKED);
    AuditRecord parked = audit(store, "s4");
    assertThat(parked.outcome()).isEqualTo(AuditRecord.Outcome.PARKED);
    assertThat(parked.error())
        .contains("loop protection: 3 decisions for contact:1 within PT1M already; at most 3 allowed");
    assertThat(later.status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(store.pendingActions()).hasSize(4);
  }

  @Test
  void should_reject_a_non_positive_limit() {
    assertThatThrownBy(() -> LoopProtectionGuardrail.builder().maxDecisions(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDecisions must be >= 1, but was 0");
  }
}
