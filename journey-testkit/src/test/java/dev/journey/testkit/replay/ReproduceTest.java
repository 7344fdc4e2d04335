package dev.journey.testkit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.routing.InMemoryOwnerDirectory;
import dev.journey.core.routing.Owner;
import dev.journey.core.routing.Pool;
import dev.journey.core.routing.Router;
import dev.journey.core.routing.RoutingPolicy;
import dev.journey.core.routing.RoutingStage;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.sla.SlaPolicy;
import dev.journey.core.sla.SlaStage;
import dev.journey.core.decision.Decision;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.EvaluatorOutput;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.arbitraries.JourneyArbitraries;
import dev.journey.testkit.arbitraries.SignalStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

final class ReproduceTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  private static BusinessCalendar calendar(LocalDate... holidays) {
    BusinessCalendar.Builder b = BusinessCalendar.builder(BERLIN);
    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
      b.hours(day, LocalTime.of(9, 0), LocalTime.of(17, 0));
    }
    for (LocalDate holiday : holidays) {
      b.holiday(holiday);
    }
    return b.build();
  }

  private static JourneyDefinition journey(BusinessCalendar calendar, boolean bOnline) {
    InMemoryOwnerDirectory owners =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("a", calendar).dailyCap(3).manager("m").build())
            .owner(Owner.builder("b", calendar).online(bOnline).build())
            .owner(Owner.builder("m", calendar).build())
            .pool(new Pool("inbound", List.of(new Pool.Member("a", 2), new Pool.Member("b", 1))))
            .build();
    Router router =
        Router.builder()
            .directory(owners)
            .policy(RoutingPolicy.builder("inbound").roundRobin("inbound").fallbackQueue("queue").build())
            .build();
    JavaRuleSet rules =
        JavaRuleSet.builder("lead-handoff", "1")
            .rule(
                "demo request routes to sales",
                f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED)
                    && f.snapshot().state().equals(JourneyModel.NURTURE),
                (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).route("inbound").startSla("first-touch"))
            .build();
    return JourneyDefinition.builder("lead-handoff")
        .model(JourneyModel.leadHandoff())
        .evaluator(rules)
        .stage(RoutingStage.of(router))
        .stage(
            SlaStage.builder()
                .sla(
                    SlaPolicy.builder("first-touch")
                        .target(Duration.ofHours(4))
                        .calendar(calendar)
                        .satisfiedBy(SignalTypes.SALES_ACTIVITY)
                        .reminderAt(0.5)
                        .reassignWith("inbound")
                        .build())
                .router(router)
                .build())
        .build();
  }

  private static List<AuditRecord> replay(JourneyDefinition journey, List<Signal> signals) {
    List<AuditRecord> records = new ArrayList<>();
    Replay.builder()
        .definition(journey)
        .listener(
            new ReplayListener() {
              @Override
              public void onRecord(AuditRecord record) {
                records.add(record);
              }
            })
        .build()
        .run(signals);
    return records;
  }

  private static List<Signal> demos(int n) {
    List<Signal> signals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      signals.add(
          Signal.builder()
              .id("demo-" + i)
              .subject(SubjectRef.contact(Integer.toString(1000 + i)))
              .type(SignalTypes.DEMO_REQUESTED)
              .occurredAt(T0.plus(Duration.ofMinutes(40L * i)))
              .build());
    }
    return signals;
  }

  @Test
  void should_reproduce_every_decision_of_a_routed_run_with_sla_timers() {
    // given: routing with caps, SLA reminders and breaches on business hours
    JourneyDefinition journey = journey(calendar(), true);
    List<AuditRecord> records = replay(journey, demos(8));

    // when
    // tag::reproduce[]
    Replay replay = Replay.builder().definition(journey).build();
    List<Reproduction> reproductions = replay.reproduce(records);
    // end::reproduce[]

    // then
    assertThat(records).hasSizeGreaterThan(8); // timer firings included
    assertThat(records).anySatisfy(r -> assertThat(r.inputs().facts()).containsKey("calendar.sla.first-touch"));
    assertThat(reproductions).allSatisfy(r -> assertThat(r.differences()).isEmpty());
  }

  @Test
  void should_name_the_perturbed_input_when_a_round_robin_pointer_is_changed() {
    // given
    JourneyDefinition journey = journey(calendar(), true);
    AuditRecord second = replay(journey, demos(2)).get(1);
    List<SharedState> shared = new ArrayList<>();
    for (SharedState read : second.inputs().shared()) {
      shared.add(read.key().startsWith(Router.POOL_KEY_PREFIX) ? SharedState.empty(read.key()) : read);
    }
    AuditRecord perturbed = second.withInputs(new StageInputs(shared, second.inputs().facts()));

    // when
    Reproduction reproduction = Replay.builder().definition(journey).build().reproduce(perturbed);

    // then
    assertThat(reproduction.reproduced()).isFalse();
    assertThat(reproduction.differences()).contains("owner: recorded b but recomputed a");
  }

  @Test
  void should_name_the_owner_and_the_calendar_when_the_wiring_changed() {
    // given: recorded with b online and no holiday; reproduced with b offline and a holiday
    List<AuditRecord> records = replay(journey(calendar(), true), demos(2));
    Replay later = Replay.builder().definition(journey(calendar(LocalDate.of(2026, 12, 24)), false)).build();

    // when
    Reproduction reproduction = later.reproduce(records.get(1));

    // then
    assertThat(reproduction.firstDifference().orElseThrow()).startsWith("stage input calendar.sla.first-touch: recorded ");
    assertThat(reproduction.differences()).contains("stage input owner.b: recorded available but now offline");
    assertThat(reproduction.toString()).startsWith("differs contact:1001 DEMO_REQUESTED demo-1: stage input calendar");
  }

  @Test
  void should_name_the_rule_set_first_when_another_version_recomputes() {
    // given
    JourneyDefinition journey = journey(calendar(), true);
    AuditRecord first = replay(journey, demos(1)).get(0);
    JourneyDefinition other =
        JourneyDefinition.builder("lead-handoff")
            .model(JourneyModel.leadHandoff())
            .evaluator(JavaRuleSet.builder("lead-handoff", "2").build())
            .stages(journey.stages())
            .build();

    // when
    Reproduction reproduction = Replay.builder().definition(other).build().reproduce(first);

    // then
    assertThat(reproduction.firstDifference().orElseThrow())
        .startsWith("rule set: recorded lead-handoff@1")
        .contains("but recomputed with lead-handoff@2");
  }

  @Test
  void should_keep_the_evaluators_decision_only_when_a_stage_changed_it() {
    // given: routing turns the rule's route request into an owner; a later nurture signal no
    // stage touches
    JourneyDefinition journey = journey(calendar(), true);
    List<Signal> signals = new ArrayList<>(demos(1));
    signals.add(Signal.builder().id("page-1").subject(SubjectRef.contact("1000")).type(SignalTypes.PRICING_PAGE_VIEWED)
        .occurredAt(T0.plus(Duration.ofMinutes(5))).build());

    // when
    List<AuditRecord> records = replay(journey, signals);

    // then
    AuditRecord routed = records.get(0);
    assertThat(routed.inputs().evaluated()).hasValueSatisfying(kept ->
        assertThat(kept.changed()).contains(EvaluatorOutput.Part.ACTIONS, EvaluatorOutput.Part.REQUESTS)
            .doesNotContain(EvaluatorOutput.Part.STATE_AFTER, EvaluatorOutput.Part.RULES_FIRED));
    Decision raw = routed.inputs().evaluatedOr(routed.decision());
    assertThat(raw.requests()).isNotEmpty();
    assertThat(raw.actions()).noneMatch(a -> a instanceof dev.journey.core.action.AssignOwner);
    assertThat(raw.stateAfter()).isEqualTo(routed.decision().stateAfter());
    assertThat(routed.decision().actions()).anyMatch(a -> a instanceof dev.journey.core.action.AssignOwner);
    AuditRecord page = records.stream().filter(r -> r.signal().id().equals("page-1")).findFirst().orElseThrow();
    assertThat(page.inputs().evaluated()).isEmpty();
    assertThat(page.inputs().evaluatedOr(page.decision())).isSameAs(page.decision());
  }

  @Test
  void should_tell_a_stage_difference_from_an_evaluator_difference() {
    // given: the second demo request routed to b, its round-robin pointer then changed (a stage
    // input), and the first decision recomputed by other rules (the evaluator)
    JourneyDefinition journey = journey(calendar(), true);
    List<AuditRecord> records = replay(journey, demos(2));
    AuditRecord second = records.get(1);
    List<SharedState> shared = new ArrayList<>();
    for (SharedState read : second.inputs().shared()) {
      shared.add(read.key().startsWith(Router.POOL_KEY_PREFIX) ? SharedState.empty(read.key()) : read);
    }
    AuditRecord perturbed =
        second.withInputs(new StageInputs(shared, second.inputs().facts(), second.inputs().evaluated()));
    JourneyDefinition otherRules =
        journey.withEvaluator(
            JavaRuleSet.builder("lead-handoff", "1")
                .rule("demo request routes to sales without an SLA",
                    f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
                    (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).route("inbound"))
                .build());

    // when
    Reproduction stage = Replay.builder().definition(journey).build().reproduce(perturbed);
    Reproduction evaluator = Replay.builder().definition(otherRules).build().reproduce(records.get(0));

    // then
    assertThat(stage.differences())
        .contains("evaluator output: equal to the recorded one; the stages decided otherwise")
        .contains("owner: recorded b but recomputed a")
        .noneMatch(line -> line.startsWith("evaluator output rules") || line.startsWith("evaluator output requests"));
    assertThat(evaluator.differences())
        .anyMatch(line -> line.startsWith("evaluator output rules fired: recorded [demo request routes to sales]"))
        .anyMatch(line -> line.startsWith("evaluator output requests: recorded"));
  }

  @Property(tries = 40)
  void every_decision_of_any_signal_stream_is_reproduced_from_its_audit_record(@ForAll("streams") SignalStream stream) {
    // given
    JourneyDefinition journey = journey(calendar(), true);
    List<AuditRecord> records = replay(journey, stream.deliveries());

    // when
    List<Reproduction> reproductions = Replay.builder().definition(journey).build().reproduce(records);

    // then
    assertThat(reproductions).allSatisfy(r -> assertThat(r.differences()).as(r.toString()).isEmpty());
  }

  @Provide
  Arbitrary<SignalStream> streams() {
    return JourneyArbitraries.signalStreams(4, 8);
  }
}
