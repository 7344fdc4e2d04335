package dev.journey.core.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.action.Escalate;
import dev.journey.core.action.Notify;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.routing.InMemoryOwnerDirectory;
import dev.journey.core.routing.Owner;
import dev.journey.core.routing.Pool;
import dev.journey.core.routing.Router;
import dev.journey.core.routing.RoutingPolicy;
import dev.journey.core.routing.RoutingStage;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SlaStageTest {
  private static final SubjectRef LEAD = SubjectRef.contact("1001");
  private static final BusinessCalendar ALWAYS = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);
  private static final BusinessCalendar BERLIN =
      BusinessCalendar.builder(ZoneId.of("Europe/Berlin")).weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();

  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private final InMemoryOwnerDirectory directory =
      InMemoryOwnerDirectory.builder()
          .owner(Owner.builder("o-1", ALWAYS).manager("m-1").build())
          .owner(Owner.builder("o-2", ALWAYS).manager("m-1").build())
          .pool(Pool.of("emea", "o-1", "o-2"))
          .build();

  // tag::sla-policy[]
  static final SlaPolicy FIRST_TOUCH =
      SlaPolicy.builder("first-touch")
          .target(Duration.ofHours(2))
          .calendar(BERLIN)
          .satisfiedBy(SignalTypes.SALES_ACTIVITY, SignalTypes.MEETING_BOOKED)
          .reminderAt(0.5)
          .escalationWindow(Duration.ofHours(1))
          .reassignWith("inbound")
          .build();

  static final InactivityPolicy STALE =
      InactivityPolicy.builder("stale-lead")
          .businessDays(3)
          .calendar(BERLIN)
          .qualifying(SignalTypes.SALES_ACTIVITY, SignalTypes.MEETING_BOOKED)
          .build();

  static final JavaRuleSet RULES =
      JavaRuleSet.builder("lead-handoff", "1")
          .rule(
              "demo request: route, start the first-touch SLA, watch for inactivity",
              f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
              (f, d) ->
                  d.transitionTo(JourneyModel.SALES_ENGAGED)
                      .route("inbound")
                      .startSla("first-touch")
                      .request(SlaStage.INACTIVITY_WATCH, "stale-lead", Map.of()))
          .rule(
              "stale lead goes back to marketing",
              f -> SlaStage.isInactivity(f.signal(), "stale-lead"),
              (f, d) -> d.transitionTo(JourneyModel.RECYCLED).recycle("no-activity"))
          .build();
  // end::sla-policy[]

  private JourneyEngine engine(MutableClock clock) {
    // tag::sla-stage[]
    Router router =
        Router.builder()
            .directory(directory)
            .policy(RoutingPolicy.builder("inbound").roundRobin("emea").fallbackQueue("queue-emea").build())
            .build();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff")
                .model(JourneyModel.leadHandoff())
                .evaluator(RULES)
                .stage(RoutingStage.of(router))
                .stage(SlaStage.builder().router(router).sla(FIRST_TOUCH).inactivity(STALE).build())
                .build())
            .store(store)
            .clock(clock)
            .build();
    // end::sla-stage[]
    return engine;
  }

  private static Signal signal(String id, String type, MutableClock clock) {
    return Signal.builder().id(id).subject(LEAD).type(type).occurredAt(clock.instant()).build();
  }

  private List<Action> lastActions() {
    List<AuditRecord> audit = store.audit(LEAD);
    return audit.get(audit.size() - 1).decision().actions();
  }

  @Test
  void should_expose_each_sla_step_typed_to_rules_and_stop_an_sla_on_request() {
    // given: rules that record the SLA step they see and stop the SLA on a disqualification
    java.util.List<SlaStep> seen = new java.util.ArrayList<>();
    JavaRuleSet rules =
        JavaRuleSet.builder("lead-handoff", "1")
            .rule(
                "demo request starts the SLA",
                f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                (f, d) ->
                    d.transitionTo(JourneyModel.SALES_ENGAGED).route("inbound").startSla("first-touch"))
            .rule(
                "every SLA step is seen typed",
                f -> SlaStep.of(f.signal()).isPresent(),
                (f, d) -> seen.add(SlaStep.of(f.signal()).orElseThrow()))
            .rule(
                "disqualified stops the SLA",
                f -> f.signal().type().equals(SignalTypes.LIFECYCLE_CHANGED),
                (f, d) -> d.stopSla("first-touch"))
            .build();
    Router router =
        Router.builder()
            .directory(directory)
            .policy(RoutingPolicy.builder("inbound").roundRobin("emea").fallbackQueue("queue-emea").build())
            .build();
    MutableClock clock = MutableClock.at("2026-03-27T15:00:00Z");
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff")
                .model(JourneyModel.leadHandoff())
                .evaluator(rules)
                .stage(RoutingStage.of(router))
                .stage(SlaStage.builder().router(router).sla(FIRST_TOUCH).build())
                .build())
            .store(store)
            .clock(clock)
            .build();
    engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED, clock));

    // then: the pending timer is the reminder, but the SLA's due time is Monday 08:00 UTC
    SlaStep pending =
        SlaStep.of(store.load(LEAD).orElseThrow().timer("sla:first-touch").orElseThrow()).orElseThrow();
    assertThat(pending.reminder()).isTrue();
    assertThat(pending.dueAt()).isEqualTo(Instant.parse("2026-03-30T08:00:00Z"));
    assertThat(pending.startedAt()).isEqualTo(Instant.parse("2026-03-27T15:00:00Z"));

    // when: the reminder, then the breach fire
    clock.set(Instant.parse("2026-03-27T16:00:00Z"));
    engine.fireDueTimers();
    clock.set(Instant.parse("2026-03-30T08:00:00Z"));
    engine.fireDueTimers();

    // then
    assertThat(seen).extracting(SlaStep::policy, SlaStep::kind, SlaStep::index, s -> s.owner().orElseThrow())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("first-touch", SlaStep.Kind.REMINDER, 0, "o-1"),
            org.assertj.core.groups.Tuple.tuple("first-touch", SlaStep.Kind.BREACH, 1, "o-1"));
    assertThat(SlaStep.of(signal("demo-2", SignalTypes.DEMO_REQUESTED, clock))).isEmpty();

    // when: the lead is disqualified
    engine.accept(signal("lc-1", SignalTypes.LIFECYCLE_CHANGED, clock));

    // then: the SLA's timer is gone
    assertThat(store.load(LEAD).orElseThrow().timer("sla:first-touch")).isEmpty();
  }

  @Test
  void should_remind_then_escalate_to_the_manager_then_reassign_across_restarts() {
    // given: Friday 2026-03-27 16:00 in Berlin, the weekend before the DST change
    MutableClock clock = MutableClock.at("2026-03-27T15:00:00Z");
    engine(clock).accept(signal("demo-1", SignalTypes.DEMO_REQUESTED, clock));
    assertThat(store.load(LEAD).orElseThrow().owner()).contains("o-1");
    assertThat(store.load(LEAD).orElseThrow().timer("sla:first-touch").orElseThrow().dueAt())
        .isEqualTo(Instant.parse("2026-03-27T16:00:00Z")); // reminder at 1 business hour

    // when: a minute early, nothing fires
    clock.set(Instant.parse("2026-03-27T15:59:00Z"));
    assertThat(engine(clock).fireDueTimers()).isZero();

    // when: reminder (Friday 17:00 CET)
    clock.set(Instant.parse("2026-03-27T16:00:00Z"));
    assertThat(engine(clock).fireDueTimers()).isEqualTo(1);

    // then
    assertThat(lastActions()).singleElement().isInstanceOfSatisfying(Notify.class, n -> {
      assertThat(n.recipientId()).isEqualTo("o-1");
      assertThat(n.message()).isEqualTo("SLA first-touch: 50% of PT2H business time used, due 2026-03-30T08:00:00Z");
    });

    // when: restart, then the first breach on Monday 10:00 CEST (the second business hour)
    clock.set(Instant.parse("2026-03-30T08:00:00Z"));
    assertThat(engine(clock).fireDueTimers()).isEqualTo(1);

    // then: manager escalation and a task for the owner
    List<Action> breach = lastActions();
    assertThat(breach).hasSize(2);
    assertThat(breach.get(0)).isInstanceOfSatisfying(Escalate.class, e -> {
      assertThat(e.toOwnerId()).isEqualTo("m-1");
      assertThat(e.level()).isEqualTo(1);
      assertThat(e.reason()).isEqualTo("sla:first-touch breached (due 2026-03-30T08:00:00Z)");
    });
    assertThat(breach.get(1)).isInstanceOfSatisfying(CreateTask.class, t -> {
      assertThat(t.ownerId()).contains("o-1");
      assertThat(t.priority()).isEqualTo("HIGH");
    });
    JourneySnapshot afterBreach = store.load(LEAD).orElseThrow();
    assertThat(afterBreach.counter("sla.first-touch.breached")).isEqualTo(1);
    assertThat(afterBreach.timer("sla:first-touch").orElseThrow().dueAt())
        .isEqualTo(Instant.parse("2026-03-30T09:00:00Z"));

    // when: restart, then the second breach one business hour later
    clock.set(Instant.parse("2026-03-30T09:00:00Z"));
    assertThat(engine(clock).fireDueTimers()).isEqualTo(1);

    // then: reassigned to the next eligible owner, the previous owner told
    List<Action> second = lastActions();
    assertThat(second.get(0)).isInstanceOfSatisfying(AssignOwner.class, a -> {
      assertThat(a.ownerId()).isEqualTo("o-2");
      assertThat(a.reason())
          .isEqualTo("sla:first-touch breached twice; round robin pool emea, weight 1; skipped o-1: excluded");
    });
    assertThat(second.get(1)).isInstanceOf(Notify.class);
    JourneySnapshot end = store.load(LEAD).orElseThrow();
    assertThat(end.owner()).contains("o-2");
    assertThat(end.timer("sla:first-touch")).isEmpty();
    assertThat(end.counter("sla.first-touch.reassigned")).isEqualTo(1);
  }

  @Test
  void should_stop_the_sla_when_a_satisfying_signal_arrives() {
    // given: Monday 10:00 Berlin
    MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    JourneyEngine engine = engine(clock);
    engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED, clock));

    // when: a call is logged after 30 minutes, then time passes the deadline
    clock.advance(Duration.ofMinutes(30));
    SignalResult.Decided call = (SignalResult.Decided) engine.accept(signal("call-1", SignalTypes.SALES_ACTIVITY, clock));
    clock.advance(Duration.ofHours(6));
    int fired = engine.fireDueTimers();

    // then
    assertThat(fired).isZero();
    assertThat(call.decision().trace())
        .contains("sla first-touch met by SALES_ACTIVITY after PT30M business time");
    JourneySnapshot snapshot = store.load(LEAD).orElseThrow();
    assertThat(snapshot.timer("sla:first-touch")).isEmpty();
    assertThat(snapshot.counter("sla.first-touch.met")).isEqualTo(1);
    assertThat(snapshot.counter("sla.first-touch.breached")).isZero();
  }

  @Test
  void should_raise_inactivity_after_n_business_days_without_activity() {
    // given: Monday 2026-03-02 10:00 Berlin
    MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    engine(clock).accept(signal("demo-1", SignalTypes.DEMO_REQUESTED, clock));
    assertThat(store.load(LEAD).orElseThrow().timer("inactivity:stale-lead").orElseThrow().dueAt())
        .isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));

    // when: a meeting on Wednesday pushes the deadline to the next Monday
    clock.set(Instant.parse("2026-03-04T09:00:00Z"));
    engine(clock).accept(signal("meeting-1", SignalTypes.MEETING_BOOKED, clock));
    clock.set(Instant.parse("2026-03-05T09:00:00Z"));
    int onThursday = engine(clock).fireDueTimers();
    clock.set(Instant.parse("2026-03-09T09:00:00Z"));
    int onMonday = engine(clock).fireDueTimers();

    // then: the stale-lead rule recycled the subject; the owner was told
    assertThat(onThursday).isZero();
    assertThat(onMonday).isEqualTo(1);
    JourneySnapshot snapshot = store.load(LEAD).orElseThrow();
    assertThat(snapshot.state()).isEqualTo(JourneyModel.RECYCLED);
    assertThat(snapshot.counter("inactivity.stale-lead")).isEqualTo(1);
    assertThat(lastActions()).anySatisfy(a -> assertThat(a).isInstanceOf(Notify.class));
  }

  @Test
  void should_drop_the_old_timer_generation_when_an_sla_restarts() {
    // given: Monday 10:00 Berlin; the SLA starts, then restarts 30 minutes later
    MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    JourneyEngine engine = engine(clock);
    engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED, clock));
    clock.advance(Duration.ofMinutes(30));
    engine.accept(signal("demo-2", SignalTypes.DEMO_REQUESTED, clock));

    // when: the first reminder time passes, then the second
    clock.set(Instant.parse("2026-03-02T10:00:00Z"));
    int atFirstDue = engine.fireDueTimers();
    clock.set(Instant.parse("2026-03-02T10:30:00Z"));
    int atSecondDue = engine.fireDueTimers();

    // then: one reminder only, from the restarted SLA
    assertThat(atFirstDue).isZero();
    assertThat(atSecondDue).isEqualTo(1);
    assertThat(store.audit(LEAD).stream().filter(r -> r.decision().actions().stream().anyMatch(a -> a instanceof Notify)))
        .hasSize(1);
  }

  @Test
  void should_fall_back_to_the_alternate_queue_without_a_routing_policy() {
    // given
    SlaPolicy policy =
        SlaPolicy.builder("first-touch").target(Duration.ofHours(1)).calendar(ALWAYS)
            .satisfiedBy(SignalTypes.SALES_ACTIVITY).alternateQueue("queue-escalations").build();
    JavaRuleSet rules =
        JavaRuleSet.builder("lead-handoff", "1")
            .rule("start", f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                (f, d) -> d.assignOwner("o-1", "by hand").startSla("first-touch"))
            .build();
    MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    JourneyEngine engine =
        JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules, SlaStage.builder().directory(directory).sla(policy).build())).store(store).clock(clock).build();
    engine.accept(signal("demo-1", SignalTypes.DEMO_REQUESTED, clock));

    // when: both breaches pass
    clock.advance(Duration.ofHours(3));
    int fired = engine.fireDueTimers();

    // then
    assertThat(fired).isEqualTo(2);
    assertThat(store.load(LEAD).orElseThrow().owner()).contains("queue-escalations");
  }

  @Test
  void should_reject_incomplete_policies() {
    assertThatThrownBy(() -> SlaPolicy.builder("x").target(Duration.ofHours(1)).calendar(ALWAYS).satisfiedBy("A").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("SLA 'x' needs reassignWith(...) or alternateQueue(...) for the second breach");
    assertThatThrownBy(() -> SlaPolicy.builder("x").reminderAt(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reminder fraction must be > 0 and < 1, but was 1.0");
    assertThatThrownBy(() -> SlaStage.builder().sla(FIRST_TOUCH).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "SLA 'first-touch' reassigns with routing policy 'inbound', so router(...) must have it, but no router was set");
  }
}
