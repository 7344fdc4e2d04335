package dev.journey.core.engine;

import dev.journey.core.SignalTypes;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;

/**
 * Three journeys on one contact, the plays of a revenue team: the lead handoff (primary, sales),
 * a marketing nurture and a renewal-risk play, with the collisions the playbooks name.
 */
final class Plays {
  static final String HANDOFF = "lead-handoff";
  static final String NURTURE = "nurture";
  static final String RENEWAL = "renewal-risk";
  static final String USAGE_RECOVERED = "USAGE_RECOVERED";
  static final Duration DRIP = Duration.ofDays(3);
  static final Duration SLA = Duration.ofHours(2);
  /** How long after its exit nurture may be entered again; renewal risk never is (the default). */
  static final Duration NURTURE_REENTRY = Duration.ofDays(2);

  static final JourneyModel NURTURE_MODEL =
      JourneyModel.builder(NURTURE)
          .states("NEW", "ENROLLED", "EXITED")
          .initialState("NEW")
          .allow("NEW", "ENROLLED", "EXITED")
          .allow("ENROLLED", "EXITED")
          .build();

  static final JourneyModel RENEWAL_MODEL =
      JourneyModel.builder(RENEWAL)
          .states("WATCH", "AT_RISK", "RECOVERED")
          .initialState("WATCH")
          .allow("WATCH", "AT_RISK")
          .allow("AT_RISK", "RECOVERED")
          .build();

  private Plays() {}

  static JourneyDefinition handoff() {
    return JourneyDefinition.of(
        HANDOFF,
        JourneyModel.leadHandoff(),
        JavaRuleSet.builder(HANDOFF, "1")
            .rule(
                "demo request goes to sales",
                f ->
                    f.signal().type().equals(SignalTypes.DEMO_REQUESTED)
                        && f.snapshot().state().equals(JourneyModel.NURTURE),
                (f, d) ->
                    d.transitionTo(JourneyModel.SALES_ENGAGED)
                        .assignOwner("ae-1", "inbound demo")
                        .setProperty("lifecyclestage", "salesqualifiedlead")
                        .startTimer("sla", f.now().plus(SLA)))
            .rule(
                "a sales activity satisfies the sla",
                f -> f.signal().type().equals(SignalTypes.SALES_ACTIVITY),
                (f, d) -> d.cancelTimer("sla"))
            .rule(
                "sales gives the lead back",
                f ->
                    f.signal().type().equals(SignalTypes.LIFECYCLE_CHANGED)
                        && f.snapshot().state().equals(JourneyModel.SALES_ENGAGED),
                (f, d) -> d.transitionTo(JourneyModel.RECYCLED).cancelTimer("sla"))
            .build());
  }

  static JourneyDefinition nurture() {
    return JourneyDefinition.of(
        NURTURE,
        NURTURE_MODEL,
        JavaRuleSet.builder(NURTURE, "1")
            .rule(
                "a content form enrolls in the drip",
                f ->
                    f.signal().type().equals(SignalTypes.FORM_SUBMITTED)
                        && f.snapshot().state().equals("NEW"),
                (f, d) ->
                    d.transitionTo("ENROLLED")
                        .setProperty("nurture_track", "content")
                        .setProperty("lifecyclestage", "marketingqualifiedlead")
                        .enrollSequence("drip-1", "marketing")
                        .startTimer("drip", f.now().plus(DRIP)))
            .rule(
                "the drip sends the next email",
                f -> f.signal().isTimer("drip"),
                (f, d) -> d.enrollSequence("drip-next", "marketing").startTimer("drip", f.now().plus(DRIP)))
            .rule(
                "a booked meeting ends the nurture",
                f -> f.signal().type().equals(SignalTypes.MEETING_BOOKED),
                (f, d) -> d.transitionTo("EXITED"))
            .build());
  }

  static JourneyDefinition renewal() {
    return JourneyDefinition.of(
        RENEWAL,
        RENEWAL_MODEL,
        JavaRuleSet.builder(RENEWAL, "1")
            .rule(
                "a usage drop puts the account at risk",
                f ->
                    f.signal().type().equals(SignalTypes.USAGE_DROPPED)
                        && f.snapshot().state().equals("WATCH"),
                (f, d) ->
                    d.transitionTo("AT_RISK")
                        .createTask("Renewal risk call", "usage dropped", f.now().plus(Duration.ofDays(1)))
                        .startTimer("check", f.now().plus(Duration.ofDays(7))))
            .rule(
                "a demo request while at risk goes to the account manager",
                f ->
                    f.signal().type().equals(SignalTypes.DEMO_REQUESTED)
                        && f.snapshot().state().equals("AT_RISK"),
                (f, d) -> d.assignOwner("csm-3", "account at risk"))
            .rule(
                "recovered usage ends the play",
                f -> f.signal().type().equals(USAGE_RECOVERED),
                (f, d) -> d.transitionTo("RECOVERED"))
            .build());
  }

  /** The three journeys: handoff (primary, 100), renewal risk (50), nurture (10). */
  static JourneyEngine.Builder engine(boolean ownership) {
    HostedJourney.Builder handoff = HostedJourney.builder(handoff()).priority(100);
    HostedJourney.Builder nurture =
        HostedJourney.builder(nurture())
            .priority(10)
            .entersOn(SignalTypes.FORM_SUBMITTED)
            .exitsAt("EXITED")
            .reentersAfter(NURTURE_REENTRY);
    HostedJourney.Builder renewal =
        HostedJourney.builder(renewal())
            .priority(50)
            .entersOn(SignalTypes.USAGE_DROPPED)
            .exitsAt("RECOVERED");
    if (ownership) {
      handoff.owns("owner", "lifecyclestage");
      nurture.owns("nurture_track");
    }
    return JourneyEngine.builder()
        .journey(handoff.build())
        .journey(nurture.build())
        .journey(renewal.build())
        .policy(
            CrossJourneyPolicy.builder()
                .salesMotion(HANDOFF, JourneyModel.SALES_ENGAGED, JourneyModel.OPPORTUNITY_ACTIVE)
                .marketing(NURTURE)
                .unenrollRunningSequences()
                .build());
  }
}
