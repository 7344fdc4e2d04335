package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.calendar.BusinessCalendar;
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
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RecomputeTest {
  private static final BusinessCalendar ALWAYS = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);
  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("lead-handoff", "1")
          .rule(
              "demo request routes to sales",
              f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
              (f, d) -> d.transitionTo(JourneyModel.SALES_ENGAGED).route("inbound"))
          .build();

  private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();

  private static InMemoryOwnerDirectory directory(boolean bOnline) {
    return InMemoryOwnerDirectory.builder()
        .owner(Owner.builder("a", ALWAYS).dailyCap(50).build())
        .owner(Owner.builder("b", ALWAYS).online(bOnline).build())
        .pool(new Pool("general", List.of(new Pool.Member("a", 1), new Pool.Member("b", 1))))
        .build();
  }

  private static JourneyDefinition definition(InMemoryOwnerDirectory directory) {
    Router router =
        Router.builder()
            .directory(directory)
            .policy(RoutingPolicy.builder("inbound").roundRobin("general").fallbackQueue("queue").build())
            .build();
    return JourneyDefinition.builder("lead-handoff")
        .model(JourneyModel.leadHandoff())
        .evaluator(RULES)
        .stage(RoutingStage.of(router))
        .build();
  }

  private List<AuditRecord> routeFive(JourneyEngine engine) {
    List<AuditRecord> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SubjectRef subject = SubjectRef.contact("c" + i);
      engine.accept(
          Signal.builder()
              .id("demo-" + i)
              .subject(subject)
              .type(SignalTypes.DEMO_REQUESTED)
              .occurredAt(clock.instant())
              .build());
      records.addAll(store.audit(subject));
      clock.advance(Duration.ofMinutes(7));
    }
    return records;
  }

  @Test
  void should_record_shared_reads_and_owner_facts_when_routing_decides() {
    // given
    JourneyEngine engine = JourneyEngine.builder().definition(definition(directory(true))).store(store).clock(clock).build();

    // when
    List<AuditRecord> records = routeFive(engine);

    // then: the second decision saw the pointer the first one wrote, and both owners available
    StageInputs second = records.get(1).inputs();
    assertThat(second.shared()).extracting(SharedState::key)
        .containsExactly(Router.CAPACITY_KEY_PREFIX + "a", Router.POOL_KEY_PREFIX + "general");
    assertThat(second.read(Router.POOL_KEY_PREFIX + "general").orElseThrow().version()).isEqualTo(1);
    assertThat(second.facts())
        .containsEntry("owner.a", "available; caps 50/day -/week in Z")
        .containsEntry("owner.b", "available")
        .containsEntry("pool.general", "a*1,b*1");
  }

  @Test
  void should_recompute_every_recorded_decision_equal_when_nothing_changed() {
    // given
    JourneyEngine engine = JourneyEngine.builder().definition(definition(directory(true))).store(store).clock(clock).build();
    List<AuditRecord> records = routeFive(engine);
    // a fresh engine with an empty store: only the records are input
    JourneyEngine fresh = JourneyEngine.builder().definition(definition(directory(true))).clock(clock).build();

    // when
    List<AuditRecord> recomputed = records.stream().map(fresh::recompute).toList();

    // then
    assertThat(recomputed).isEqualTo(records);
  }

  @Test
  void should_route_differently_when_a_recorded_pointer_is_perturbed() {
    // given: the second decision went to b, by the pointer the first one wrote
    JourneyEngine engine = JourneyEngine.builder().definition(definition(directory(true))).store(store).clock(clock).build();
    AuditRecord second = routeFive(engine).get(1);
    String key = Router.POOL_KEY_PREFIX + "general";
    List<SharedState> shared = new ArrayList<>();
    for (SharedState read : second.inputs().shared()) {
      shared.add(read.key().equals(key) ? SharedState.empty(key) : read); // as if nothing had been routed before
    }
    AuditRecord perturbed = second.withInputs(new StageInputs(shared, second.inputs().facts()));

    // when
    AuditRecord recomputed = engine.recompute(perturbed);

    // then
    assertThat(owner(second)).isEqualTo("b");
    assertThat(owner(recomputed)).isEqualTo("a");
    assertThat(recomputed.decision()).isNotEqualTo(second.decision());
  }

  @Test
  void should_note_other_facts_when_an_owner_is_offline_on_recompute() {
    // given
    JourneyEngine engine = JourneyEngine.builder().definition(definition(directory(true))).store(store).clock(clock).build();
    AuditRecord second = routeFive(engine).get(1);
    JourneyEngine later = JourneyEngine.builder().definition(definition(directory(false))).clock(clock).build();

    // when
    AuditRecord recomputed = later.recompute(second);

    // then
    assertThat(recomputed.inputs().facts()).containsEntry("owner.b", "offline");
    assertThat(recomputed.inputs()).isNotEqualTo(second.inputs());
    assertThat(owner(recomputed)).isEqualTo("a");
  }

  @Test
  void should_keep_no_inputs_when_no_stage_reads_anything() {
    // given
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), RULES))
            .store(store)
            .clock(clock)
            .build();

    // when
    AuditRecord record = routeFive(engine).get(0);

    // then
    assertThat(record.inputs()).isSameAs(StageInputs.NONE);
    assertThat(engine.recompute(record)).isEqualTo(record);
  }

  private static String owner(AuditRecord record) {
    return record.decision().actions().stream()
        .filter(a -> a instanceof AssignOwner)
        .map(a -> ((AssignOwner) a).ownerId())
        .findFirst()
        .orElse("(none)");
  }

}
