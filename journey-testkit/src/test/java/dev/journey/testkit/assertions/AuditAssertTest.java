package dev.journey.testkit.assertions;

import static dev.journey.core.spi.AuditRecord.Outcome.DECIDED;
import static dev.journey.core.spi.AuditRecord.Outcome.PARKED;
import static dev.journey.core.spi.AuditRecord.Outcome.REJECTED;
import static dev.journey.testkit.assertions.JourneyAssertions.assertThatAudit;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.testkit.JourneyDriver;
import dev.journey.testkit.playbook.Playbook;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class AuditAssertTest {
  private static final SubjectRef ONE = SubjectRef.contact("1");
  private static final String RECORDS =
      "  DECIDED FORM_SUBMITTED form-1: NURTURE -> NURTURE, fired [form fill nurtures], actions"
          + " [ENROLL_SEQUENCE]\n"
          + "  REJECTED LIFECYCLE_CHANGED crm-1: NURTURE -> CUSTOMER, fired [lifecycle says"
          + " customer], actions [] (journey 'lead-handoff' cannot go from NURTURE to CUSTOMER;"
          + " allowed from NURTURE: [OPPORTUNITY_ACTIVE, RECYCLED, SALES_ENGAGED])";

  private List<AuditRecord> audit;

  @BeforeEach
  void run_a_form_fill_and_an_illegal_jump() {
    JourneyDriver driver = JourneyDriver.builder().definition(Playbook.journey()).build();
    driver.receive(signal("form-1", SignalTypes.FORM_SUBMITTED).build());
    driver.receive(
        signal("crm-1", SignalTypes.LIFECYCLE_CHANGED).attribute("lifecyclestage", "customer").build());
    audit = driver.store().audit(ONE);
  }

  private static Signal.Builder signal(String id, String type) {
    return Signal.builder().id(id).subject(ONE).type(type).occurredAt(JourneyDriver.DEFAULT_START);
  }

  @Test
  void should_pass_when_the_audit_matches() {
    assertThatAudit(audit)
        .hasOutcomes(DECIDED, REJECTED)
        .containsOutcome(REJECTED)
        .hasRejectionContaining("cannot go from NURTURE to CUSTOMER")
        .hasFired("form fill nurtures", "lifecycle says customer");
  }

  @Test
  void should_list_the_records_when_outcomes_differ() {
    assertThatThrownBy(() -> assertThatAudit(audit).hasOutcomes(DECIDED, DECIDED))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting audit records with outcomes, in order:\n  [DECIDED, DECIDED]\n"
                + "but the records were:\n" + RECORDS);
  }

  @Test
  void should_list_the_records_when_an_outcome_is_missing() {
    assertThatThrownBy(() -> assertThatAudit(audit).containsOutcome(PARKED))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting an audit record with outcome:\n  PARKED\nbut the records were:\n" + RECORDS);
  }

  @Test
  void should_list_the_records_when_no_rejection_matches() {
    assertThatThrownBy(() -> assertThatAudit(audit).hasRejectionContaining("RENEWAL_RISK"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting a REJECTED audit record whose reason contains:\n  RENEWAL_RISK\n"
                + "but the records were:\n" + RECORDS);
  }

  @Test
  void should_navigate_to_the_last_decision_or_say_there_is_none() {
    assertThatAudit(audit).lastDecision().hasFired("lifecycle says customer");
    assertThatThrownBy(() -> assertThatAudit(List.of()).lastDecision())
        .isInstanceOf(AssertionError.class)
        .hasMessage("\nExpecting an audited decision\nbut there are no audit records");
  }

  @Test
  void should_name_rules_that_fired_in_no_record() {
    assertThatThrownBy(() -> assertThatAudit(audit).hasFired("form fill nurtures", "vip"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting the audited decisions to have fired rules:\n"
                + "  [form fill nurtures, vip]\nbut these did not fire:\n  [vip]\n"
                + "the records were:\n" + RECORDS);
    assertThatThrownBy(() -> assertThatAudit(List.of()).hasFired("vip"))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "\nExpecting the audited decisions to have fired rules:\n"
                + "  [vip]\nbut these did not fire:\n  [vip]\n"
                + "the records were:\n  none");
  }
}
