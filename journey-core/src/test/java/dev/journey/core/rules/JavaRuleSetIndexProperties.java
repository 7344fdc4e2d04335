package dev.journey.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A rule set whose rules declare signal types decides exactly as the linear scan of the same rules
 * with the type tested first in each condition (the reference model), on random rule sets and
 * signals: the same rules fire, in the same order, with the same effects.
 */
final class JavaRuleSetIndexProperties {
  private static final Instant T = Instant.parse("2026-03-02T09:15:00Z");
  private static final List<String> TYPES = List.of("A", "B", "C", "D");

  /** A generated rule: the types it declares (empty: any), the fit threshold, its effect. */
  record Spec(Set<String> types, int fitAtLeast, int effect) {}

  @Provide
  Arbitrary<List<Spec>> ruleSets() {
    Arbitrary<Set<String>> types =
        Arbitraries.oneOf(
            Arbitraries.just(Set.<String>of()),
            Arbitraries.of(TYPES).set().ofMinSize(1).ofMaxSize(3));
    Arbitrary<Spec> spec =
        Combinators.combine(types, Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 2))
            .as(Spec::new);
    return spec.list().ofMaxSize(24);
  }

  @Provide
  Arbitrary<List<Signal>> signals() {
    Arbitrary<Signal> signal =
        Combinators.combine(
                Arbitraries.of("A", "B", "C", "D", "E"), Arbitraries.integers().between(0, 100))
            .as(
                (type, fit) ->
                    new Signal("s-" + type + fit, SubjectRef.contact("1"), type, T, "test",
                        Map.of("fitScore", fit)));
    return signal.list().ofMinSize(1).ofMaxSize(8);
  }

  private static JavaRuleSet indexed(List<Spec> specs) {
    JavaRuleSet.Builder builder = JavaRuleSet.builder("rules", "1");
    for (int i = 0; i < specs.size(); i++) {
      Spec spec = specs.get(i);
      if (spec.types().isEmpty()) {
        builder.rule("r" + i, f -> fit(f) >= spec.fitAtLeast(), effect(i, spec));
      } else {
        builder.rule("r" + i, spec.types(), f -> fit(f) >= spec.fitAtLeast(), effect(i, spec));
      }
    }
    return builder.build();
  }

  private static JavaRuleSet linear(List<Spec> specs) {
    JavaRuleSet.Builder builder = JavaRuleSet.builder("rules", "1");
    for (int i = 0; i < specs.size(); i++) {
      Spec spec = specs.get(i);
      builder.rule(
          "r" + i,
          f -> (spec.types().isEmpty() || spec.types().contains(f.signal().type()))
              && fit(f) >= spec.fitAtLeast(),
          effect(i, spec));
    }
    return builder.build();
  }

  private static long fit(JavaRuleSet.Facts f) {
    return f.signal().longAttribute("fitScore").orElse(0L);
  }

  private static java.util.function.BiConsumer<JavaRuleSet.Facts, Decision.Builder> effect(int i, Spec spec) {
    return switch (spec.effect()) {
      case 0 -> (f, d) -> d.increment("c" + i, 1L);
      case 1 -> (f, d) -> d.createTask("Task " + i, "test", f.now().plusSeconds(60L * i));
      default -> (f, d) -> d.setProperty("p" + (i % 3), "v" + i);
    };
  }

  @Property
  void should_decide_exactly_as_the_linear_scan_when_rules_declare_signal_types(
      @ForAll("ruleSets") List<Spec> specs, @ForAll("signals") List<Signal> signals) {
    // given
    JavaRuleSet indexed = indexed(specs);
    JavaRuleSet linear = linear(specs);
    JourneySnapshot snapshot = JourneySnapshot.initial(SubjectRef.contact("1"), "NURTURE", T);
    for (Signal signal : signals) {
      // when
      Decision fast = indexed.evaluate(snapshot, signal, T);
      Decision reference = linear.evaluate(snapshot, signal, T);
      // then
      assertThat(fast).isEqualTo(reference);
    }
  }

  @Example
  void should_fire_typed_and_untyped_rules_in_declaration_order_when_both_match() {
    // given
    JavaRuleSet rules =
        JavaRuleSet.builder("rules", "1")
            .rule("any first", f -> true, (f, d) -> { })
            .rule("b only", Set.of("B"), f -> true, (f, d) -> { })
            .rule("a only", Set.of("A"), f -> true, (f, d) -> { })
            .rule("any last", f -> true, (f, d) -> { })
            .build();
    JourneySnapshot snapshot = JourneySnapshot.initial(SubjectRef.contact("1"), "NURTURE", T);
    Signal a = new Signal("s-1", SubjectRef.contact("1"), "A", T, "test", Map.of());
    Signal other = new Signal("s-2", SubjectRef.contact("1"), "Z", T, "test", Map.of());
    // when
    List<String> firedOnA = rules.evaluate(snapshot, a, T).rulesFired();
    List<String> firedOnOther = rules.evaluate(snapshot, other, T).rulesFired();
    // then
    assertThat(firedOnA).containsExactly("any first", "a only", "any last");
    assertThat(firedOnOther).containsExactly("any first", "any last");
    assertThat(rules.labels()).containsExactly("any first", "b only", "a only", "any last");
  }

  @Example
  void should_reject_a_rule_when_it_declares_no_or_a_blank_signal_type() {
    // given
    JavaRuleSet.Builder builder = JavaRuleSet.builder("rules", "1");
    // when / then
    assertThatThrownBy(() -> builder.rule("none", Set.of(), f -> true, (f, d) -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule 'none' declares no signal type");
    assertThatThrownBy(() -> builder.rule("blank", Set.of("A", " "), f -> true, (f, d) -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule 'blank' declares a blank signal type");
    assertThat(builder.build().labels()).isEmpty();
  }
}
