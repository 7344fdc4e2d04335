package dev.journey.drools;

import dev.journey.core.JourneyException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A rule set failed the lint or did not compile. {@link #problems()} lists every problem found,
 * each with its source, line and column; the message lists them too.
 */
public final class RuleCompilationException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String ruleSet;
  private final transient List<RuleProblem> problems;

  RuleCompilationException(String ruleSet, List<RuleProblem> problems) {
    this(ruleSet, problems, null);
  }

  RuleCompilationException(String ruleSet, List<RuleProblem> problems, Throwable cause) {
    super(message(ruleSet, problems), cause);
    this.ruleSet = ruleSet;
    this.problems = List.copyOf(problems);
  }

  private static String message(String ruleSet, List<RuleProblem> problems) {
    return String.format(
        Locale.ROOT,
        "rule set %s has %d problem(s):%n%s",
        ruleSet,
        problems.size(),
        problems.stream().map(p -> "  " + p.format()).collect(Collectors.joining("\n")));
  }

  /** The rule set, as {@code name@version}. */
  public String ruleSet() {
    return ruleSet;
  }

  /** Every problem, errors first, then by source, line and column. */
  public List<RuleProblem> problems() {
    return problems;
  }
}
