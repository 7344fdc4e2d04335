package dev.journey.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of the common mistakes, each reported in the author's words at the right place, with
 * Drools' own text kept after it.
 */
final class BrokenRulesTest {
  private static RuleSetRegistry registry;

  @BeforeAll
  static void open() {
    registry = RuleSetRegistry.ofDefaults();
  }

  @AfterAll
  static void close() {
    registry.close();
  }

  /**
   * One broken rule file (after the usual four-line header).
   *
   * @param drl the body
   * @param line where the problem must be reported
   * @param column its column
   * @param says what the message must say
   * @param keeps what of Drools' text must remain (empty when the problem is Journey's own)
   */
  record Broken(String name, String drl, int line, int column, String says, String keeps) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Broken> corpus() {
    return Stream.of(
        new Broken("unknown-fact-field",
            "rule \"r\"\nwhen\n  JourneyFacts(signalType == \"X\", industry == \"saas\")\nthen\nend\n",
            7, 35, "'industry' is not a JourneyFacts property", "for a signal attribute write attr(\"industry\")"),
        new Broken("missing-closing-parenthesis",
            "rule \"r\"\nwhen\n  JourneyFacts(signalType == \"X\", attr(\"a\") == \"b\"\nthen\n  decision.trace(\"x\");\nend\n",
            7, 15, "this '(' is never closed", "mismatched input"),
        new Broken("unknown-decision-method",
            "rule \"r\"\nwhen\n  JourneyFacts()\nthen\n  decision.transition(\"SALES_ENGAGED\");\nend\n",
            5, 1, "Builder has no method transition(String); it has", "is undefined for the type"),
        new Broken("unknown-variable",
            "rule \"r\"\nwhen\n  JourneyFacts()\nthen\n  $f.attr(\"a\");\nend\n",
            5, 1, "'$f' is not defined here", "cannot be resolved"),
        new Broken("unknown-global",
            "rule \"r\"\nwhen\n  JourneyFacts()\nthen\n  decisions.trace(\"a\");\nend\n",
            5, 1, "'decisions' is not defined here", "cannot be resolved"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void should_explain_a_common_mistake_where_it_is(Broken broken) {
    // given
    RuleSet rules =
        RuleSet.builder("broken", broken.name())
            .drl(broken.name() + ".drl", Fixtures.header("broken." + broken.name().replace('-', '_')) + broken.drl())
            .build();
    // when
    RuleCompilationException e = catchThrowableOfType(RuleCompilationException.class, () -> registry.compile(rules));
    // then
    assertThat(e).isNotNull();
    assertThat(e.problems())
        .as(e.getMessage())
        .anySatisfy(
            p -> {
              assertThat(p.source()).isEqualTo(broken.name() + ".drl");
              assertThat(p.line()).isEqualTo(broken.line());
              assertThat(p.column()).isEqualTo(broken.column());
              assertThat(p.message()).contains(broken.says()).contains(broken.keeps());
            });
  }
}
