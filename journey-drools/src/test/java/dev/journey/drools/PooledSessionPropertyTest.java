package dev.journey.drools;

import static dev.journey.drools.Fixtures.NOW;
import static dev.journey.drools.Fixtures.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The evaluator is a pure function however its sessions are reused: a random sequence of signals
 * evaluated on one pooled session (reset between signals) decides exactly as the same sequence with
 * a fresh session per signal. The rules are chosen to show leftovers: they insert facts of their
 * own, join and negate across facts, and one of them throws, so that a failed session is
 * dropped in the middle of a sequence; a second set is indexed by Drools on the properties it
 * hashes (signal type, state, segment, country, lifecycle stage) and on ranges, and one of its
 * rules copies every property of the fact into the trace, so that an earlier signal's data would
 * show. (Until issue 23, round 14, sessions kept their last input and updated it with the next;
 * {@code SessionMemoryTest} says why they no longer do.)
 */
final class PooledSessionPropertyTest {
  private static RuleSetRegistry registry;
  private static CompiledRuleSet handoff;
  private static CompiledRuleSet stateful;
  private static CompiledRuleSet indexed;

  private static final String STATEFUL =
      header("p.pooled")
          + "rule \"note the segment\" @label(\"note the segment\") salience 50\n"
          + "when $f : JourneyFacts(segment != \"\") then insert($f.getSegment()); end\n"
          + "rule \"noted\" @label(\"noted\") salience 40\n"
          + "when $s : String() JourneyFacts() then decision.trace(\"noted \" + $s); end\n"
          + "rule \"nothing noted\" @label(\"nothing noted\") salience 30\n"
          + "when JourneyFacts() not String() then decision.trace(\"nothing noted\"); end\n"
          + "rule \"one input\" @label(\"one input\") salience 20\n"
          + "when $f : JourneyFacts() not JourneyFacts(this != $f) then decision.increment(\"facts\", 1L); end\n"
          + "rule \"two inputs\" @label(\"two inputs\") salience 10\n"
          + "when $a : JourneyFacts() JourneyFacts(this != $a) then decision.trace(\"leak\"); end\n"
          + "rule \"enterprise in DE\" @label(\"enterprise in DE\")\n"
          + "when $f : JourneyFacts(segment == \"ENTERPRISE\", country == \"DE\", lifecycleStage == \"lead\",\n"
          + "    fitScore >= 50)\n"
          + "then decision.createTask(\"Call\", \"enterprise lead\", $f.inHours(1)); end\n"
          + "rule \"boom\" @label(\"boom\")\n"
          + "when JourneyFacts(fitScore == 13) then decision.transitionTo(\"\"); end\n";

  /** Every value a rule can read from the fact, in one line. */
  private static final String EVERYTHING =
      "$f.getSignalId() + \"|\" + $f.getSignalType() + \"|\" + $f.getState() + \"|\" + $f.getOwner()"
          + " + \"|\" + $f.getFitScore() + \"|\" + $f.getIntentScore() + \"|\" + $f.getSegment()"
          + " + \"|\" + $f.getCountry() + \"|\" + $f.getLifecycleStage() + \"|\" + $f.getHoursInState()"
          + " + \"|\" + $f.getSubjectType() + \"|\" + $f.getSource() + \"|\" + $f.getVersion()"
          + " + \"|\" + $f.attr(\"plan\") + \"|\" + $f.hasAttr(\"plan\")";

  private static final String INDEXED =
      header("p.indexed")
          + "rule \"everything\" @label(\"everything\") salience 100\n"
          + "when $f : JourneyFacts(signalType != \"INACTIVITY\") then decision.trace(" + EVERYTHING + "); end\n"
          + "rule \"demo from nurture\" @label(\"demo from nurture\") salience 90\n"
          + "when $f : JourneyFacts(signalType == \"DEMO_REQUESTED\", state == \"NURTURE\", fitScore >= 50)\n"
          + "then decision.transitionTo(\"SALES_ENGAGED\"); decision.route(\"inbound\"); end\n"
          + "rule \"enterprise in DE\" @label(\"enterprise in DE\") salience 80\n"
          + "when $f : JourneyFacts(segment == \"ENTERPRISE\", country == \"DE\", lifecycleStage == \"lead\",\n"
          + "    fitScore >= 50)\n"
          + "then decision.createTask(\"Call\", \"enterprise lead\", $f.inHours(1)); end\n"
          + "rule \"owned pricing\" @label(\"owned pricing\") salience 70\n"
          + "when $f : JourneyFacts(signalType == \"PRICING_PAGE_VIEWED\", owned, intentScore > 40)\n"
          + "then decision.increment(\"pricing\", 1L); decision.setProperty(\"last_plan\", $f.attr(\"plan\")); end\n"
          + "rule \"self join\" @label(\"self join\") salience 60\n"
          + "when $a : JourneyFacts(fitScore > 79) $b : JourneyFacts(this == $a, state != \"CUSTOMER\")\n"
          + "then decision.trace(\"high \" + $b.getSignalId()); end\n"
          + "rule \"boom\" @label(\"boom\")\n"
          + "when JourneyFacts(fitScore == 13) then decision.transitionTo(\"\"); end\n";

