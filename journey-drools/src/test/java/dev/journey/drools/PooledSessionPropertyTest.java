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
 * dropped in the middle of a sequence.
 */
final class PooledSessionPropertyTest {
  private static RuleSetRegistry registry;
  private static CompiledRuleSet handoff;
  private static CompiledRuleSet stateful;

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

  @BeforeContainer
  static void compile() {
    registry =
        RuleSetRegistry.builder()
            .allowMembers("org.drools.core.rule.consequence.KnowledgeHelper", "insert")
            .allowMembers("org.kie.api.runtime.rule.FactHandle")
            .build();
    handoff = registry.compile(RuleSet.builder("lead-handoff", "1").classpath("rules/lead-handoff.drl").build());
    stateful = Fixtures.compile(registry, "pooled", "1", STATEFUL);
  }

  @AfterContainer
  static void close() {
    registry.close();
  }

  /** One input: the subject's state and lifecycle stage, the signal's type and attributes. */
  record Input(String state, String stage, boolean owned, String type, int fitScore, int intentScore,
      String segment, String country) {}

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
            .as(Input::new);
    return input.list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 60)
  void should_decide_on_a_pooled_session_as_on_a_fresh_one_when_the_rules_keep_state(
      @ForAll("sequences") List<Input> sequence) {
    // given one evaluator that reuses a single session and one that makes a new session each time
    DroolsEvaluator pooled = DroolsEvaluator.builder(stateful).maxIdleSessions(1).build();
    DroolsEvaluator fresh = DroolsEvaluator.builder(stateful).maxIdleSessions(0).build();
    // when both evaluate the sequence
    List<Object> onPooled = outcomes(pooled, sequence);
    List<Object> onFresh = outcomes(fresh, sequence);
    // then every outcome is the same, and the pooled evaluator really reused its session
    assertThat(onPooled).isEqualTo(onFresh);
    // and no evaluation saw another's fact: one input fact each, never two
    for (Object o : onPooled) {
      if (o instanceof Decision d) {
        assertThat(d.trace()).doesNotContain("leak");
        assertThat(d.counterDeltas()).containsEntry("facts", 1L);
      }
    }
    assertThat(pooled.sessionsCreated()).isLessThanOrEqualTo(1 + failures(onPooled));
    assertThat(fresh.sessionsCreated()).isEqualTo(sequence.size());
    assertThat(pooled.idleSessionContents()).allSatisfy(c -> assertThat(c).containsOnly(0L));
  }

  @Property(tries = 40)
  void should_decide_on_a_pooled_session_as_on_a_fresh_one_when_journey_rules_fire(
      @ForAll("sequences") List<Input> sequence) {
    // given the lead-handoff rules, pooled and fresh
    DroolsEvaluator pooled = DroolsEvaluator.builder(handoff).maxIdleSessions(1).build();
    DroolsEvaluator fresh = DroolsEvaluator.builder(handoff).maxIdleSessions(0).build();
    // when
    List<Object> onPooled = outcomes(pooled, sequence);
    List<Object> onFresh = outcomes(fresh, sequence);
    // then
    assertThat(onPooled).isEqualTo(onFresh);
    assertThat(pooled.sessionsCreated()).isEqualTo(1);
    // and rules that insert nothing leave only their input behind: the cheap reset every time
    assertThat(pooled.fullResets()).isZero();
    assertThat(pooled.idleSessionContents()).allSatisfy(c -> assertThat(c).containsOnly(0L));
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
        snapshot.property(JourneySnapshot.OWNER, "owner-7", "routing", NOW);
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
