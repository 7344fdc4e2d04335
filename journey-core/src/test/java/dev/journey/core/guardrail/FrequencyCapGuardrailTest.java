package dev.journey.core.guardrail;

import static dev.journey.core.guardrail.GuardrailFixture.dropped;
import static dev.journey.core.guardrail.GuardrailFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SignalTypes;
import dev.journey.core.action.ActionKind;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

final class FrequencyCapGuardrailTest {
  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();

  // tag::frequency-cap[]
  static final FrequencyCapGuardrail CAPS =
      FrequencyCapGuardrail.builder(ZoneId.of("Europe/Berlin"))
          .perDay(ActionKind.CREATE_TASK, 2)
          .build();
  // end::frequency-cap[]

  private final JavaRuleSet rules =
      JavaRuleSet.builder("lead-handoff", "1")
          .rule("each form creates a task", f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
              (f, d) -> d.createTask("Follow up", "", f.now()))
          .rule("a pricing view creates two", f -> f.signal().type().equals(SignalTypes.PRICING_PAGE_VIEWED),
              (f, d) -> d.createTask("Pricing call", "", f.now()).createTask("Pricing email", "", f.now()))
          .build();

  private final JourneyEngine engine =
      JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules, CAPS)).store(store).clock(clock).build();

  @Test
  void should_drop_tasks_beyond_the_daily_cap_and_allow_them_again_the_next_day() {
    // when
    engine.accept(signal("form-1", SignalTypes.FORM_SUBMITTED, clock));
    engine.accept(signal("pricing-1", SignalTypes.PRICING_PAGE_VIEWED, clock));
    engine.accept(signal("form-2", SignalTypes.FORM_SUBMITTED, clock));
    clock.advance(Duration.ofDays(1));
    engine.accept(signal("pricing-2", SignalTypes.PRICING_PAGE_VIEWED, clock));

    // then
    assertThat(dropped(store, "form-1")).isEmpty();
    assertThat(dropped(store, "pricing-1")).singleElement().satisfies(d -> {
      assertThat(d.guardrail()).isEqualTo("frequency-cap");
      assertThat(d.reason()).isEqualTo("at most 2 CREATE_TASK per subject per day (Europe/Berlin); 1 already today");
    });
    assertThat(dropped(store, "form-2")).extracting(d -> d.reason())
        .containsExactly("at most 2 CREATE_TASK per subject per day (Europe/Berlin); 2 already today");
    assertThat(dropped(store, "pricing-2")).isEmpty();
    assertThat(store.pendingActions()).hasSize(4);
  }
}