  @BeforeContainer
  static void compile() {
    registry =
        RuleSetRegistry.builder()
            .allowMembers("org.drools.core.rule.consequence.KnowledgeHelper", "insert")
            .allowMembers("org.kie.api.runtime.rule.FactHandle")
            .build();
    handoff = registry.compile(RuleSet.builder("lead-handoff", "1").classpath("rules/lead-handoff.drl").build());
    stateful = Fixtures.compile(registry, "pooled", "1", STATEFUL);
    indexed = Fixtures.compile(registry, "indexed", "1", INDEXED);
  }

  @AfterContainer
  static void close() {
    registry.close();
  }

  /** One input: the subject's state and lifecycle stage, the signal's type and attributes. */
  record Input(String state, String stage, boolean owned, String type, int fitScore, int intentScore,
      String segment, String country, String plan) {}

  @Provide
  Arbitrary<List<Input>> sequences() {
    Arbitrary<String> states =
        Arbitraries.of("NURTURE", "SALES_ENGAGED", "OPPORTUNITY_ACTIVE", "CUSTOMER", "RECYCLED");
    Arbitrary<String> types =
        Arbitraries.of("DEMO_REQUESTED", "PRICING_PAGE_VIEWED", "MEETING_BOOKED", "SALES_ACTIVITY",
            "INACTIVITY", "FORM_SUBMITTED", "CONTENT_ENGAGED", "USAGE_DROPPED");
    Arbitrary<Integer> scores =
        Arbitraries.oneOf(Arbitraries.integers().between(0, 100), Arbitraries.of(13, 49, 50, 79, 80));
    Arbitrary<Input> input =
        Combinators.combine(
                states,
                Arbitraries.of("", "lead", "customer"),
                Arbitraries.of(true, false),
                types,
                scores,
                scores,
                Arbitraries.of("", "SMB", "ENTERPRISE"),
                Arbitraries.of("", "US", "DE"))
            .flatAs((state, stage, owned, type, fit, intent, segment, country) ->
                Arbitraries.of("", "pro", "team")
                    .map(plan -> new Input(state, stage, owned, type, fit, intent, segment, country, plan)));
    return input.list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 60)
  void should_decide_on_a_pooled_session_as_on_a_fresh_one_when_the_rules_keep_state(
      @ForAll("sequences") List<Input> sequence) {
    // given one evaluator that reuses a single session and one that makes a new session each time,
    // when both evaluate the sequence
    Runs runs = pooledAndFresh(stateful, sequence);
    // then every outcome is the same, and the pooled evaluator really reused its session
    assertThat(runs.onPooled()).isEqualTo(runs.onFresh());
    // and no evaluation saw another's fact: one input fact each, never two
    for (Object o : runs.onPooled()) {
      if (o instanceof Decision d) {
        assertThat(d.trace()).doesNotContain("leak");
        assertThat(d.counterDeltas()).containsEntry("facts", 1L);
      }
    }
    assertThat(runs.pooled().sessionsCreated()).isLessThanOrEqualTo(1 + failures(runs.onPooled()));
    assertThat(runs.fresh().sessionsCreated()).isEqualTo(sequence.size());
    assertThat(runs.pooled().idleSessionContents()).allSatisfy(c -> assertThat(c).containsOnly(0L));
  }

  @Property(tries = 40)
  void should_decide_on_a_pooled_session_as_on_a_fresh_one_when_journey_rules_fire(
      @ForAll("sequences") List<Input> sequence) {
    // given the lead-handoff rules, pooled and fresh, when both evaluate the sequence
    Runs runs = pooledAndFresh(handoff, sequence);
    // then
    assertThat(runs.onPooled()).isEqualTo(runs.onFresh());
    assertThat(runs.pooled().sessionsCreated()).isEqualTo(1);
    // and rules that insert nothing leave only their input behind: the cheap reset every time
    assertThat(runs.pooled().fullResets()).isZero();
    assertThat(runs.pooled().idleSessionContents()).allSatisfy(c -> assertThat(c).containsOnly(0L));
  }

