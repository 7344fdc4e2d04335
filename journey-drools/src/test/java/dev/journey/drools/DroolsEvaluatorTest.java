package dev.journey.drools;

import static dev.journey.drools.Fixtures.CONTACT;
import static dev.journey.drools.Fixtures.NOW;
import static dev.journey.drools.Fixtures.header;
import static dev.journey.drools.Fixtures.nurture;
import static dev.journey.drools.Fixtures.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class DroolsEvaluatorTest {
  private static RuleSetRegistry registry;
  private static CompiledRuleSet handoff;

  @BeforeAll
  static void compile() {
    // these tests reach into the engine on purpose (insert, update, the session clock), which the
    // default sandbox refuses: the embedding application can allow them
    registry =
        RuleSetRegistry.builder()
            .allowMembers("org.drools.core.rule.consequence.KnowledgeHelper", "insert", "update")
            .allowMembers("org.drools.util.bitmask.AllSetButLastBitMask", "get")
            .allowMembers("org.drools.util.bitmask.BitMask")
            .allowMembers("java.lang.Class")
            .allowMembers("org.kie.api.runtime.rule.FactHandle")
            .allowMembers("org.kie.api.runtime.rule.RuleContext", "getKieRuntime")
            .allowMembers("org.kie.api.runtime.KieRuntime", "getSessionClock")
            .allowMembers("org.kie.api.time.SessionClock", "getCurrentTime")
            .build();
    handoff =
        registry.compile(
            RuleSet.builder("lead-handoff", "1").classpath("rules/lead-handoff.drl").build());
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  @Test
  void should_record_labels_in_firing_order_and_write_through_the_builder() {
    // given a hot pricing view in nurture: two rules match, salience 70 before 60
    DroolsEvaluator evaluator = DroolsEvaluator.of(handoff);
    Signal pricing = signal("s1", SignalTypes.PRICING_PAGE_VIEWED, Map.of("intentScore", 90));
    // when
    Decision decision = evaluator.evaluate(nurture(CONTACT), pricing, NOW);
    // then
    assertThat(decision.rulesFired())
        .containsExactly("pricing interest counted", "hot pricing interest hands over");
    assertThat(decision.stateAfter()).isEqualTo(JourneyModel.SALES_ENGAGED);
    assertThat(decision.counterDeltas()).containsEntry("pricing_views", 1L);
    assertThat(decision.ruleSet()).isEqualTo(handoff.ref());
    assertThat(decision.ruleSet().hash().orElseThrow()).hasSize(64);
  }

  @Test
  void should_expose_labels_and_written_properties() {
    // when / then
    assertThat(handoff.rules()).hasSize(9);
    assertThat(handoff.writers())
        .containsEntry("owner", java.util.List.of("demo request qualifies"))
        .containsEntry("lifecycle_stage", java.util.List.of("meeting booked opens opportunity"));
    assertThat(handoff.writtenProperties()).containsExactly("lifecycle_stage", "owner");
  }

  @Test
  void should_leave_no_facts_agenda_or_global_behind() {
    // given rules that insert a fact of their own and remember it
    String drl =
        header("p.leak")
            + "rule \"remember\" @label(\"remember\") salience 10\n"
            + "when JourneyFacts(signalType == \"FORM_SUBMITTED\") then insert(\"seen\"); end\n"
            + "rule \"seen before\" @label(\"seen before\")\n"
            + "when String(this == \"seen\") JourneyFacts() then decision.trace(\"leak\"); end\n"
            + "rule \"old facts\" @label(\"old facts\")\n"
            + "when $a : JourneyFacts() $b : JourneyFacts(this != $a) then decision.trace(\"leak\"); end\n";
    DroolsEvaluator evaluator =
        DroolsEvaluator.builder(Fixtures.compile(registry, "leak", "1", drl)).maxIdleSessions(1).build();
    SubjectRef other = SubjectRef.contact("2002");
    // when the same (pooled) session evaluates three signals in a row
    Decision first =
        evaluator.evaluate(nurture(CONTACT), signal("s1", SignalTypes.FORM_SUBMITTED, Map.of()), NOW);
    Decision second =
        evaluator.evaluate(nurture(other), signal(other, "s2", SignalTypes.INACTIVITY, Map.of()), NOW);
    Decision third =
        evaluator.evaluate(nurture(CONTACT), signal("s3", SignalTypes.FORM_SUBMITTED, Map.of()), NOW);
    // then each saw only its own facts
    assertThat(evaluator.sessionsCreated()).isEqualTo(1);
    assertThat(first.rulesFired()).containsExactly("remember", "seen before");
    assertThat(second.rulesFired()).isEmpty();
    assertThat(third.rulesFired()).containsExactly("remember", "seen before");
    assertThat(second.trace()).isEmpty();
    // and the idle session is empty: no facts, the global parked, the listener unbound
    assertThat(evaluator.idleSessionContents()).singleElement().isEqualTo(new long[] {0, 0, 0});
    assertThat(DroolsEvaluator.idleBuilder().build().rulesFired()).isEmpty();
    assertThat(DroolsEvaluator.idleBuilder().build().trace()).isEmpty();
  }

  @Test
  void should_stop_a_runaway_rule_and_name_it() {
    // given a rule that re-activates itself forever
    String drl =
        header("p.loop")
            + "rule \"spin\" @label(\"spins\")\n"
            + "when $f : JourneyFacts() then update($f); end\n";
    DroolsEvaluator evaluator =
        DroolsEvaluator.builder(Fixtures.compile(registry, "loop", "1", drl)).maxFirings(50).build();
    Signal form = signal("s1", SignalTypes.FORM_SUBMITTED, Map.of());
    // when
    RuleEvaluationException e =
        catchThrowableOfType(
            RuleEvaluationException.class, () -> evaluator.evaluate(nurture(CONTACT), form, NOW));
    // then
    assertThat(e.rule()).contains("spin");
    assertThat(e.ruleSet()).isEqualTo("loop@1");
    assertThat(e.getMessage())
        .isEqualTo(
            "rule set loop@1 fired more than 50 rules on signal s1; the last was 'spin', which"
                + " probably re-activates itself (update/modify/insert in its consequence)");
    // and the failed session was dropped, not pooled
    assertThat(evaluator.idleSessionContents()).isEmpty();
  }

  @Test
  void should_name_the_rule_whose_consequence_throws() {
    // given a rule passing a blank state to the builder
    String drl =
        header("p.boom")
            + "rule \"fine\" salience 10 when JourneyFacts() then decision.trace(\"ok\"); end\n"
            + "rule \"blank state\" when JourneyFacts() then decision.transitionTo(\" \"); end\n";
    DroolsEvaluator evaluator = DroolsEvaluator.of(Fixtures.compile(registry, "boom", "1", drl));
    // when / then
    assertThatThrownBy(
            () -> evaluator.evaluate(nurture(CONTACT), signal("s1", "X", Map.of()), NOW))
        .isInstanceOf(RuleEvaluationException.class)
        .hasMessageStartingWith("rule 'blank state' of rule set boom@1 failed on signal s1:")
        .hasMessageContaining("state must not be blank");
  }

  @Test
  void should_set_the_pseudo_clock_to_now() {
    // given a rule reading the session clock
    String drl =
        header("p.clock")
            + "rule \"clock\" when JourneyFacts() then"
            + " decision.trace(\"clock=\" + kcontext.getKieRuntime().getSessionClock().getCurrentTime());"
            + " end\n";
    DroolsEvaluator evaluator = DroolsEvaluator.of(Fixtures.compile(registry, "clock", "1", drl));
    JourneySnapshot snapshot = nurture(CONTACT);
    // when evaluated at two instants, the later one first
    Decision later =
        evaluator.evaluate(snapshot, signal("s1", "X", Map.of()), NOW.plusSeconds(3600));
    Decision earlier = evaluator.evaluate(snapshot, signal("s2", "X", Map.of()), NOW);
    // then
    assertThat(later.trace()).containsExactly("clock=" + NOW.plusSeconds(3600).toEpochMilli());
    assertThat(earlier.trace()).containsExactly("clock=" + NOW.toEpochMilli());
  }

  @Test
  void should_decide_the_same_on_several_threads() throws Exception {
    // given the decisions of one thread
    DroolsEvaluator evaluator = DroolsEvaluator.of(handoff);
    String[] types = {"DEMO_REQUESTED", "PRICING_PAGE_VIEWED", "INACTIVITY", "FORM_SUBMITTED"};
    java.util.List<Signal> signals = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      signals.add(signal("s" + i, types[i % types.length], Map.of("fitScore", i % 100, "intentScore", (i * 7) % 100)));
    }
    java.util.List<Decision> expected = new java.util.ArrayList<>();
    for (Signal s : signals) {
      expected.add(evaluator.evaluate(nurture(CONTACT), s, NOW));
    }
    // when four threads evaluate the same signals at once
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<java.util.List<Decision>>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  java.util.List<Decision> out = new java.util.ArrayList<>();
                  for (Signal s : signals) {
                    out.add(evaluator.evaluate(nurture(CONTACT), s, NOW));
                  }
                  return out;
                }));
      }
      // then every thread got the same decisions
      for (java.util.concurrent.Future<java.util.List<Decision>> f : futures) {
        assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(evaluator.idleSessionContents()).allSatisfy(c -> assertThat(c).containsOnly(0L));
  }

  @Test
  void should_validate_builder_settings() {
    // when / then
    assertThatThrownBy(() -> DroolsEvaluator.builder(handoff).maxFirings(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxFirings must be >= 1, but was 0");
    assertThatThrownBy(() -> DroolsEvaluator.builder(handoff).maxIdleSessions(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxIdleSessions must be between 0 and 4096, but was -1");
  }

  @Test
  void should_give_rules_typed_access_to_the_sla_step_of_a_timer_firing() {
    // given
    CompiledRuleSet rules =
        Fixtures.compile(
            registry,
            "sla-typed",
            "1",
            header("rules.sla")
                + "rule \"breach\" @label(\"breach\") when JourneyFacts(sla(\"first-touch\").breached()) then end\n"
                + "rule \"reminder\" @label(\"reminder\") when JourneyFacts(sla(\"first-touch\").reminder(),"
                + " sla(\"first-touch\").index() == 0) then end\n"
                + "rule \"other\" @label(\"other\") when JourneyFacts(sla(\"other\").fired()) then end\n");
    DroolsEvaluator evaluator = DroolsEvaluator.of(rules);
    Map<String, Object> step =
        Map.of(
            "timer", "sla:first-touch",
            dev.journey.core.sla.SlaStage.ATTR_POLICY, "first-touch",
            dev.journey.core.sla.SlaStage.ATTR_INDEX, "1",
            dev.journey.core.sla.SlaStage.ATTR_STARTED_AT, NOW.toString(),
            dev.journey.core.sla.SlaStage.ATTR_DUE_AT, NOW.toString(),
            dev.journey.core.sla.SlaStage.ATTR_OWNER, "o-1");
    Map<String, Object> breach = new java.util.HashMap<>(step);
    breach.put(dev.journey.core.sla.SlaStage.ATTR_STEP, dev.journey.core.sla.SlaStage.STEP_BREACH);
    Map<String, Object> reminder = new java.util.HashMap<>(step);
    reminder.put(dev.journey.core.sla.SlaStage.ATTR_STEP, dev.journey.core.sla.SlaStage.STEP_REMINDER);
    reminder.put(dev.journey.core.sla.SlaStage.ATTR_INDEX, "0");

    // when / then
    assertThat(evaluator.evaluate(nurture(CONTACT), signal("t1", SignalTypes.TIMER_FIRED, breach), NOW).rulesFired())
        .containsExactly("breach");
    assertThat(evaluator.evaluate(nurture(CONTACT), signal("t2", SignalTypes.TIMER_FIRED, reminder), NOW).rulesFired())
        .containsExactly("reminder");
    assertThat(evaluator.evaluate(nurture(CONTACT), signal("t3", SignalTypes.DEMO_REQUESTED, Map.of()), NOW).rulesFired())
        .isEmpty();
  }
}
