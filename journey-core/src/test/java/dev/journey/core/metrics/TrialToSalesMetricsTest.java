package dev.journey.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The second journey shape: a product-led trial that becomes a product-qualified lead (PQL), then a
 * sales conversation. Its states, touch signal and segment attribute differ from the lead-handoff
 * ones (the fixed lead-handoff metrics saw "handoffs 1, touched 0, segment (unknown)" here).
 */
final class TrialToSalesMetricsTest {
  static final String TRIAL_STARTED = "TRIAL_STARTED";
  static final String USAGE_MILESTONE = "USAGE_MILESTONE";
  static final String TRIAL_EXPIRED = "TRIAL_EXPIRED";
  static final String EMAIL_REPLIED = "SALES_EMAIL_REPLIED";

  private static final Instant START = Instant.parse("2026-03-03T10:00:00Z");

  static final JourneyModel MODEL =
      JourneyModel.builder("trial-to-sales")
          .states("TRIAL", "PQL", "SALES_ASSIST", "OPPORTUNITY", "WON", "CLOSED")
          .initialState("TRIAL")
          .allow("TRIAL", "PQL", "CLOSED")
          .allow("PQL", "SALES_ASSIST", "CLOSED")
          .allow("SALES_ASSIST", "OPPORTUNITY", "CLOSED")
          .allow("OPPORTUNITY", "WON", "CLOSED")
          .build();

  // tag::dispositions[]
  static final Dispositions DISPOSITIONS =
      Dispositions.builder()
          .recycle("TRIAL_EXPIRED")
          .declare(Dispositions.Exit.DISQUALIFY, Set.of("PQL", "SALES_ASSIST"), "NOT_A_FIT", "STUDENT")
          .declare(Dispositions.Exit.LOSS, Set.of("OPPORTUNITY"), "CHOSE_COMPETITOR", "NO_DECISION", "NOT_A_FIT")
          .build();
  // end::dispositions[]

  // tag::definition[]
  static final MetricsDefinition PQL_METRICS =
      MetricsDefinition.builder("trial-to-sales")
          .milestone(Milestone.signal("trial", TRIAL_STARTED))
          .milestone(Milestone.state("pql", "PQL"))
          .milestone(Milestone.signal("first touch", EMAIL_REPLIED, SignalTypes.SALES_ACTIVITY))
          .milestone(Milestone.signal("meeting", SignalTypes.MEETING_BOOKED))
          .milestone(Milestone.state("opportunity", "OPPORTUNITY"))
          .milestone(Milestone.state("won", "WON"))
          .interval("time to PQL", "trial", "pql")
          .interval("time to first touch", "pql", "first touch")
          .attribute(Dimension.SEGMENT, "plan")
          .attribute(Dimension.SOURCE, "signupChannel")
          .dispositions(DISPOSITIONS)
          .build();
  // end::definition[]

  static JavaRuleSet rules(String lossCode) {
    return JavaRuleSet.builder("trial-to-sales", "1")
        .rule("heavy usage makes a PQL", f -> f.signal().type().equals(USAGE_MILESTONE),
            (f, d) -> d.transitionTo("PQL"))
        .rule("a reply starts sales assist", f -> f.signal().type().equals(EMAIL_REPLIED),
            (f, d) -> d.transitionTo("SALES_ASSIST"))
        .rule("a meeting opens the opportunity", f -> f.signal().type().equals(SignalTypes.MEETING_BOOKED),
            (f, d) -> d.transitionTo("OPPORTUNITY"))
        .rule("won", f -> f.signal().type().equals(SignalTypes.DEAL_STAGE_CHANGED)
                && f.signal().stringAttribute("dealStage").orElse("").equals("closedwon"),
            (f, d) -> d.transitionTo("WON"))
        .rule("lost", f -> f.signal().type().equals(SignalTypes.DEAL_STAGE_CHANGED)
                && f.signal().stringAttribute("dealStage").orElse("").equals("closedlost"),
            (f, d) -> d.transitionTo("CLOSED").recycle(lossCode))
        .rule("expired", f -> f.signal().type().equals(TRIAL_EXPIRED),
            (f, d) -> d.transitionTo("CLOSED").recycle("TRIAL_EXPIRED"))
        .build();
  }

  private final MutableClock clock = MutableClock.at(START.toString());
  private final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  private final MetricsCollector metrics = MetricsCollector.create(PQL_METRICS);

  private JourneyEngine engine(String lossCode) {
    return JourneyEngine.builder()
        .definition(JourneyDefinition.builder("trial-to-sales")
            .model(MODEL).evaluator(rules(lossCode)).stage(DISPOSITIONS.stage()).build())
        .store(store).clock(clock).listener(metrics).build();
  }

  private static Signal signal(String id, String user, String type, Instant at, Map<String, Object> attrs) {
    return Signal.builder().id(id).subject(SubjectRef.contact(user)).type(type).occurredAt(at)
        .source("product").attributes(attrs).build();
  }

  private void run(JourneyEngine engine, String user, String plan, Duration... steps) {
    String[] types = {TRIAL_STARTED, USAGE_MILESTONE, EMAIL_REPLIED, SignalTypes.MEETING_BOOKED, SignalTypes.DEAL_STAGE_CHANGED};
    Instant at = START;
    for (int i = 0; i < steps.length; i++) {
      at = at.plus(steps[i]);
      clock.set(at);
      Map<String, Object> attrs = i == 0 ? Map.of("plan", plan, "signupChannel", "self-serve") : Map.of();
      engine.accept(signal(user + "-" + i, user, types[i], at, attrs));
    }
  }

