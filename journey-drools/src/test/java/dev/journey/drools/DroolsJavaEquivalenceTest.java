package dev.journey.drools;

import dev.journey.testkit.clock.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The shared rule set of docs/rules.md, once in DRL (src/test/resources/rules/lead-handoff.drl)
 * and once as a {@link JavaRuleSet}, must decide identically on any signal stream.
 */
final class DroolsJavaEquivalenceTest {
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef SUBJECT = SubjectRef.contact("1001");

  private static RuleSetRegistry registry;
  private static DroolsEvaluator drools;

  @BeforeContainer
  static void compile() {
    registry = RuleSetRegistry.ofDefaults();
    drools =
        DroolsEvaluator.of(
            registry.compile(
                RuleSet.builder("lead-handoff", "1").classpath("rules/lead-handoff.drl").build()));
  }

  @AfterContainer
  static void close() {
    registry.close();
  }

  /** The same nine rules in plain Java, in DRL salience order. */
  static JavaRuleSet java() {
    return JavaRuleSet.builder("lead-handoff", "1")
        .rule(
            "demo request qualifies",
            f -> is(f, "DEMO_REQUESTED", "NURTURE") && fit(f) >= 50,
            (f, d) ->
                d.transitionTo("SALES_ENGAGED")
                    .route("inbound")
                    .createTask("Call back: demo request", "Demo requested", f.now().plus(Duration.ofHours(2)))
                    .startTimer("sla", f.now().plus(Duration.ofHours(4))))
        .rule(
            "low-fit demo request stays in nurture",
            f -> is(f, "DEMO_REQUESTED", "NURTURE") && fit(f) < 50,
            (f, d) -> d.enrollSequence("low-fit-demo", "email"))
        .rule(
            "pricing interest counted",
            f -> f.signal().type().equals("PRICING_PAGE_VIEWED"),
            (f, d) -> d.increment("pricing_views", 1))
        .rule(
            "hot pricing interest hands over",
            f -> is(f, "PRICING_PAGE_VIEWED", "NURTURE") && intent(f) >= 80,
            (f, d) -> d.transitionTo("SALES_ENGAGED").route("inbound"))
        .rule(
            "meeting booked opens opportunity",
            f -> is(f, "MEETING_BOOKED", "SALES_ENGAGED"),
            (f, d) ->
                d.transitionTo("OPPORTUNITY_ACTIVE")
                    .cancelTimer("sla")
                    .setProperty("lifecycle_stage", "opportunity"))
        .rule(
            "sla breach escalates",
            f ->
                is(f, SignalTypes.TIMER_FIRED, "SALES_ENGAGED")
                    && f.signal().isTimer("sla"),
            (f, d) -> d.escalate("sales-manager", 1, "SLA breached"))
        .rule(
            "sales activity stops the sla",
            f -> is(f, "SALES_ACTIVITY", "SALES_ENGAGED") && f.snapshot().owner().isEmpty(),
            (f, d) -> d.cancelTimer("sla").notify("sales-manager", "activity on an unowned lead"))
        .rule(
            "inactive lead recycled",
            f ->
                f.signal().type().equals("INACTIVITY")
                    && (f.snapshot().state().equals("NURTURE") || f.snapshot().state().equals("SALES_ENGAGED")),
            (f, d) -> d.transitionTo("RECYCLED").recycle("NO_RESPONSE").suppress("email", "recycled"))
        .rule(
            "recycled lead re-engages",
            f ->
                (f.signal().type().equals("FORM_SUBMITTED") || f.signal().type().equals("CONTENT_ENGAGED"))
                    && f.snapshot().state().equals("RECYCLED"),
            (f, d) -> d.transitionTo("NURTURE").resume("email"))
        .build();
  }

  private static boolean is(JavaRuleSet.Facts f, String type, String state) {
    return f.signal().type().equals(type) && f.snapshot().state().equals(state);
  }

  private static long fit(JavaRuleSet.Facts f) {
    return f.signal().longAttribute("fitScore").orElse(0L);
  }

  private static long intent(JavaRuleSet.Facts f) {
    return f.signal().longAttribute("intentScore").orElse(0L);
  }

  /** One step of a stream: a signal, or time passing (then due timers fire). */
  record Step(String type, int fitScore, int intentScore, int hoursLater) {}

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<String> types =
        Arbitraries.of(
            "DEMO_REQUESTED", "PRICING_PAGE_VIEWED", "MEETING_BOOKED", "SALES_ACTIVITY",
            "INACTIVITY", "FORM_SUBMITTED", "CONTENT_ENGAGED", "USAGE_DROPPED", "WAIT");
    // scores near the rules' thresholds (50 fit, 80 intent) half of the time
    Arbitrary<Integer> scores =
        Arbitraries.oneOf(Arbitraries.integers().between(0, 100), Arbitraries.of(49, 50, 79, 80));
    Arbitrary<Step> step =
        Combinators.combine(
                types,
                scores,
                scores,
                Arbitraries.integers().between(1, 6))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 120)
  void drools_and_java_decide_identically(@ForAll("streams") List<Step> stream) {
    // given two engines, one per evaluator, on the same virtual time
    Run viaDrools = new Run(drools);
    Run viaJava = new Run(java());
    // when both process the stream
    for (int i = 0; i < stream.size(); i++) {
      viaDrools.apply(stream.get(i), i);
      viaJava.apply(stream.get(i), i);
    }
    // then every decision (signals and fired timers alike) and the final state agree
    assertThat(viaDrools.decisions()).isEqualTo(viaJava.decisions());
    assertThat(viaDrools.state()).isEqualTo(viaJava.state());
  }

  /** One engine with its own store and clock. */
  private static final class Run {
    final VirtualClock clock = VirtualClock.at(START);
    final JourneyEngine engine;

    Run(JourneyEvaluator evaluator) {
      engine = JourneyEngine.builder().definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), evaluator)).clock(clock).build();
    }

    void apply(Step step, int index) {
      if (step.type().equals("WAIT")) {
        clock.advance(Duration.ofHours(step.hoursLater()));
        engine.fireDueTimers();
        return;
      }
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("fitScore", step.fitScore());
      attributes.put("intentScore", step.intentScore());
      engine.accept(
          Signal.builder()
              .id("s" + index)
              .subject(SUBJECT)
              .type(step.type())
              .occurredAt(clock.instant())
              .source("hubspot")
              .attributes(attributes)
              .build());
      clock.advance(Duration.ofMinutes(5));
    }

    /** Everything but the rule set hash, which only the DRL version has. */
    List<List<Object>> decisions() {
      List<List<Object>> out = new ArrayList<>();
      for (AuditRecord record : engine.store().audit(SUBJECT)) {
        Decision d = record.decision();
        out.add(
            List.of(
                record.outcome(), d.signalId(), d.ruleSet().key(), d.stateBefore(), d.stateAfter(),
                d.rulesFired(), d.actions(), d.timerCommands(), d.requests(), d.counterDeltas()));
      }
      return out;
    }

    List<Object> state() {
      return engine
          .snapshot(SUBJECT)
          .map(
              (JourneySnapshot s) ->
                  List.<Object>of(s.state(), s.properties(), s.timers(), s.suppressions(), s.counters(), s.version()))
          .orElse(List.of());
    }
  }
}
