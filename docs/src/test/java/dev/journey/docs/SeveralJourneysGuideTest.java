package dev.journey.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.ActionKind;
import dev.journey.core.engine.CrossJourneyPolicy;
import dev.journey.core.engine.HostedJourney;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of docs/several-journeys.md, run. */
final class SeveralJourneysGuideTest {
  private final VirtualClock clock = VirtualClock.at(Instant.parse("2026-03-02T09:00:00Z"));

  private static JourneyDefinition handoffDefinition() {
    return JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(),
        JavaRuleSet.builder("lead-handoff", "1")
            .rule("demo request goes to sales",
                f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).assignOwner("ae-1", "inbound demo"))
            .build());
  }

  private static JourneyDefinition renewalDefinition() {
    JourneyModel model = JourneyModel.builder("renewal-risk").states("WATCH", "AT_RISK", "RECOVERED")
        .initialState("WATCH").allow("WATCH", "AT_RISK").allow("AT_RISK", "RECOVERED").build();
    return JourneyDefinition.of("renewal-risk", model,
        JavaRuleSet.builder("renewal-risk", "1")
            .rule("a usage drop puts the account at risk",
                f -> f.signal().type().equals(SignalTypes.USAGE_DROPPED),
                (f, d) -> d.transitionTo("AT_RISK").assignOwner("csm-3", "account at risk"))
            .build());
  }

  @Test
  void the_guide_hosts_three_journeys_on_one_contact() {
    // tag::nurture[]
    JourneyModel nurtureModel = JourneyModel.builder("nurture")
        .states("NEW", "ENROLLED", "EXITED")
        .initialState("NEW")
        .allow("NEW", "ENROLLED", "EXITED")
        .allow("ENROLLED", "EXITED")
        .build();
    JourneyDefinition nurtureDefinition = JourneyDefinition.of("nurture", nurtureModel,
        JavaRuleSet.builder("nurture", "1")
            .rule("a content form enrolls in the drip",
                f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
                (f, d) -> d.transitionTo("ENROLLED")
                    .setProperty("nurture_track", "content")
                    .enrollSequence("drip-1", "marketing")
                    .startTimer("drip", f.now().plus(Duration.ofDays(3))))
            .rule("the drip sends the next email",
                f -> f.signal().isTimer("drip"),
                (f, d) -> d.enrollSequence("drip-2", "marketing"))
            .rule("a booked meeting ends the nurture",
                f -> f.signal().type().equals(SignalTypes.MEETING_BOOKED),
                (f, d) -> d.transitionTo("EXITED"))
            .build());
    // end::nurture[]

    // tag::journeys[]
    HostedJourney handoff = HostedJourney.builder(handoffDefinition())
        .priority(100)
        .owns("owner", "lifecyclestage")          // single writer across journeys
        .build();
    HostedJourney renewal = HostedJourney.builder(renewalDefinition())
        .priority(50)
        .entersOn(SignalTypes.USAGE_DROPPED)
        .exitsAt("RECOVERED")
        .build();
    HostedJourney nurture = HostedJourney.builder(nurtureDefinition)
        .priority(10)
        .entersOn(SignalTypes.FORM_SUBMITTED)
        .exitsAt("EXITED")                         // goal reached: its timers are cancelled
        .reentersAfter(Duration.ofDays(30))        // a new stay 30 days after an exit (default: never)
        .owns("nurture_track")
        .build();
    // end::journeys[]

    // tag::policy[]
    CrossJourneyPolicy policy = CrossJourneyPolicy.builder()
        .salesMotion("lead-handoff", JourneyModel.SALES_ENGAGED, JourneyModel.OPPORTUNITY_ACTIVE)
        .marketing("nurture")
        .unenrollRunningSequences()                // or markPausedWith("journey_outreach_paused")
        .capPerDay(ActionKind.ENROLL_SEQUENCE, 2)  // across all journeys
        .build();
    // end::policy[]

    // tag::engine[]
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    JourneyEngine engine = JourneyEngine.builder()
        .journey(handoff)                          // the first journey is the primary one
        .journey(renewal)
        .journey(nurture)
        .policy(policy)
        .store(store)
        .clock(clock)
        .build();
    // end::engine[]

    // tag::collisions[]
    SubjectRef ada = SubjectRef.contact("1001");
    engine.accept(signal("form-1", ada, SignalTypes.FORM_SUBMITTED));   // nurture enrolls
    engine.accept(signal("usage-1", ada, SignalTypes.USAGE_DROPPED));   // csm-3 dropped: not its property
    engine.accept(signal("demo-1", ada, SignalTypes.DEMO_REQUESTED));   // handoff assigns ae-1
    clock.advance(Duration.ofDays(3));
    engine.fireDueTimers();                                              // nurture's drip comes due

    JourneySnapshot snapshot = engine.snapshot(ada).orElseThrow();
    // snapshot.state() is the handoff's SALES_ENGAGED; snapshot.journey("nurture") is ENROLLED
    List<AuditRecord> audit = store.audit(ada);
    // per signal, one record per journey it concerned, each naming its journey: the demo request
    // wrote lead-handoff's (ae-1 assigned), renewal-risk's and nurture's (drip-1 unenrolled); the
    // drip's email was dropped by "central-suppression" while lead-handoff is in SALES_ENGAGED
    // end::collisions[]

    assertThat(snapshot.state()).isEqualTo(JourneyModel.SALES_ENGAGED);
    assertThat(snapshot.journey("nurture").orElseThrow().state()).isEqualTo("ENROLLED");
    assertThat(snapshot.owner()).contains("ae-1");
    assertThat(audit.stream().filter(a -> a.signal().id().equals("demo-1")).map(a -> a.journey().orElseThrow()))
        .containsExactly("lead-handoff", "renewal-risk", "nurture");
    assertThat(audit.stream().filter(a -> a.signal().id().equals("demo-1") && a.journey().equals(java.util.Optional.of("nurture"))))
        .singleElement()
        .satisfies(a -> assertThat(a.decision().actions()).extracting(x -> x.kind())
            .containsExactly(ActionKind.UNENROLL_SEQUENCE));
    assertThat(audit.get(audit.size() - 1).decision().dropped())
        .singleElement()
        .satisfies(d -> assertThat(d.guardrail()).isEqualTo(CrossJourneyPolicy.CENTRAL_SUPPRESSION));

    // tag::reentry[]
    engine.accept(signal("meeting-1", ada, SignalTypes.MEETING_BOOKED)); // nurture exits, drip cancelled
    engine.accept(signal("form-2", ada, SignalTypes.FORM_SUBMITTED));    // within 30 days: not entered
    clock.advance(Duration.ofDays(30));
    engine.accept(signal("form-3", ada, SignalTypes.FORM_SUBMITTED));    // a new stay: NEW -> ENROLLED
    // end::reentry[]

    JourneySnapshot again = engine.snapshot(ada).orElseThrow();
    assertThat(again.journey("nurture").orElseThrow().state()).isEqualTo("ENROLLED");
    assertThat(again.journey("nurture").orElseThrow().since()).isEqualTo(clock.instant());
    assertThat(again.timers()).containsKey("nurture/drip");
    List<AuditRecord> later = store.audit(ada);
    assertThat(later.stream().filter(a -> a.signal().id().equals("form-2")).map(AuditRecord::journey))
        .doesNotContain(java.util.Optional.of("nurture"));
    assertThat(later.stream().filter(a -> a.signal().id().equals("form-3") && a.journey().equals(java.util.Optional.of("nurture"))))
        .singleElement()
        .satisfies(a -> assertThat(a.before().state()).isEqualTo("NEW"));
  }

  private Signal signal(String id, SubjectRef subject, String type) {
    return Signal.builder().id(id).subject(subject).type(type)
        .occurredAt(clock.instant()).source("hubspot").build();
  }
}
