package dev.journey.core.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class DecisionBuilderTest {
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef ADA = SubjectRef.contact("1001");

  private static Decision decide(JavaRuleSet rules) {
    Signal signal =
        Signal.builder().id("f-1").subject(ADA).type(SignalTypes.FORM_SUBMITTED).occurredAt(NOW).build();
    return rules.evaluate(JourneySnapshot.initial(ADA, JourneyModel.NURTURE, NOW), signal, NOW);
  }

  @Test
  void should_enroll_with_the_named_sender_so_an_ownerless_contact_can_be_nurtured() {
    // when
    Decision decision =
        decide(
            JavaRuleSet.builder("nurture", "1")
                .rule("welcome", f -> true, (f, d) -> d.enrollSequence("welcome", "nurture", "mkt-3"))
                .build());

    // then
    assertThat(decision.actions())
        .singleElement()
        .isInstanceOfSatisfying(
            EnrollSequence.class,
            e -> {
              assertThat(e.senderOwnerId()).contains("mkt-3");
              assertThat(e.sequenceId()).isEqualTo("welcome");
              assertThat(e.channel()).isEqualTo("nurture");
            });
  }

  @Test
  void should_leave_the_sender_to_the_subjects_owner_without_one() {
    Decision decision =
        decide(
            JavaRuleSet.builder("nurture", "1")
                .rule("welcome", f -> true, (f, d) -> d.enrollSequence("welcome", "nurture"))
                .build());

    assertThat(((EnrollSequence) decision.actions().get(0)).senderOwnerId()).isEmpty();
  }

  @Test
  void should_reject_a_missing_sender() {
    JavaRuleSet rules =
        JavaRuleSet.builder("nurture", "1")
            .rule("welcome", f -> true, (f, d) -> d.enrollSequence("welcome", "nurture", null))
            .build();

    assertThatThrownBy(() -> decide(rules))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("senderOwnerId");
  }
}