  @Property(tries = 60)
  void should_decide_on_a_reused_session_as_on_a_fresh_one_when_signals_follow_each_other(
      @ForAll("sequences") List<Input> sequence) {
    // given the indexed rules, pooled and fresh, when both evaluate the sequence
    Runs runs = pooledAndFresh(indexed, sequence);
    // then every outcome is the same
    assertThat(runs.onPooled()).isEqualTo(runs.onFresh());
    // and what the rules read is this signal's own data: its id in every line it traced
    for (int i = 0; i < runs.onPooled().size(); i++) {
      if (runs.onPooled().get(i) instanceof Decision d) {
        String id = "s" + i;
        assertThat(d.trace()).allSatisfy(line -> assertThat(line).matches("(high )?" + id + "(\\|.*)?"));
      }
    }
    // and the session was really reused, holding nothing when idle
    assertThat(runs.pooled().sessionsCreated()).isLessThanOrEqualTo(1 + failures(runs.onPooled()));
    assertThat(runs.pooled().fullResets()).isZero();
    assertThat(runs.pooled().idleSessionContents()).allSatisfy(c -> assertThat(c).containsOnly(0L));
  }

  @Example
  void should_decide_as_usual_when_signals_that_match_nothing_come_between() {
    // given an evaluator reusing one session
    DroolsEvaluator pooled = DroolsEvaluator.builder(indexed).maxIdleSessions(1).build();
    Input nothing = new Input("CUSTOMER", "", false, "INACTIVITY", 0, 0, "", "", "");
    Input matching = new Input("NURTURE", "", false, "DEMO_REQUESTED", 60, 0, "", "", "");
    // when signals matching no rule (a fact Drools drops) alternate with matching ones
    List<Object> outcomes = outcomes(pooled, List.of(nothing, matching, nothing, matching));
    // then the unmatched fire nothing and the matching decide as usual, on one session
    for (int i = 0; i < outcomes.size(); i++) {
      List<String> expected = i % 2 == 0 ? List.of() : List.of("everything", "demo from nurture");
      assertThat(outcomes.get(i)).isInstanceOfSatisfying(Decision.class,
          d -> assertThat(d.rulesFired()).containsExactlyElementsOf(expected));
    }
    assertThat(pooled.sessionsCreated()).isEqualTo(1);
  }

  /** A sequence evaluated on one reused session and on a fresh session per signal. */
  private record Runs(
      DroolsEvaluator pooled, DroolsEvaluator fresh, List<Object> onPooled, List<Object> onFresh) {}

  private static Runs pooledAndFresh(CompiledRuleSet rules, List<Input> sequence) {
    DroolsEvaluator pooled = DroolsEvaluator.builder(rules).maxIdleSessions(1).build();
    DroolsEvaluator fresh = DroolsEvaluator.builder(rules).maxIdleSessions(0).build();
    return new Runs(pooled, fresh, outcomes(pooled, sequence), outcomes(fresh, sequence));
  }

  private static int failures(List<Object> outcomes) {
    int failures = 0;
    for (Object o : outcomes) {
      if (o instanceof String s && s.startsWith("failed")) {
        failures++;
      }
    }
    return failures;
  }

  /** Each input's decision, or its failure's message. */
  private static List<Object> outcomes(DroolsEvaluator evaluator, List<Input> sequence) {
    List<Object> outcomes = new ArrayList<>();
    for (int i = 0; i < sequence.size(); i++) {
      Input in = sequence.get(i);
      SubjectRef subject = SubjectRef.contact(Integer.toString(1000 + i % 3));
      JourneySnapshot.Builder snapshot =
          JourneySnapshot.initial(subject, in.state(), NOW.minus(Duration.ofHours(5 + i))).toBuilder();
      if (!in.stage().isEmpty()) {
        snapshot.property(JourneyFacts.LIFECYCLE_STAGE, in.stage(), "crm", NOW);
      }
      if (in.owned()) {
        snapshot.property(JourneySnapshot.OWNER, "owner-" + i, "routing", NOW);
      }
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("fitScore", in.fitScore());
      attributes.put("intentScore", in.intentScore());
      if (!in.segment().isEmpty()) {
        attributes.put("segment", in.segment());
      }
      if (!in.country().isEmpty()) {
        attributes.put("country", in.country());
      }
      if (!in.plan().isEmpty()) {
        attributes.put("plan", in.plan());
      }
      Signal signal = Fixtures.signal(subject, "s" + i, in.type(), attributes);
      try {
        Decision d = evaluator.evaluate(snapshot.build(), signal, NOW);
        outcomes.add(d);
      } catch (RuleEvaluationException e) {
        outcomes.add("failed: " + e.getMessage());
      }
    }
    return outcomes;
  }
}
