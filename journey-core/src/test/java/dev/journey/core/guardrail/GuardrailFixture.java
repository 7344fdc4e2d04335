package dev.journey.core.guardrail;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.AuditRecord;
import java.util.List;
import java.util.Map;

/** Helpers the guardrail tests share. */
final class GuardrailFixture {
  static final SubjectRef LEAD = SubjectRef.contact("1");

  private GuardrailFixture() {}

  static Signal signal(String id, String type, MutableClock clock) {
    return signal(id, type, "app", clock, Map.of());
  }

  static Signal signal(String id, String type, String source, MutableClock clock, Map<String, Object> attributes) {
    return Signal.builder()
        .id(id)
        .subject(LEAD)
        .type(type)
        .source(source)
        .occurredAt(clock.instant())
        .attributes(attributes)
        .build();
  }

  /** The audit record of a signal. */
  static AuditRecord audit(InMemoryJourneyStore store, String signalId) {
    return store.audit(LEAD).stream()
        .filter(r -> r.signal().id().equals(signalId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no audit record for " + signalId));
  }

  /** The dropped actions recorded for a signal. */
  static List<DroppedAction> dropped(InMemoryJourneyStore store, String signalId) {
    return audit(store, signalId).decision().dropped();
  }
}
