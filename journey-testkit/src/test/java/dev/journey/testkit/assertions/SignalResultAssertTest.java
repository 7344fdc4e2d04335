package dev.journey.testkit.assertions;

import static dev.journey.core.state.JourneyModel.SALES_ENGAGED;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.JourneyDriver;
import dev.journey.testkit.playbook.Playbook;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class SignalResultAssertTest {
  private final JourneyDriver driver = JourneyDriver.builder().definition(Playbook.journey()).build();
  private final Signal demo =
      Signal.builder()
          .id("demo-1")
          .subject(SubjectRef.contact("1"))
          .type(SignalTypes.DEMO_REQUESTED)
          .occurredAt(JourneyDriver.DEFAULT_START)
          .build();

  @Test
  void should_pass_for_a_decided_signal_and_its_duplicate() {
    // given
    SignalResult decided = driver.receive(demo);

    // when
    SignalResult duplicate = driver.receive(demo);

    // then
    assertThat(decided).isDecided().decision().hasStateAfter(SALES_ENGAGED);
    assertThat(decided).snapshot().isInState(SALES_ENGAGED).hasVersion(1);
    assertThat(duplicate).isDuplicate();
  }

  @ParameterizedTest
  @EnumSource(
      value = SignalResult.Status.class,
      names = {"DUPLICATE", "REJECTED", "STALE_TIMER", "PARKED"})
  void should_show_the_actual_status(SignalResult.Status expected) {
    // given
    SignalResult decided = driver.receive(demo);
    SignalResultAssert result = assertThat(decided);
    Consumer<SignalResultAssert> check;
    switch (expected) {
      case DUPLICATE:
        check = SignalResultAssert::isDuplicate;
        break;
      case REJECTED:
        check = SignalResultAssert::isRejected;
        break;
      case STALE_TIMER:
        check = SignalResultAssert::isStaleTimer;
        break;
      default:
        check = SignalResultAssert::isParked;
    }

    // when / then
    assertThatThrownBy(() -> check.accept(result))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting signal demo-1 (DEMO_REQUESTED for contact:1) to be:\n  " + expected
                + "\nbut was:\n  DECIDED");
  }

  @Test
  void should_show_the_reason_when_decided_was_expected() {
    // given
    SignalResult rejected =
        driver.receive(
            Signal.builder()
                .id("crm-1")
                .subject(SubjectRef.contact("1"))
                .type(SignalTypes.LIFECYCLE_CHANGED)
                .occurredAt(JourneyDriver.DEFAULT_START)
                .attribute("lifecyclestage", "customer")
                .build());

    // when / then
    assertThat(rejected).isRejected().hasErrorContaining("cannot go from NURTURE to CUSTOMER");
    assertThatThrownBy(() -> assertThat(rejected).isDecided())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting signal crm-1 (LIFECYCLE_CHANGED for contact:1) to be:\n  DECIDED\n"
                + "but was:\n  REJECTED (journey 'lead-handoff' cannot go from NURTURE to CUSTOMER;"
                + " allowed from NURTURE: [OPPORTUNITY_ACTIVE, RECYCLED, SALES_ENGAGED])");
    assertThatThrownBy(() -> assertThat(rejected).hasErrorContaining("RENEWAL_RISK"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting signal crm-1 to fail with a reason containing:\n  RENEWAL_RISK\n"
                + "but was REJECTED with reason:\n  journey 'lead-handoff' cannot go from NURTURE"
                + " to CUSTOMER; allowed from NURTURE: [OPPORTUNITY_ACTIVE, RECYCLED, SALES_ENGAGED]");
  }

  @Test
  void should_say_a_duplicate_has_no_decision_or_snapshot() {
    // given
    driver.receive(demo);
    SignalResult duplicate = driver.receive(demo);

    // when / then
    assertThatThrownBy(() -> assertThat(duplicate).hasErrorContaining("x"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting signal demo-1 to fail with a reason containing:\n  x\n"
                + "but was DUPLICATE with reason:\n  none");
    assertThatThrownBy(() -> assertThat(duplicate).decision())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting signal demo-1 to have a decision\nbut it was DUPLICATE and has none");
    assertThatThrownBy(() -> assertThat(duplicate).snapshot())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting signal demo-1 to have a snapshot\nbut it was DUPLICATE and has none");
  }
}
