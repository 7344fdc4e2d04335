package dev.journey.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine's shortcuts against the slow paths they skip: the rule-set key remembered from the
 * last look-up against a plain map of {@link RuleSetRef#key()}, and an ensemble journey's audited
 * stage inputs when its decision is the evaluator's own against {@link
 * StageInputs#withEvaluated}.
 */
final class ShortcutProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef LEAD = SubjectRef.contact("1");

  @Provide
  Arbitrary<List<Integer>> lookups() {
    // indexes into four rule sets, each present as two equal but distinct instances
    return Arbitraries.integers().between(0, 7).list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 300)
  void should_give_each_rule_set_its_key_in_one_shared_optional_whatever_the_order_of_lookups(
      @ForAll("lookups") List<Integer> order) {
    // given: equal refs as distinct objects, so the identity shortcut sees both kinds of hit
    RuleSetRef[] refs = new RuleSetRef[8];
    for (int i = 0; i < refs.length; i++) {
      refs[i] = RuleSetRef.of("shortcut-" + (i % 4), "v" + (i % 4));
    }
    Map<RuleSetRef, String> reference = new HashMap<>();
    Map<RuleSetRef, Optional<String>> seen = new HashMap<>();

    for (int index : order) {
      RuleSetRef ref = refs[index];
      // when
      Optional<String> key = Reduction.keyed(ref);

      // then: the key the record makes, and the same Optional for every equal ref
      assertThat(key).contains(reference.computeIfAbsent(ref, RuleSetRef::key));
      assertThat(Reduction.key(ref)).isEqualTo(ref.key());
      Optional<String> earlier = seen.putIfAbsent(ref, key);
      if (earlier != null) {
        assertThat(key).isSameAs(earlier);
      }
    }
  }

  @Provide
  Arbitrary<Decision> decisions() {
    JourneySnapshot before = JourneySnapshot.initial(LEAD, "NEW", T0);
    return Arbitraries.integers().between(0, 31).map(parts -> {
      Signal signal = new Signal("s-" + parts, LEAD, "FORM_SUBMITTED", T0, "test", Map.of());
      Decision.Builder d = Decision.builder(before, signal, T0, RuleSetRef.of("shortcut", "1"));
      if ((parts & 1) != 0) {
        d.fired("a rule").transitionTo("ENGAGED");
      }
      if ((parts & 2) != 0) {
        d.createTask("Call", "a form", T0.plusSeconds(60));
      }
      if ((parts & 4) != 0) {
        d.increment("forms", 1);
      }
      if ((parts & 8) != 0) {
        d.startTimer("follow-up", T0.plusSeconds(3600));
      }
      if ((parts & 16) != 0) {
        d.trace("a line").annotate("why", "because");
      }
      return d.build();
    });
  }

  @Provide
  Arbitrary<StageInputs> inputs() {
    return Arbitraries.of(
        StageInputs.NONE,
        new StageInputs(List.of(new SharedState("owners", 3, Map.of("alice", 2L))), Map.of()),
        new StageInputs(List.of(), Map.of("absent", "alice")));
  }

  @Property(tries = 300)
  void should_keep_the_inputs_as_they_are_when_the_audited_decision_is_the_evaluators_own(
      @ForAll("decisions") Decision decision, @ForAll("inputs") StageInputs inputs) {
    // when: the slow path the ensemble's shortcut skips
    StageInputs audited = inputs.withEvaluated(decision, decision);

    // then: the very inputs, which is what the shortcut returns
    assertThat(audited).isSameAs(inputs);
    assertThat(audited.evaluated()).isEmpty();
  }

  @Property(tries = 100)
  void should_record_the_evaluators_decision_when_a_stage_changed_it(
      @ForAll("decisions") Decision decision, @ForAll("inputs") StageInputs inputs) {
    // given: what a stage makes of the decision
    Decision changed = decision.withTrace("a stage was here");

    // when
    StageInputs audited = inputs.withEvaluated(decision, changed);

    // then: the shortcut must not apply here, and the slow path keeps the evaluator's output
    assertThat(changed).isNotSameAs(decision);
    assertThat(audited.evaluated()).isPresent();
    assertThat(audited.evaluatedOr(changed)).isEqualTo(decision);
  }
}
