package dev.journey.drools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.drools.DrlSource;
import dev.journey.drools.RuleProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class DrlLintTest {

  private static List<RuleProblem> lint(String text) {
    return DrlLint.lint(new DrlSource("r.drl", text));
  }

  @Test
  void should_accept_allowed_imports_and_plain_rules() {
    // given
    String drl =
        "package p;\n"
            + "import dev.journey.drools.JourneyFacts;\n"
            + "import java.time.Duration;\n"
            + "import java.util.List;\n"
            + "import static java.util.Objects.requireNonNull;\n"
            + "rule \"r\" when JourneyFacts() then end\n";
    // when / then
    assertThat(lint(drl)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "import java.io.File;|1|8|import java.io.File is not allowed",
        "import org.kie.api.runtime.KieSession;|1|8|import org.kie.api.runtime.KieSession is not allowed",
        "import static java.lang.Math.max;|1|15|import java.lang.Math.max is not allowed",
        "import function java.lang.System.exit;|1|8|import function is not allowed",
        "rule r when then System.exit(1); end|1|18|references System",
        "rule r when then java.lang.Runtime.getRuntime(); end|1|18|references java.lang.Runtime",
        "rule r when then new Thread(); end|1|22|references Thread",
        "rule r when then Class.forName(\"x\"); end|1|18|uses reflection (Class.forName)",
        "rule r when then decision.getClass(); end|1|27|uses reflection (getClass(",
        "rule r when then java.nio.file.Files.delete(null); end|1|18|references java.nio",
        "rule r when then new java.net.Socket(); end|1|22|references java.net",
        "rule r when then HttpClient.newHttpClient(); end|1|18|references HttpClient",
        "rule r when eval(true) then end|1|13|uses eval(...)",
        "function int twice(int x) { return 2 * x; }|1|1|declares a function block",
      })
  void should_reject_with_line_and_column(String drl, int line, int column, String message) {
    // when
    List<RuleProblem> problems = lint(drl);
    // then
    assertThat(problems).isNotEmpty();
    assertThat(problems.get(0).line()).isEqualTo(line);
    assertThat(problems.get(0).column()).isEqualTo(column);
    assertThat(problems.get(0).message()).contains(message);
    assertThat(problems.get(0).level()).isEqualTo(RuleProblem.Level.ERROR);
  }

  @Test
  void should_ignore_comments_and_string_literals() {
    // given forbidden words only inside comments and strings
    String drl =
        "// System.exit is mentioned here\n"
            + "/* eval( Thread\n function */\n"
            + "rule \"System Thread eval( function\"\n"
            + "  @label(\"uses java.io.File\")\n"
            + "when then decision.trace('Runtime'); end\n";
    // when / then
    assertThat(lint(drl)).isEmpty();
  }

  @Test
  void should_report_the_line_of_each_problem() {
    // given
    String drl = "package p;\n\nrule r\nwhen\nthen\n  System.out.println(1);\n  Thread.sleep(1);\nend\n";
    // when
    List<RuleProblem> problems = lint(drl);
    // then
    assertThat(problems).extracting(RuleProblem::line).containsExactly(6, 7);
    assertThat(problems).extracting(RuleProblem::column).containsExactly(3, 3);
  }
}
