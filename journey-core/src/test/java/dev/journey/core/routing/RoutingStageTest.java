package dev.journey.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.action.CreateTask;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class RoutingStageTest {
  private static final BusinessCalendar ALWAYS = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);
  private static final String MONDAY_10_BERLIN = "2026-03-02T09:00:00Z";

  private final MutableClock clock = MutableClock.at(MONDAY_10_BERLIN);
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private int signals;

  // tag::route-rule[]
  static final JavaRuleSet RULES =
      JavaRuleSet.builder("lead-handoff", "1")
          .rule(
              "demo request routes to sales",
              f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
              (f, d) ->
                  d.transitionTo(JourneyModel.SALES_ENGAGED)
                      .route("inbound")
                      .createTask("Call back: demo request", "", f.now().plus(Duration.ofHours(2))))
          .build();
  // end::route-rule[]

  private JourneyEngine engine(OwnerDirectory directory, RoutingPolicy policy) {
    // tag::routing-stage[]
    Router router = Router.builder().directory(directory).policy(policy).build();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff")
                .model(JourneyModel.leadHandoff())
                .evaluator(RULES)
                .stage(RoutingStage.of(router))
                .build())
            .store(store)
            .clock(clock)
            .build();
    // end::routing-stage[]
    return engine;
  }

  private static RoutingPolicy roundRobin(String pool) {
    return RoutingPolicy.builder("inbound").roundRobin(pool).fallbackQueue("queue-inbound").build();
  }

  private AssignOwner demo(JourneyEngine engine, String subject, Map<String, Object> attributes) {
    Signal signal =
        Signal.builder()
            .id("demo-" + (++signals))
            .subject(SubjectRef.contact(subject))
            .type(SignalTypes.DEMO_REQUESTED)
            .occurredAt(clock.instant())
            .attributes(attributes)
            .build();
    SignalResult result = engine.accept(signal);
    assertThat(result.status()).isEqualTo(SignalResult.Status.DECIDED);
    return (AssignOwner)
        ((SignalResult.Decided) result).decision().actions().stream().filter(a -> a instanceof AssignOwner).findFirst().orElseThrow();
  }

  private Map<String, Integer> routeMany(JourneyEngine engine, int count) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      counts.merge(demo(engine, "c" + i, Map.of()).ownerId(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void should_honour_weights_over_many_assignments() {
    // given: weights 3, 2, 1
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("a", ALWAYS).build())
            .owner(Owner.builder("b", ALWAYS).build())
            .owner(Owner.builder("c", ALWAYS).build())
            .pool(new Pool("general", List.of(new Pool.Member("a", 3), new Pool.Member("b", 2), new Pool.Member("c", 1))))
            .build();
    JourneyEngine engine = engine(directory, roundRobin("general"));

    // when
    Map<String, Integer> first600 = routeMany(engine, 600);

    // then: exact over full cycles of total weight 6; within 1 of the share after any prefix
    assertThat(first600).containsExactlyInAnyOrderEntriesOf(Map.of("a", 300, "b", 200, "c", 100));
    Map<String, Integer> next = routeMany(engine, 1003);
    assertThat(next.get("a")).isBetween(500, 503);
    assertThat(next.get("b")).isBetween(333, 336);
    assertThat(next.get("c")).isBetween(166, 169);
  }

  @Test
  void should_skip_capped_owners_and_reset_caps_the_next_day() {
    // given
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("a", ALWAYS).dailyCap(2).build())
            .owner(Owner.builder("b", ALWAYS).build())
            .pool(Pool.of("general", "a", "b"))
            .build();
    JourneyEngine engine = engine(directory, roundRobin("general"));

    // when
    Map<String, Integer> today = routeMany(engine, 6);
    AssignOwner last = demo(engine, "late", Map.of());
    clock.advance(Duration.ofDays(1));
    Map<String, Integer> tomorrow = routeMany(engine, 2);

    // then
    assertThat(today).isEqualTo(Map.of("a", 2, "b", 4));
    assertThat(last.ownerId()).isEqualTo("b");
    assertThat(last.reason()).isEqualTo("round robin pool general, weight 1; skipped a: daily cap 2 reached");
    assertThat(tomorrow).isEqualTo(Map.of("a", 1, "b", 1));
  }

  @Test
  void should_skip_weekly_capped_owners() {
    // given
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("a", ALWAYS).weeklyCap(3).build())
            .owner(Owner.builder("b", ALWAYS).build())
            .pool(Pool.of("general", "a", "b"))
            .build();
    JourneyEngine engine = engine(directory, roundRobin("general"));

    // when: two a day for three days (Monday to Wednesday)
    int toA = 0;
    for (int day = 0; day < 3; day++) {
      toA += routeMany(engine, 2).getOrDefault("a", 0);
      clock.advance(Duration.ofDays(1));
    }

    // then
    assertThat(toA).isEqualTo(3);
  }

  @Test
  void should_skip_owners_out_of_office_on_holiday_offline_or_off_shift() {
    // given: Monday 10:00 in Berlin
    Instant now = clock.instant();
    BusinessCalendar berlin =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin")).weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
    BusinessCalendar berlinHoliday =
        BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .holiday(LocalDate.of(2026, 3, 2))
            .build();
    BusinessCalendar newYork =
        BusinessCalendar.builder(ZoneId.of("America/New_York")).weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).build();
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("ooo", berlin).outOfOffice(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(2))).build())
            .owner(Owner.builder("holiday", berlinHoliday).build())
            .owner(Owner.builder("offline", berlin).online(false).build())
            .owner(Owner.builder("asleep", newYork).build())
            .owner(Owner.builder("here", berlin).build())
            .pool(Pool.of("general", "ooo", "holiday", "offline", "asleep", "here"))
            .build();
    JourneyEngine engine = engine(directory, roundRobin("general"));

    // when
    AssignOwner assigned = demo(engine, "c1", Map.of());

    // then
    assertThat(assigned.ownerId()).isEqualTo("here");
    assertThat(assigned.reason())
        .isEqualTo(
            "round robin pool general, weight 1; skipped ooo: out of office until 2026-03-04T09:00:00Z, "
                + "holiday: holiday 2026-03-02, offline: offline, asleep: outside working hours");
  }

  @Test
  void should_route_to_the_fallback_queue_when_everyone_is_unavailable() {
    // given
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("a", ALWAYS).online(false).build())
            .owner(Owner.builder("b", ALWAYS).dailyCap(1).build())
            .pool(Pool.of("general", "a", "b"))
            .build();
    JourneyEngine engine = engine(directory, roundRobin("general"));
    demo(engine, "first", Map.of());

    // when
    AssignOwner assigned = demo(engine, "second", Map.of());

    // then
    assertThat(assigned.ownerId()).isEqualTo("queue-inbound");
    assertThat(assigned.reason())
        .isEqualTo(
            "fallback queue queue-inbound; round robin pool general: nobody eligible; "
                + "skipped a: offline, b: daily cap 1 reached");
  }

  @Test
  void should_keep_an_available_account_owner_and_explain_a_skipped_one() {
    // given
    // tag::policy[]
    RoutingPolicy inbound =
        RoutingPolicy.builder("inbound")
            .sticky("account_owner", "owner")
            .match("territory", "region", Map.of("DE", "dach", "AT", "dach"))
            .match("segment", "segment", Map.of("enterprise", "enterprise"))
            .roundRobin("general")
            .fallbackQueue("queue-inbound")
            .build();
    // end::policy[]
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("acct", ALWAYS).build())
            .owner(Owner.builder("away", ALWAYS).online(false).build())
            .owner(Owner.builder("d1", ALWAYS).build())
            .owner(Owner.builder("e1", ALWAYS).build())
            .owner(Owner.builder("g1", ALWAYS).build())
            .pool(Pool.of("dach", "d1"))
            .pool(Pool.of("enterprise", "e1"))
            .pool(Pool.of("general", "g1"))
            .build();
    JourneyEngine engine = engine(directory, inbound);

    // when
    AssignOwner sticky = demo(engine, "c1", Map.of("account_owner", "acct", "region", "DE"));
    AssignOwner territory = demo(engine, "c2", Map.of("account_owner", "away", "region", "AT"));
    AssignOwner segment = demo(engine, "c3", Map.of("region", "US", "segment", "enterprise"));
    AssignOwner general = demo(engine, "c4", Map.of());

    // then
    assertThat(sticky.ownerId()).isEqualTo("acct");
    assertThat(sticky.reason()).isEqualTo("sticky account_owner acct");
    assertThat(territory.ownerId()).isEqualTo("d1");
    assertThat(territory.reason())
        .isEqualTo("territory region=AT -> round robin pool dach, weight 1 (before: sticky account_owner away: offline)");
    assertThat(segment.ownerId()).isEqualTo("e1");
    assertThat(segment.reason())
        .isEqualTo("segment segment=enterprise -> round robin pool enterprise, weight 1 (before: territory: no pool for region=US)");
    assertThat(general.ownerId()).isEqualTo("g1");
  }

  @Test
  void should_keep_the_contact_owner_on_a_second_routing() {
    // given
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("a", ALWAYS).build())
            .owner(Owner.builder("b", ALWAYS).build())
            .pool(Pool.of("general", "a", "b"))
            .build();
    RoutingPolicy policy =
        RoutingPolicy.builder("inbound").sticky("owner").roundRobin("general").fallbackQueue("q").build();
    JourneyEngine engine = engine(directory, policy);
    String first = demo(engine, "same", Map.of()).ownerId();

    // when
    AssignOwner again = demo(engine, "same", Map.of());

    // then
    assertThat(again.ownerId()).isEqualTo(first);
    assertThat(again.reason()).isEqualTo("sticky owner " + first);
  }

  @Test
  void should_put_the_assignment_before_the_task_and_bind_the_task_to_the_new_owner() {
    // given
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder().owner(Owner.builder("a", ALWAYS).build()).pool(Pool.of("general", "a")).build();
    JourneyEngine engine = engine(directory, roundRobin("general"));

    // when
    SignalResult.Decided result =
        (SignalResult.Decided) engine.accept(
            Signal.builder().id("s1").subject(SubjectRef.contact("1")).type(SignalTypes.DEMO_REQUESTED)
                .occurredAt(clock.instant()).build());

    // then
    List<Action> actions = result.decision().actions();
    assertThat(actions).hasSize(2);
    assertThat(actions.get(0)).isInstanceOf(AssignOwner.class);
    assertThat(actions.get(0).id()).isEqualTo(result.decision().actionId(0));
    assertThat(((CreateTask) actions.get(1)).ownerId()).contains("a");
    assertThat(result.decision().requests()).isEmpty();
    assertThat(result.decision().annotations()).containsEntry("route.inbound", "a");
    assertThat(result.snapshot().owner()).contains("a");
  }

  @Test
  void should_not_advance_the_pointer_twice_for_a_redelivered_signal() {
    // given
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("a", ALWAYS).dailyCap(5).build())
            .owner(Owner.builder("b", ALWAYS).build())
            .pool(Pool.of("general", "a", "b"))
            .build();
    JourneyEngine engine = engine(directory, roundRobin("general"));
    Signal signal =
        Signal.builder().id("once").subject(SubjectRef.contact("1")).type(SignalTypes.DEMO_REQUESTED)
            .occurredAt(clock.instant()).build();

    // when
    SignalResult first = engine.accept(signal);
    SignalResult again = engine.accept(signal);
    SignalResult restarted = engine(directory, roundRobin("general")).accept(signal);

    // then
    assertThat(first.status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(again.status()).isEqualTo(SignalResult.Status.DUPLICATE);
    assertThat(restarted.status()).isEqualTo(SignalResult.Status.DUPLICATE);
    assertThat(store.loadShared(Router.POOL_KEY_PREFIX + "general").values())
        .containsEntry("n:a", 1L)
        .doesNotContainKey("n:b");
    assertThat(store.loadShared(Router.CAPACITY_KEY_PREFIX + "a").value("dayCount")).isEqualTo(1);
  }

  @Test
  void should_leave_a_request_for_an_unknown_policy_unresolved_and_say_so() {
    // given
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder().owner(Owner.builder("a", ALWAYS).build()).pool(Pool.of("general", "a")).build();
    JourneyEngine engine =
        engine(directory, RoutingPolicy.builder("other").roundRobin("general").fallbackQueue("q").build());

    // when
    SignalResult.Decided result =
        (SignalResult.Decided) engine.accept(
            Signal.builder().id("s1").subject(SubjectRef.contact("1")).type(SignalTypes.DEMO_REQUESTED)
                .occurredAt(clock.instant()).build());

    // then
    assertThat(result.decision().requests()).extracting(r -> r.name()).containsExactly("inbound");
    assertThat(result.decision().trace()).contains("route inbound: unknown policy, left unresolved (known: [other])");
  }

  @Test
  void should_route_by_owner_coverage_of_territories_and_segments() {
    // given
    // tag::coverage[]
    RoutingPolicy byCoverage =
        RoutingPolicy.builder("inbound")
            .territory("country", "emea") // owners whose regions contain the subject's country
            .segment("segment", "emea") // owners whose segments contain the subject's segment
            .fallbackQueue("queue-emea")
            .build();
    // end::coverage[]
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("de-1", ALWAYS).regions("DE", "AT").build())
            .owner(Owner.builder("fr-1", ALWAYS).regions("FR").segments("enterprise").build())
            .owner(Owner.builder("fr-2", ALWAYS).regions("FR").online(false).build())
            .pool(Pool.of("emea", "de-1", "fr-1", "fr-2"))
            .build();
    JourneyEngine engine = engine(directory, byCoverage);

    // when
    AssignOwner germany = demo(engine, "c1", Map.of("country", "DE"));
    AssignOwner france = demo(engine, "c2", Map.of("country", "FR"));
    AssignOwner spainEnterprise = demo(engine, "c3", Map.of("country", "ES", "segment", "enterprise"));
    AssignOwner spain = demo(engine, "c4", Map.of("country", "ES"));

    // then
    assertThat(germany.ownerId()).isEqualTo("de-1");
    assertThat(germany.reason()).isEqualTo("territory country=DE -> round robin pool emea, weight 1");
    assertThat(france.ownerId()).isEqualTo("fr-1");
    assertThat(france.reason()).isEqualTo("territory country=FR -> round robin pool emea, weight 1; skipped fr-2: offline");
    assertThat(spainEnterprise.ownerId()).isEqualTo("fr-1");
    assertThat(spainEnterprise.reason())
        .isEqualTo("segment segment=enterprise -> round robin pool emea, weight 1 "
            + "(before: territory country=ES -> round robin pool emea: nobody covers it)");
    assertThat(spain.ownerId()).isEqualTo("queue-emea");
    assertThat(spain.reason())
        .isEqualTo("fallback queue queue-emea; territory country=ES -> round robin pool emea: nobody covers it; segment: no segment");
  }

  @Test
  void should_never_route_to_an_excluded_owner() {
    // given: a rule that asks to route away from the current owner
    InMemoryOwnerDirectory directory =
        InMemoryOwnerDirectory.builder()
            .owner(Owner.builder("a", ALWAYS).build())
            .owner(Owner.builder("b", ALWAYS).build())
            .pool(Pool.of("general", "a", "b"))
            .build();
    JavaRuleSet rules =
        JavaRuleSet.builder("lead-handoff", "1")
            .rule("reroute", f -> true, (f, d) -> d.request(RoutingStage.CAPABILITY, "inbound", Map.of("exclude", "a")))
            .build();
    Router router = Router.builder().directory(directory).policy(roundRobin("general")).build();
    JourneyEngine engine =
        JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules, RoutingStage.of(router))).store(store).clock(clock).build();

    // when
    Map<String, Integer> counts = routeMany(engine, 4);

    // then
    assertThat(counts).isEqualTo(Map.of("b", 4));
  }
}
