package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.action.Action;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code auditRecords(false)}: no audit record per decision, the same actions and state. */
final class AuditRecordsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef LEAD = SubjectRef.contact("1001");
  private static final List<Signal> SIGNALS =
      List.of(
          TestJourneys.demo("form-1", LEAD, T0),
          TestJourneys.signal("view-1", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(60)),
          TestJourneys.signal("view-1", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(61)),
          TestJourneys.signal("view-2", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(120)));

  private record Run(int audit, List<Action> actions, JourneySnapshot state) {}

  private static Run run(JourneyTopology.Builder builder) {
    try (DrivenTopology kafka = new DrivenTopology(builder, T0, false)) {
      for (Signal s : SIGNALS) {
        kafka.pipe(s.subject().toString(), TestJourneys.json(s), s.occurredAt());
      }
      return new Run(
          kafka.audit.readRecordsToList().size(), kafka.actions.readValuesToList(), kafka.store.load(LEAD).orElseThrow());
    }
  }

  @Test
  void should_write_no_audit_record_and_the_same_actions_and_state_when_audit_records_are_off() {
    // given the same signals (one redelivered) through a topology with audit records and one without
    Run with = run(JourneyTopology.builder(TestJourneys.definition()));
    // when
    Run without = run(JourneyTopology.builder(TestJourneys.definition()).auditRecords(false));
    // then
    assertThat(with.audit()).isEqualTo(3);
    assertThat(without.audit()).isZero();
    assertThat(with.actions()).isNotEmpty();
    assertThat(without.actions()).isEqualTo(with.actions());
    assertThat(without.state()).isEqualTo(with.state());
  }
}
