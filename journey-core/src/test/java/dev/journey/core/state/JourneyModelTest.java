package dev.journey.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.IllegalTransitionException;
import dev.journey.core.UnknownStateException;
import org.junit.jupiter.api.Test;

final class JourneyModelTest {
  private final JourneyModel model = JourneyModel.leadHandoff();

  @Test
  void should_allow_listed_transitions_and_staying_put() {
    assertThat(model.allows("NURTURE", "SALES_ENGAGED")).isTrue();
    assertThat(model.allows("CUSTOMER", "CUSTOMER")).isTrue();
    assertThat(model.allows("NURTURE", "CUSTOMER")).isFalse();
  }

  @Test
  void should_reject_an_illegal_transition_with_the_allowed_targets() {
    assertThatThrownBy(() -> model.checkTransition("NURTURE", "CUSTOMER"))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessage(
            "journey 'lead-handoff' cannot go from NURTURE to CUSTOMER; allowed from NURTURE:"
                + " [OPPORTUNITY_ACTIVE, RECYCLED, SALES_ENGAGED]");
  }

  @Test
  void should_reject_an_unknown_state_listing_the_known_ones() {
    assertThatThrownBy(() -> model.checkTransition("NURTURE", "WON"))
        .isInstanceOf(UnknownStateException.class)
        .hasMessage(
            "journey 'lead-handoff' has no state 'WON'; states are [CUSTOMER, NURTURE,"
                + " OPPORTUNITY_ACTIVE, RECYCLED, RENEWAL_RISK, SALES_ENGAGED]");
  }

  @Test
  void should_validate_the_builder_immediately() {
    assertThatThrownBy(() -> JourneyModel.builder("1bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "journey name must be a letter then up to 63 letters, digits, '_' or '-', but was '1bad'");
    assertThatThrownBy(() -> JourneyModel.builder("j").states("A").allow("A", "B"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("to must be a declared state [A], but was 'B'");
    assertThatThrownBy(() -> JourneyModel.builder("j").states("A", "A"))
        .hasMessage("state 'A' is declared twice");
    assertThatThrownBy(() -> JourneyModel.builder("j").states("A").initialState("A").initialState("A"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("initialState was already set to 'A'");
    assertThatThrownBy(() -> JourneyModel.builder("j").states("A").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'j' has no initialState");
  }
}
