package dev.journey.testkit.playbook;

import static dev.journey.core.state.JourneyModel.CUSTOMER;
import static dev.journey.core.state.JourneyModel.NURTURE;
import static dev.journey.core.state.JourneyModel.OPPORTUNITY_ACTIVE;
import static dev.journey.core.state.JourneyModel.RECYCLED;
import static dev.journey.core.state.JourneyModel.SALES_ENGAGED;

import dev.journey.core.SignalTypes;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.util.Map;

/** The lead-handoff playbook the testkit's own tests run: plain-Java rules with an SLA timer. */
public final class Playbook {
  /** The first-touch SLA timer. */
  public static final String SLA = "sla:first-touch";

  /** The first-touch SLA window. */
  public static final Duration SLA_WINDOW = Duration.ofHours(4);

  private Playbook() {}

  /** The lead-handoff journey with the playbook as shipped and no stages. */
  public static JourneyDefinition journey() {
    return journey(rules());
  }

  /** The lead-handoff journey with these rules and no stages. */
  public static JourneyDefinition journey(JavaRuleSet rules) {
    return JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules);
  }

  /** The playbook as shipped: demo tasks have MEDIUM priority. */
  public static JavaRuleSet rules() {
    return rules("MEDIUM");
  }

  /** The playbook with another demo-task priority: a one-rule change for golden tests. */
  public static JavaRuleSet rules(String demoTaskPriority) {
    return rules(demoTaskPriority, true);
  }

  /** The playbook without its escalation rule: a missed first touch does nothing. */
  public static JavaRuleSet rulesWithoutEscalation() {
    return rules("MEDIUM", false);
  }

  private static JavaRuleSet rules(String demoTaskPriority, boolean escalate) {
    return JavaRuleSet.builder("lead-handoff", "1")
        .rule(
            "demo request qualifies",
            f ->
                f.signal().type().equals(SignalTypes.DEMO_REQUESTED)
                    && (f.snapshot().state().equals(NURTURE) || f.snapshot().state().equals(RECYCLED)),
            (f, d) ->
                d.transitionTo(SALES_ENGAGED)
                    .assignOwner("owner-7", "demo desk")
                    .createTask(
                        "Call back: demo request",
                        "",
                        "",
                        f.now().plus(Duration.ofHours(2)),
                        demoTaskPriority,
                        "CALL",
                        Map.of("signal", f.signal().id()))
                    .suppress("nurture", "sales-engaged")
                    .startTimer(SLA, f.now().plus(SLA_WINDOW)))
        .rule(
            "form fill nurtures",
            f ->
                f.signal().type().equals(SignalTypes.FORM_SUBMITTED)
                    && f.snapshot().state().equals(NURTURE),
            (f, d) -> d.enrollSequence("welcome", "nurture").increment("forms", 1))
        .rule(
            "sales touch stops the clock",
            f ->
                f.signal().type().equals(SignalTypes.SALES_ACTIVITY)
                    && f.snapshot().state().equals(SALES_ENGAGED),
            (f, d) -> d.cancelTimer(SLA).increment("touches", 1))
        .rule(
            "first touch missed",
            f ->
                escalate
                    && f.signal().isTimer(SLA),
            (f, d) -> d.escalate("manager-1", 1, "no first touch within 4h"))
        .rule(
            "pricing interest restarts the clock",
            f ->
                f.signal().type().equals(SignalTypes.PRICING_PAGE_VIEWED)
                    && f.snapshot().state().equals(SALES_ENGAGED),
            (f, d) -> d.startTimer(SLA, f.now().plus(SLA_WINDOW)))
        .rule(
            "meeting booked opens an opportunity",
            f ->
                f.signal().type().equals(SignalTypes.MEETING_BOOKED)
                    && f.snapshot().state().equals(SALES_ENGAGED),
            (f, d) -> d.transitionTo(OPPORTUNITY_ACTIVE).cancelTimer(SLA))
        .rule(
            "lifecycle says customer",
            f ->
                f.signal().type().equals(SignalTypes.LIFECYCLE_CHANGED)
                    && f.signal().stringAttribute("lifecyclestage").orElse("").equals("customer"),
            (f, d) -> d.transitionTo(CUSTOMER))
        .rule(
            "silence recycles",
            f ->
                f.signal().type().equals(SignalTypes.INACTIVITY)
                    && f.snapshot().state().equals(SALES_ENGAGED),
            (f, d) -> d.transitionTo(RECYCLED).recycle("no-response").cancelTimer(SLA))
        .build();
  }
}
