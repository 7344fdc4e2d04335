package dev.journey.benchmarks;

import dev.journey.core.SignalTypes;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;

/** A small plain-Java rule set with a realistic mix of transitions, actions, timers and counters. */
final class PlainRules {
  private PlainRules() {}

  static JavaRuleSet rules() {
    return JavaRuleSet.builder("bench", "1")
        .rule(
            "demo request from nurture",
            f ->
                f.signal().type().equals(SignalTypes.DEMO_REQUESTED)
                    && f.snapshot().state().equals(JourneyModel.NURTURE),
            (f, d) ->
                d.transitionTo(JourneyModel.SALES_ENGAGED)
                    .assignOwner("o-" + (f.signal().subject().id().hashCode() & 7), "round robin")
                    .createTask("Call back", "demo requested", f.now().plus(Duration.ofHours(2)))
                    .startTimer("sla:first-touch", f.now().plus(Duration.ofHours(2))))
        .rule(
            "sales activity meets the sla",
            f -> f.signal().type().equals(SignalTypes.SALES_ACTIVITY),
            (f, d) -> d.cancelTimer("sla:first-touch"))
        .rule(
            "engagement is counted",
            f ->
                f.signal().type().equals(SignalTypes.PRICING_PAGE_VIEWED)
                    || f.signal().type().equals(SignalTypes.CONTENT_ENGAGED),
            (f, d) -> d.increment("engagement", 1))
        .rule(
            "sla breach escalates",
            f -> f.signal().isTimer(),
            (f, d) -> d.escalate("m-1", 1, "sla breached"))
        .build();
  }
}
