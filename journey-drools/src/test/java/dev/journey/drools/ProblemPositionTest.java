package dev.journey.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every load-time problem is reported in the file, and at the line, where it is. */
final class ProblemPositionTest {
  private static RuleSetRegistry registry;

  @BeforeAll
  static void open() {
    registry = RuleSetRegistry.ofDefaults();
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  private static RuleCompilationException failure(RuleSetRegistry on, RuleSet ruleSet) {
    return catchThrowableOfType(RuleCompilationException.class, () -> on.compile(ruleSet));
  }

  private static final String GOOD = Fixtures.header("p.good") + "rule \"good\" when JourneyFacts() then end\n";

  @ParameterizedTest
  @ValueSource(strings = {"2147483648", "-2147483649", "\"high\"", "high", "1.5", "($f.fitScore)"})
  void should_reject_a_salience_that_is_not_an_int_literal_at_its_line(String salience) {
    // given
    String drl = Fixtures.header("p.salience") + "rule \"s\"\n  salience " + salience + "\nwhen\n  $f : JourneyFacts()\nthen\nend\n";
    // when
    RuleCompilationException e =
        failure(registry, RuleSet.builder("salience", "1").drl("s.drl", drl).build());
    // then
    assertThat(e).as("salience %s", salience).isNotNull();
    assertThat(e.problems())
        .anySatisfy(
            p -> {
              assertThat(p.source()).isEqualTo("s.drl");
              assertThat(p.line()).isEqualTo(6);
              assertThat(p.message())
                  .startsWith("salience must be an integer literal from -2147483648 to 2147483647, but was");
            });
  }

  @Test
  void should_accept_the_extreme_int_saliences() {
    // given
    String drl =
        Fixtures.header("p.extremes")
            + "rule \"max\" salience 2147483647 when JourneyFacts() then decision.trace(\"max\"); end\n"
            + "rule \"min\" salience -2147483648 when JourneyFacts() then decision.trace(\"min\"); end\n";
    // when
    CompiledRuleSet rules = registry.compile(RuleSet.builder("extremes", "1").drl("e.drl", drl).build());
    // then: max fires first
    assertThat(
            DroolsEvaluator.of(rules)
                .evaluate(Fixtures.nurture(Fixtures.CONTACT), Fixtures.signal("s", "X", java.util.Map.of()), Fixtures.NOW)
                .rulesFired())
        .containsExactly("max", "min");
  }

  @Test
  void should_report_a_wrong_global_type_at_its_declaration_in_its_own_file() {
    // given the bad global in the second of two files
    String bad =
        "package p.bad;\nimport dev.journey.drools.JourneyFacts;\n\nglobal java.util.List decision;\n"
            + "rule \"b\" when JourneyFacts() then end\n";
    RuleSet ruleSet = RuleSet.builder("globals", "1").drl("a.drl", GOOD).drl("b.drl", bad).build();
    // when
    RuleCompilationException e = failure(registry, ruleSet);
    // then
    assertThat(e.problems())
        .extracting(RuleProblem::format)
        .contains(
            "b.drl:4:1: global 'decision' must be of type Decision.Builder"
                + " (dev.journey.core.decision.Decision.Builder), but was java.util.List");
  }

  @Test
  void should_report_a_duplicate_rule_name_at_the_second_definition_naming_the_first() {
    // given the same rule name in two files of one package
    String first = Fixtures.header("p.dup") + "rule \"same\" when JourneyFacts() then end\n";
    String second = Fixtures.header("p.dup") + "\n\nrule \"same\" when JourneyFacts() then end\n";
    RuleSet ruleSet = RuleSet.builder("dup", "1").drl("a.drl", first).drl("b.drl", second).build();
    // when
    RuleCompilationException e = failure(registry, ruleSet);
    // then
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.source()).isEqualTo("b.drl");
              assertThat(p.line()).isEqualTo(7);
              assertThat(p.message()).contains("rule \"same\" is already defined at a.drl:5 in package p.dup");
            });
  }

  @Test
  void should_place_an_executable_model_compile_error_at_its_drl_line() {
    // given a consequence passing an int where a state name is expected, on line 12
    RuleSet ruleSet = RuleSet.builder("bad", "type-error").classpath("drl/type-error.drl").build();
    // when
    RuleCompilationException e;
    try (RuleSetRegistry exec = RuleSetRegistry.of(BuildPath.EXECUTABLE_MODEL)) {
      e = failure(exec, ruleSet);
    }
    // then
    assertThat(e.problems())
        .as(e.getMessage())
        .allSatisfy(
            p -> {
              assertThat(p.source()).isEqualTo("type-error.drl");
              assertThat(p.line()).isEqualTo(12);
              assertThat(p.column()).isEqualTo(3);
              assertThat(p.message()).contains("transitionTo(String)");
            });
  }
}
