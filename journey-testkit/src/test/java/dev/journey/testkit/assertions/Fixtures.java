package dev.journey.testkit.assertions;

import static dev.journey.core.state.JourneyModel.NURTURE;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.playbook.Playbook;
import java.time.Instant;

/** Decisions and snapshots for the assertion tests, made by the test playbook. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  static final SubjectRef ONE = SubjectRef.contact("1");

  private Fixtures() {}

  static JourneySnapshot nurture() {
    return JourneySnapshot.initial(ONE, NURTURE, NOW);
  }

  static Signal signal(String id, String type) {
    return Signal.builder().id(id).subject(ONE).type(type).occurredAt(NOW).build();
  }

  /** NURTURE -> SALES_ENGAGED: ASSIGN_OWNER, CREATE_TASK, SUPPRESS_OUTREACH; schedules the SLA. */
  static Decision demoDecision() {
    return Playbook.rules().evaluate(nurture(), signal("demo-1", SignalTypes.DEMO_REQUESTED), NOW);
  }

  /** The short id the messages print for the decision's action at {@code index}. */
  static String shortId(Decision decision, int index) {
    return decision.actions().get(index).id().substring(0, 8);
  }
}
