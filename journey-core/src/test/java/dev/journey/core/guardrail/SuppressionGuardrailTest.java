package dev.journey.core.guardrail;

import static dev.journey.core.guardrail.GuardrailFixture.LEAD;
import static dev.journey.core.guardrail.GuardrailFixture.dropped;
import static dev.journey.core.guardrail.GuardrailFixture.signal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SignalTypes;
import dev.journey.core.action.Action;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.ResumeOutreach;
import dev.journey.core.action.SuppressOutreach;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SuppressionGuardrailTest {
  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();

  // tag::suppression[]
  static final SuppressionGuardrail SUPPRESSION =
      SuppressionGuardrail.builder()
          .suppressOnEntering(JourneyModel.SALES_ENGAGED, "nurture", "marketing")
          .resumeOnEntering(JourneyModel.RECYCLED)
          .build();
  // end::suppression[]

  private final JavaRuleSet rules =
      JavaRuleSet.builder("lead-handoff", "1")
          .rule("demo: sales engages and still enrolls in the webinar drip",
              f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
              (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED)
                  .enrollSequence("sales-intro", "sales")
                  .enrollSequence("webinar-drip", "nurture"))
          .rule("form: nurture",
              f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
              (f, d) -> d.enrollSequence("nurture-drip", "nurture"))
          .rule("recycle",
              f -> f.signal().type().equals(SignalTypes.LIFECYCLE_CHANGED),
              (f, d) -> d.transitionTo(JourneyModel.RECYCLED).recycle("not-now"))
          .build();

  private final JourneyEngine engine =
      JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules, SUPPRESSION)).store(store).clock(clock).build();

  private List<Action> accept(String id, String type) {
    SignalResult.Decided result = (SignalResult.Decided) engine.accept(signal(id, type, clock));
    clock.advance(Duration.ofMinutes(1));
    return result.decision().actions();
  }

  @Test
  void should_suppress_once_on_entering_drop_outreach_on_suppressed_channels_and_resume_on_recycle() {
    // when: entering SALES_ENGAGED
    List<Action> demo = accept("demo-1", SignalTypes.DEMO_REQUESTED);

    // then: nurture and marketing suppressed; the nurture enrollment in the same decision dropped
    assertThat(demo).filteredOn(a -> a instanceof SuppressOutreach)
        .extracting(a -> ((SuppressOutreach) a).channel()).containsExactly("nurture", "marketing");
    assertThat(demo).filteredOn(a -> a instanceof EnrollSequence)
        .extracting(a -> ((EnrollSequence) a).sequenceId()).containsExactly("sales-intro");
    assertThat(dropped(store, "demo-1")).singleElement().satisfies(d -> {
      assertThat(d.guardrail()).isEqualTo("suppression");
      assertThat(d.reason()).isEqualTo("channel nurture is suppressed (suppression:SALES_ENGAGED)");
    });
    assertThat(store.load(LEAD).orElseThrow().isSuppressed("nurture", clock.instant())).isTrue();

    // when: a form fill while sales-engaged, and a second demo request
    List<Action> form = accept("form-1", SignalTypes.FORM_SUBMITTED);
    List<Action> demoAgain = accept("demo-2", SignalTypes.DEMO_REQUESTED);

    // then: the nurture enrollment is dropped and audited; nothing is suppressed twice
    assertThat(form).isEmpty();
    assertThat(dropped(store, "form-1")).extracting(DroppedAction::reason)
        .containsExactly("channel nurture is suppressed (suppression:SALES_ENGAGED)");
    assertThat(demoAgain).noneMatch(a -> a instanceof SuppressOutreach);

    // when: the journey recycles, then the form comes again
    List<Action> recycle = accept("recycle-1", SignalTypes.LIFECYCLE_CHANGED);
    List<Action> formAfter = accept("form-2", SignalTypes.FORM_SUBMITTED);

    // then
    assertThat(recycle).filteredOn(a -> a instanceof ResumeOutreach)
        .extracting(a -> ((ResumeOutreach) a).channel()).containsExactlyInAnyOrder("nurture", "marketing");
    assertThat(formAfter).singleElement().isInstanceOf(EnrollSequence.class);
    assertThat(dropped(store, "form-2")).isEmpty();
  }
}
