package dev.journey.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.journey.core.JourneyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class RuleCompilationExceptionTest {
  private static RuleSetRegistry registry;

  @BeforeAll
  static void registry() {
    registry = RuleSetRegistry.ofDefaults();
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  private static RuleCompilationException compileFailure(String file) {
    RuleSet ruleSet = RuleSet.builder("bad", file).classpath("drl/" + file + ".drl").build();
    return catchThrowableOfType(RuleCompilationException.class, () -> registry.compile(ruleSet));
  }

  @Test
  void should_name_file_and_line_of_a_syntax_error() {
    // given a rule whose pattern misses its closing parenthesis on line 10
    // when
    RuleCompilationException e = compileFailure("syntax-error");
    // then at the '(' never closed, with where the parser noticed it ('then' on line 11)
    assertThat(e).isInstanceOf(JourneyException.class);
    assertThat(e.ruleSet()).isEqualTo("bad@syntax-error");
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.level()).isEqualTo(RuleProblem.Level.ERROR);
              assertThat(p.source()).isEqualTo("syntax-error.drl");
              assertThat(p.line()).isEqualTo(10);
              assertThat(p.column()).isEqualTo(15);
              assertThat(p.message())
                  .startsWith("this '(' is never closed; Drools noticed at 11:1: ")
                  .contains("mismatched input 'then'");
            });
    assertThat(e.getMessage()).contains("syntax-error.drl:10:15:");
  }

  @Test
  void should_name_file_and_rule_line_of_a_type_error() {
    // given a consequence passing an int where a state name is expected, in the rule on line 8
    // when
    RuleCompilationException e = compileFailure("type-error");
    // then
    assertThat(e.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.source()).isEqualTo("type-error.drl");
              assertThat(p.line()).isEqualTo(8);
              assertThat(p.message()).contains("transitionTo(String)").contains("(int)");
            });
  }

  @Test
  void should_name_file_line_and_column_of_a_forbidden_import() {
    // given an import of java.io.File on line 4, used on line 13
    // when
    RuleCompilationException e = compileFailure("forbidden-import");
    // then the import, and what the compiled consequence references
    assertThat(e.problems())
        .extracting(RuleProblem::format)
        .containsExactlyInAnyOrder(
            "forbidden-import.drl:4:8: import java.io.File is not allowed by the rule sandbox (docs/rules.md"
                + " lists what rules may use)",
            "forbidden-import.drl:13:35: rule \"reads a file\" constructs java.io.File, which the rule sandbox"
                + " does not allow",
            "forbidden-import.drl:13:35: rule \"reads a file\" uses type java.io.File, which the rule sandbox"
                + " does not allow",
            "forbidden-import.drl:13:55: rule \"reads a file\" calls java.io.File.exists(), which the rule"
                + " sandbox does not allow");
  }

  @Test
  void should_report_problems_of_every_source() {
    // given two sources, each with a problem
    RuleSet ruleSet =
        RuleSet.builder("two", "1")
            .drl("a.drl", Fixtures.header("p.a") + "rule \"a\" when eval(java.lang.Runtime.getRuntime() != null) then end\n")
            .drl("b/c.drl", Fixtures.header("p.b") + "rule \"b\" when JourneyFacts(nope == 1) then end\n")
            .build();
    // when
    RuleCompilationException e =
        catchThrowableOfType(RuleCompilationException.class, () -> registry.compile(ruleSet));
    // then
    assertThat(e.problems()).extracting(RuleProblem::source).contains("a.drl", "b/c.drl");
    assertThat(e.problems())
        .filteredOn(p -> p.source().equals("a.drl"))
        .extracting(RuleProblem::line)
        .contains(5);
  }
}
