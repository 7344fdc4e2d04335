package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.ActionKind;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.action.UnenrollSequence;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SeveralJourneysTest {
  private static final SubjectRef ADA = SubjectRef.contact("1001");

  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private int ids;

  private JourneyEngine engine(boolean ownership) {
    return Plays.engine(ownership).store(store).clock(clock).build();
  }

  private Signal signal(String type) {
    return Signal.builder()
        .id("s-" + ++ids)
        .subject(ADA)
        .type(type)
        .occurredAt(clock.instant())
        .source("test")
        .build();
  }

  private List<AuditRecord> auditsOf(String signalId) {
    return store.audit(ADA).stream().filter(a -> a.signal().id().equals(signalId)).toList();
  }

  private List<ActionKind> outbox() {
    return store.pendingActions().stream().map(e -> e.action().kind()).toList();
  }

  @Test
  void should_suppress_the_nurture_email_while_an_sdr_is_engaging_and_resume_after() {
    // given: in nurture with a running drip, then a demo request hands the lead to sales
    JourneyEngine engine = engine(true);
    engine.accept(signal(SignalTypes.FORM_SUBMITTED));
    Signal demo = signal(SignalTypes.DEMO_REQUESTED);
    engine.accept(demo);
    // when: the drip's next email comes due while the lead is in sales motion
    clock.advance(Plays.DRIP);
    engine.fireDueTimers();
    // then: the running sequence was unenrolled in the handoff's own commit
    assertThat(auditsOf(demo.id()))
        .extracting(SeveralJourneysTest::journeyName)
        .containsExactly(Plays.HANDOFF, Plays.NURTURE);
    assertThat(auditsOf(demo.id()).get(1).decision().actions())
        .singleElement()
        .isInstanceOfSatisfying(UnenrollSequence.class, u -> assertThat(u.sequenceId()).isEqualTo("drip-1"));
    // and the drip's email was dropped, audited, never queued
    AuditRecord drip = store.audit(ADA).get(store.audit(ADA).size() - 1);
    assertThat(drip.journey()).contains(Plays.NURTURE);
    assertThat(drip.decision().dropped())
        .singleElement()
        .satisfies(d -> {
          assertThat(d.guardrail()).isEqualTo(CrossJourneyPolicy.CENTRAL_SUPPRESSION);
          assertThat(d.reason()).contains("lead-handoff is in sales-motion state SALES_ENGAGED");
        });
    assertThat(store.pendingActions())
        .extracting(OutboxEntry::action)
        .filteredOn(a -> a instanceof EnrollSequence e && e.sequenceId().equals("drip-next"))
        .isEmpty();

    // when: sales gives the lead back, and the drip comes due again
    engine.accept(signal(SignalTypes.LIFECYCLE_CHANGED));
    clock.advance(Plays.DRIP);
    engine.fireDueTimers();
    // then: outreach resumed
    assertThat(store.pendingActions())
        .extracting(OutboxEntry::action)
        .filteredOn(a -> a instanceof EnrollSequence e && e.sequenceId().equals("drip-next"))
        .hasSize(1);
  }

  @Test
  void should_let_the_higher_priority_journey_win_when_both_assign_an_owner() {
    // given: at renewal risk, with no owner declared for the owner property
    JourneyEngine engine = engine(false);
    engine.accept(signal(SignalTypes.USAGE_DROPPED));
    Signal demo = signal(SignalTypes.DEMO_REQUESTED);
    // when: a demo request makes both the handoff and the renewal play assign an owner
    engine.accept(demo);
    // then: the handoff (priority 100) wins over renewal risk (50); the loser's write is audited
    assertThat(engine.snapshot(ADA).orElseThrow().owner()).contains("ae-1");
    List<AuditRecord> audits = auditsOf(demo.id());
    assertThat(audits).extracting(SeveralJourneysTest::journeyName).containsExactly(Plays.HANDOFF, Plays.RENEWAL);
    DroppedAction dropped = audits.get(1).decision().dropped().get(0);
    assertThat(dropped.guardrail()).isEqualTo(CrossJourneyPolicy.JOURNEY_CONFLICT);
    assertThat(dropped.action()).isInstanceOfSatisfying(AssignOwner.class, a -> assertThat(a.ownerId()).isEqualTo("csm-3"));
    assertThat(dropped.reason()).contains("journey lead-handoff (priority 100) writes owner");
    assertThat(store.pendingActions())
        .extracting(OutboxEntry::action)
        .filteredOn(a -> a instanceof AssignOwner)
        .extracting(a -> ((AssignOwner) a).ownerId())
        .containsExactly("ae-1");
  }

  @Test
  void should_drop_and_audit_a_write_of_a_property_another_journey_owns() {
    // given: the handoff owns owner and lifecyclestage
    JourneyEngine engine = engine(true);
    engine.accept(signal(SignalTypes.USAGE_DROPPED));
    Signal form = signal(SignalTypes.FORM_SUBMITTED);
    Signal demo = signal(SignalTypes.DEMO_REQUESTED);
    // when: nurture writes lifecyclestage, renewal risk assigns an owner
    engine.accept(form);
    engine.accept(demo);
    // then: both writes are dropped as single-writer violations; nurture's own property stays
    JourneySnapshot snapshot = engine.snapshot(ADA).orElseThrow();
    assertThat(snapshot.property("lifecyclestage")).contains("salesqualifiedlead");
    assertThat(snapshot.property("nurture_track")).contains("content");
    assertThat(auditsOf(form.id()))
        .filteredOn(a -> a.journey().equals(Optional.of(Plays.NURTURE)))
        .singleElement()
        .extracting(a -> a.decision().dropped().get(0))
        .satisfies(d -> {
          assertThat(d.guardrail()).isEqualTo(CrossJourneyPolicy.SINGLE_WRITER);
          assertThat(d.reason()).isEqualTo("lifecyclestage is owned by journey lead-handoff; journey nurture may not write it");
        });
    assertThat(auditsOf(demo.id()))
        .filteredOn(a -> a.journey().equals(Optional.of(Plays.RENEWAL)))
        .singleElement()
        .satisfies(a -> assertThat(a.decision().dropped()).extracting(DroppedAction::guardrail)
            .containsExactly(CrossJourneyPolicy.SINGLE_WRITER));
  }

  @Test
  void should_exit_nurture_on_a_booked_meeting_and_cancel_its_timers_in_the_same_commit() {
    // given: in nurture with its drip timer pending, and at renewal risk with its check timer
    JourneyEngine engine = engine(true);
    engine.accept(signal(SignalTypes.FORM_SUBMITTED));
    engine.accept(signal(SignalTypes.USAGE_DROPPED));
    assertThat(engine.snapshot(ADA).orElseThrow().timers()).containsOnlyKeys("nurture/drip", "renewal-risk/check");
    // when
    Signal meeting = signal(SignalTypes.MEETING_BOOKED);
    engine.accept(meeting);
    // then: nurture ended, its timer went with it, renewal risk's timer stays
    JourneySnapshot snapshot = engine.snapshot(ADA).orElseThrow();
    assertThat(snapshot.journey(Plays.NURTURE)).get().extracting(JourneyState::state).isEqualTo("EXITED");
    assertThat(snapshot.timers()).containsOnlyKeys("renewal-risk/check");
    assertThat(auditsOf(meeting.id()))
        .filteredOn(a -> a.journey().equals(Optional.of(Plays.NURTURE)))
        .singleElement()
        .satisfies(a -> assertThat(a.decision().trace()).anyMatch(t -> t.contains("exits at EXITED: 1 timer(s) cancelled")));
    // and later signals (within its re-entry cool-down) no longer concern nurture
    Signal again = signal(SignalTypes.FORM_SUBMITTED);
    engine.accept(again);
    assertThat(auditsOf(again.id())).extracting(SeveralJourneysTest::journeyName).containsExactly(Plays.HANDOFF, Plays.RENEWAL);
    clock.advance(Plays.DRIP.plusDays(1));
    assertThat(store.claimDueTimers(clock.instant(), Duration.ofMinutes(1), 10))
        .extracting(t -> t.timer().name())
        .doesNotContain("nurture/drip");
  }

  @Test
  void should_write_one_audit_record_per_concerned_journey_in_priority_order_in_one_commit() {
    // given
    JourneyEngine engine = engine(true);
    engine.accept(signal(SignalTypes.USAGE_DROPPED));
    engine.accept(signal(SignalTypes.FORM_SUBMITTED));
    long version = engine.snapshot(ADA).orElseThrow().version();
    // when
    Signal demo = signal(SignalTypes.DEMO_REQUESTED);
    SignalResult result = engine.accept(demo);
    // then
    assertThat(result.status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(auditsOf(demo.id()))
        .extracting(SeveralJourneysTest::journeyName)
        .containsExactly(Plays.HANDOFF, Plays.RENEWAL, Plays.NURTURE);
    assertThat(auditsOf(demo.id())).allSatisfy(a -> assertThat(a.before().version()).isEqualTo(version));
    JourneySnapshot after = engine.snapshot(ADA).orElseThrow();
    assertThat(after.version()).isEqualTo(version + 1);
    assertThat(after.state()).isEqualTo(JourneyModel.SALES_ENGAGED);
    assertThat(after.journeys()).containsOnlyKeys(Plays.NURTURE, Plays.RENEWAL);
    assertThat(after.timers()).containsOnlyKeys("sla", "nurture/drip", "renewal-risk/check");
    // a redelivery changes nothing
    assertThat(engine.accept(demo).status()).isEqualTo(SignalResult.Status.DUPLICATE);
    assertThat(engine.snapshot(ADA).orElseThrow().version()).isEqualTo(version + 1);
  }

  @Test
  void should_refuse_two_journeys_owning_one_property_naming_both() {
    // given
    JourneyEngine.Builder builder =
        JourneyEngine.builder()
            .journey(HostedJourney.builder(Plays.handoff()).owns("owner").build())
            .journey(HostedJourney.builder(Plays.nurture()).owns("owner").build());
    // when / then
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'owner' can have one owning journey, but both 'lead-handoff' and 'nurture' own it");
  }

  @Test
  void should_refuse_a_policy_naming_a_state_the_journey_does_not_have() {
    // given
    JourneyEngine.Builder builder =
        JourneyEngine.builder()
            .journey(HostedJourney.of(Plays.handoff()))
            .journey(HostedJourney.of(Plays.nurture()))
            .policy(CrossJourneyPolicy.builder().salesMotion(Plays.NURTURE, "SALES").build());
    // when / then
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policy salesMotion(nurture): state must be one of")
        .hasMessageContaining("but was 'SALES'");
  }

  /** A stage that takes the next ticket of a shared counter, as a round-robin cursor does. */
  private static dev.journey.core.spi.DecisionStage ticket() {
    return (decision, context) -> {
      long next = context.readShared("tickets").value("next");
      context.writeShared("tickets", java.util.Map.of("next", next + 1));
      return decision.withAnnotation("ticket", Long.toString(next));
    };
  }

  @Test
  void should_chain_and_audit_two_journeys_stages_writing_one_shared_key_in_one_commit() {
    // given: the handoff and renewal risk both take a ticket of one shared counter
    JourneyEngine engine =
        JourneyEngine.builder()
            .journey(HostedJourney.builder(Plays.handoff().toBuilder().stage(ticket()).build()).priority(100).build())
            .journey(HostedJourney.builder(Plays.renewal().toBuilder().stage(ticket()).build()).priority(50).build())
            .store(store)
            .clock(clock)
            .build();
    Signal first = signal(SignalTypes.USAGE_DROPPED);
    // when
    engine.accept(first);
    engine.accept(signal(SignalTypes.PRICING_PAGE_VIEWED));
    // then: the lower priority read the higher one's write, no ticket was lost or handed out twice
    assertThat(auditsOf(first.id()))
        .extracting(SeveralJourneysTest::journeyName, a -> a.decision().annotations().get("ticket"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Plays.HANDOFF, "0"),
            org.assertj.core.groups.Tuple.tuple(Plays.RENEWAL, "1"));
    assertThat(store.loadShared("tickets").value("next")).isEqualTo(4);
    // and the conflict is audited in the lower priority's decision, naming both journeys
    assertThat(auditsOf(first.id()).get(1).decision().trace())
        .contains("journey-conflict: journey lead-handoff (priority 100) wrote shared key tickets in the same"
            + " commit; journey renewal-risk (priority 50) read it as written and its write includes both");
    assertThat(auditsOf(first.id()).get(0).decision().trace()).noneMatch(t -> t.startsWith("journey-conflict"));
  }

  @Test
  void should_name_the_journey_in_the_audit_records_of_an_engine_of_one_definition() {
    // given
    JourneyEngine engine = JourneyEngine.builder().definition(Plays.handoff()).store(store).clock(clock).build();
    // when
    engine.accept(signal(SignalTypes.DEMO_REQUESTED));
    clock.advance(Plays.SLA);
    engine.fireDueTimers();
    // then: the decision and the timer firing both name it
    assertThat(store.audit(ADA)).hasSize(2).extracting(SeveralJourneysTest::journeyName).containsOnly(Plays.HANDOFF);
    assertThat(engine.recompute(store.audit(ADA).get(0))).isEqualTo(store.audit(ADA).get(0));
  }

  @Test
  void should_enter_nurture_again_after_its_cool_down_as_a_new_stay_but_never_renewal_risk() {
    // given: nurture exited on a booked meeting, renewal risk recovered
    JourneyEngine engine = engine(true);
    engine.accept(signal(SignalTypes.FORM_SUBMITTED));
    engine.accept(signal(SignalTypes.USAGE_DROPPED));
    engine.accept(signal(SignalTypes.MEETING_BOOKED));
    engine.accept(signal(Plays.USAGE_RECOVERED));
    java.time.Instant exited = clock.instant();
    // when: a content form within the cool-down
    clock.advance(Plays.NURTURE_REENTRY.minusMinutes(1));
    Signal early = signal(SignalTypes.FORM_SUBMITTED);
    engine.accept(early);
    // then: nurture stays exited
    assertThat(auditsOf(early.id())).extracting(SeveralJourneysTest::journeyName).containsExactly(Plays.HANDOFF);
    assertThat(engine.snapshot(ADA).orElseThrow().journey(Plays.NURTURE).orElseThrow())
        .isEqualTo(new JourneyState("EXITED", exited, "nurture@1"));

    // when: a content form once the cool-down has passed, and a usage drop
    clock.advance(Duration.ofMinutes(1));
    Signal again = signal(SignalTypes.FORM_SUBMITTED);
    engine.accept(again);
    Signal drop = signal(SignalTypes.USAGE_DROPPED);
    engine.accept(drop);
    // then: a new nurture stay from its initial state, with a fresh drip and its own timer
    AuditRecord reentry =
        auditsOf(again.id()).stream().filter(a -> a.journey().equals(Optional.of(Plays.NURTURE))).findFirst().orElseThrow();
    assertThat(reentry.before().state()).isEqualTo("NEW");
    assertThat(reentry.before().timers()).isEmpty();
    assertThat(reentry.decision().stateAfter()).isEqualTo("ENROLLED");
    assertThat(reentry.decision().trace())
        .anyMatch(t -> t.equals("journey nurture entered again: exited at EXITED since " + exited
            + ", re-entry after " + Plays.NURTURE_REENTRY));
    JourneySnapshot snapshot = engine.snapshot(ADA).orElseThrow();
    assertThat(snapshot.journey(Plays.NURTURE).orElseThrow())
        .isEqualTo(new JourneyState("ENROLLED", clock.instant(), "nurture@1"));
    assertThat(snapshot.timers()).containsOnlyKeys("nurture/drip");
    assertThat(snapshot.timers().get("nurture/drip").dueAt()).isEqualTo(clock.instant().plus(Plays.DRIP));
    assertThat(store.pendingActions())
        .extracting(OutboxEntry::action)
        .filteredOn(a -> a instanceof EnrollSequence e && e.sequenceId().equals("drip-1"))
        .hasSize(2);
    // and renewal risk, re-entered by default never, is not concerned by the drop
    assertThat(auditsOf(drop.id())).extracting(SeveralJourneysTest::journeyName).containsExactly(Plays.HANDOFF, Plays.NURTURE);
    assertThat(snapshot.journey(Plays.RENEWAL)).get().extracting(JourneyState::state).isEqualTo("RECOVERED");
  }

  @Test
  void should_refuse_a_re_entry_cool_down_without_exit_states_or_negative() {
    // given
    HostedJourney.Builder noExit = HostedJourney.builder(Plays.nurture()).reentersAfter(Duration.ZERO);
    // when / then
    assertThatThrownBy(noExit::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("journey 'nurture': reentersAfter(PT0S) needs exit states to re-enter from; call exitsAt(..)");
    assertThatThrownBy(() -> HostedJourney.builder(Plays.nurture()).reentersAfter(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("journey 'nurture': the re-entry cool-down must be >= 0, but was PT-24H");
    assertThat(HostedJourney.of(Plays.nurture()).reentry()).isEmpty();
  }

  private static String journeyName(AuditRecord audit) {
    return audit.journey().orElseThrow();
  }
}