  @Test
  void should_measure_the_trial_to_sales_flow_by_its_own_milestones() {
    // given: four trials: u1 won, u2 lost to a competitor, u3 a PQL nobody touched, u4 expired
    JourneyEngine engine = engine("CHOSE_COMPETITOR");
    Duration h = Duration.ofHours(1);
    run(engine, "u1", "TEAM", Duration.ZERO, h.multipliedBy(48), h, h.multipliedBy(24), h.multipliedBy(24));
    engine.accept(signal("u1-won", "u1", SignalTypes.DEAL_STAGE_CHANGED, clock.instant(), Map.of("dealStage", "closedwon")));
    run(engine, "u2", "TEAM", Duration.ZERO, h.multipliedBy(24), h.multipliedBy(2), h);
    engine.accept(signal("u2-lost", "u2", SignalTypes.DEAL_STAGE_CHANGED, clock.instant(), Map.of("dealStage", "closedlost")));
    run(engine, "u3", "ENTERPRISE", Duration.ZERO, h.multipliedBy(6));
    run(engine, "u4", "TEAM", Duration.ZERO);
    clock.set(START.plus(Duration.ofDays(14)));
    engine.accept(signal("u4-expired", "u4", TRIAL_EXPIRED, clock.instant(), Map.of()));

    // when
    Measurements m = metrics.measurements();

    // then
    Slice all = m.overall();
    assertThat(all.reached()).containsExactly(
        entry("trial", 4L), entry("pql", 3L), entry("first touch", 2L), entry("meeting", 2L),
        entry("opportunity", 2L), entry("won", 1L));
    assertThat(all.rate("pql")).isEqualTo(0.75);
    assertThat(all.conversion("pql", "won")).isEqualTo(1 / 3.0);
    assertThat(all.wallClock().get("time to PQL").values())
        .containsExactly(Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(48));
    assertThat(all.wallClock().get("time to first touch").values())
        .containsExactly(Duration.ofHours(1), Duration.ofHours(2));
    assertThat(m.by(Dimension.SEGMENT)).containsOnlyKeys("TEAM", "ENTERPRISE");
    assertThat(m.by(Dimension.SEGMENT).get("TEAM").reached())
        .contains(entry("trial", 3L), entry("pql", 2L), entry("won", 1L));
    assertThat(m.by(Dimension.SOURCE)).containsOnlyKeys("self-serve");
    assertThat(m.reasonsByExit()).containsExactly(
        entry(Dispositions.Exit.RECYCLE, Map.of("TRIAL_EXPIRED", 1L)),
        entry(Dispositions.Exit.LOSS, Map.of("CHOSE_COMPETITOR", 1L)));
  }

  @Test
  void should_reject_an_undeclared_reason_code_naming_it_and_the_allowed_list_and_keep_what_was_accepted() {
    // given: the loss rule emits a code the journey does not declare
    JourneyEngine engine = engine("TOO_EXPENSIVE");
    run(engine, "u2", "TEAM", Duration.ZERO, Duration.ofHours(1));
    SubjectRef u2 = SubjectRef.contact("u2");
    int recordsBefore = store.audit(u2).size();

    // when / then
    assertThatThrownBy(() -> engine.accept(
            signal("u2-lost", "u2", SignalTypes.DEAL_STAGE_CHANGED, clock.instant(), Map.of("dealStage", "closedlost"))))
        .isInstanceOf(UndeclaredReasonCodeException.class)
        .hasMessageStartingWith("Recycle from PQL in the decision of rule set trial-to-sales@1")
        .hasMessageContaining("rules fired: lost")
        .hasMessageEndingWith("reason code 'TOO_EXPENSIVE' is not declared; allowed: TRIAL_EXPIRED, NOT_A_FIT, STUDENT")
        .satisfies(e -> assertThat(((UndeclaredReasonCodeException) e).code()).isEqualTo("TOO_EXPENSIVE"));
    assertThat(store.audit(u2)).hasSize(recordsBefore);
    assertThat(store.load(u2).orElseThrow().state()).isEqualTo("PQL");
  }

  @Test
  void should_check_a_crm_disposition_against_the_list_of_its_exit() {
    // when / then
    assertThat(DISPOSITIONS.require(Dispositions.Exit.LOSS, "NO_DECISION", "deal 88 closedLostReason"))
        .isEqualTo("NO_DECISION");
    assertThatThrownBy(() -> DISPOSITIONS.require(Dispositions.Exit.LOSS, "STUDENT", "deal 88 closedLostReason"))
        .isInstanceOf(UndeclaredReasonCodeException.class)
        .hasMessage("deal 88 closedLostReason: reason code 'STUDENT' is not declared for exit LOSS;"
            + " allowed: CHOSE_COMPETITOR, NO_DECISION, NOT_A_FIT");
    assertThat(DISPOSITIONS.exitOf("SALES_ASSIST", "NOT_A_FIT")).contains(Dispositions.Exit.DISQUALIFY);
    assertThat(DISPOSITIONS.exitOf("OPPORTUNITY", "NOT_A_FIT")).contains(Dispositions.Exit.LOSS);
    assertThat(DISPOSITIONS.exitOf("TRIAL", "NOT_A_FIT")).isEmpty();
    assertThatThrownBy(() -> Dispositions.builder().recycle("A").declare(Dispositions.Exit.LOSS, Set.of("X"), "A"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason code 'A' must have one exit per state, but was declared for RECYCLE and again for LOSS from [X]");
  }
}
