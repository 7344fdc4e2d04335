package dev.journey.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.DecisionStage;
import dev.journey.core.state.JourneyModel;
import dev.journey.jackson.JourneyJson;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A small plain-Java journey with a timer, for the topology tests. */
final class TestJourneys {
  static final String SLA = "sla:first-touch";
  static final Duration SLA_AFTER = Duration.ofHours(2);
  static final String EXPLODE = "EXPLODE";

  private static final ObjectMapper MAPPER = JourneyJson.mapper();

  private TestJourneys() {}

  /** A signal as one line of JSON (one mapper: a new one per call rebuilds its serializers). */
  static String json(Signal signal) {
    return JourneyJson.toJson(MAPPER, signal);
  }

  static JavaRuleSet rules() {
    return rules(SLA_AFTER);
  }

  /** The rules, with the first-touch SLA timer due {@code sla} after a demo request. */
  static JavaRuleSet rules(Duration sla) {
    return JavaRuleSet.builder("kafka-test", "1")
        .rule(
            "demo request goes to sales",
            f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
            (f, d) ->
                d.transitionTo(JourneyModel.SALES_ENGAGED)
                    .assignOwner("owner-42", "inbound demo")
                    .createTask("Call back: demo request", "from the pricing page", f.now().plusSeconds(7200))
                    .startTimer(SLA, f.now().plus(sla)))
        .rule(
            "first touch overdue",
            f -> f.signal().isTimer(),
            (f, d) -> d.createTask("First touch overdue", "the SLA ran out", f.now()))
        .rule(
            "a rule that fails",
            f -> f.signal().type().equals(EXPLODE),
            (f, d) -> {
              throw new IllegalStateException("this rule always fails");
            })
        .build();
  }

  static JourneyDefinition definition(DecisionStage... stages) {
    return JourneyDefinition.of("kafka-test", JourneyModel.leadHandoff(), rules(), stages);
  }

  static Signal demo(String id, SubjectRef subject, Instant at) {
    return signal(id, subject, SignalTypes.DEMO_REQUESTED, at);
  }

  static Signal signal(String id, SubjectRef subject, String type, Instant at) {
    return new Signal(id, subject, type, at, "web", Map.of("fitScore", 80));
  }
}
