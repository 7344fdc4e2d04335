package dev.journey.core.engine;

import dev.journey.core.SignalTypes;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.util.Map;

/** A small rule set exercising every part of a decision. */
final class TestRules {
  static final Duration SLA = Duration.ofHours(2);

  private TestRules() {}

  static JavaRuleSet rules() {
    return JavaRuleSet.builder("test-rules", "1")
        .rule(
            "demo request from nurture",
            f ->
                f.signal().type().equals(SignalTypes.DEMO_REQUESTED)
                    && f.snapshot().state().equals(JourneyModel.NURTURE),
            (f, d) ->
                d.transitionTo(JourneyModel.SALES_ENGAGED)
                    .assignOwner("o-1", "test owner")
                    .createTask("Call back", "demo requested", f.now().plus(SLA))
                    .suppress("nurture", "sales-engaged")
                    .startTimer("sla", f.now().plus(SLA), Map.of("policy", "first-touch")))
        .rule(
            "sales activity satisfies the sla",
            f -> f.signal().type().equals(SignalTypes.SALES_ACTIVITY),
            (f, d) -> d.cancelTimer("sla"))
        .rule(
            "sla breach escalates and restarts",
            f -> f.signal().isTimer("sla"),
            (f, d) -> d.escalate("m-1", 1, "sla breached").startTimer("sla", f.now().plus(SLA)))
        .rule(
            "forms are counted",
            f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
            (f, d) ->
                d.increment("forms", 1)
                    .setProperty("last_form", f.signal().stringAttribute("form").orElse("unknown")))
        .rule(
            "jump straight to customer",
            f -> f.signal().type().equals("JUMP"),
            (f, d) -> d.transitionTo(JourneyModel.CUSTOMER))
        .rule(
            "a typo in a state name",
            f -> f.signal().type().equals("TYPO"),
            (f, d) -> d.transitionTo("SALES_ENAGED"))
        .build();
  }
}
