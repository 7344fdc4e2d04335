package dev.journey.drools;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Shared test data. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");
  static final SubjectRef CONTACT = SubjectRef.contact("1001");

  private Fixtures() {}

  static JourneySnapshot nurture(SubjectRef subject) {
    return JourneySnapshot.initial(subject, JourneyModel.NURTURE, NOW.minus(Duration.ofDays(3)));
  }

  static Signal signal(String id, String type, Map<String, Object> attributes) {
    return signal(CONTACT, id, type, attributes);
  }

  static Signal signal(SubjectRef subject, String id, String type, Map<String, Object> attributes) {
    return Signal.builder()
        .id(id)
        .subject(subject)
        .type(type)
        .occurredAt(NOW)
        .source("hubspot")
        .attributes(attributes)
        .build();
  }

  static CompiledRuleSet compile(RuleSetRegistry registry, String name, String version, String drl) {
    return registry.compile(RuleSet.builder(name, version).drl(name + ".drl", drl).build());
  }

  /** The usual DRL header. */
  static String header(String pkg) {
    return "package " + pkg + ";\n"
        + "import dev.journey.drools.JourneyFacts;\n"
        + "import dev.journey.core.decision.Decision;\n"
        + "global Decision.Builder decision;\n";
  }
}
