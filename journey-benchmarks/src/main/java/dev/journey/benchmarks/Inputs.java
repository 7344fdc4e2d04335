package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic evaluation inputs with a realistic mix of signal types and journey states. */
final class Inputs {
  static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  record Input(JourneySnapshot snapshot, Signal signal) {}

  private static final String[] TYPES = {
    "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "PRICING_PAGE_VIEWED", "INACTIVITY", "INACTIVITY",
    "CONTENT_ENGAGED", "FORM_SUBMITTED", "DEMO_REQUESTED", "MEETING_BOOKED", "SALES_ACTIVITY",
    "USAGE_DROPPED", "DEAL_STAGE_CHANGED", "LIFECYCLE_CHANGED", "TIMER_FIRED"
  };
  private static final String[] STATES = {
    "NURTURE", "NURTURE", "NURTURE", "NURTURE", "SALES_ENGAGED", "SALES_ENGAGED",
    "OPPORTUNITY_ACTIVE", "CUSTOMER", "CUSTOMER", "RENEWAL_RISK", "RECYCLED"
  };

  private Inputs() {}

  static List<Input> generate(int count, long seed) {
    Random random = new Random(seed);
    List<Input> inputs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      SubjectRef subject = SubjectRef.contact(Integer.toString(100_000 + i));
      JourneySnapshot.Builder snapshot =
          JourneySnapshot.initial(subject, STATES[random.nextInt(STATES.length)], NOW.minusSeconds(86_400))
              .toBuilder();
      if (random.nextBoolean()) {
        snapshot.property(JourneySnapshot.OWNER, "owner-" + random.nextInt(20), "routing", NOW);
      }
      String type = TYPES[random.nextInt(TYPES.length)];
      Signal.Builder signal =
          Signal.builder()
              .id("sig-" + i)
              .subject(subject)
              .type(type)
              .occurredAt(NOW)
              .source("hubspot")
              .attribute("fitScore", random.nextInt(101))
              .attribute("intentScore", random.nextInt(101));
      if (type.equals("TIMER_FIRED")) {
        signal.attribute("timer", random.nextBoolean() ? "sla" : "checkin").attribute("generation", 1);
      }
      inputs.add(new Input(snapshot.build(), signal.build()));
    }
    return inputs;
  }
}
