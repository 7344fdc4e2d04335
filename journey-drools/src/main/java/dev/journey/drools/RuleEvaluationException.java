package dev.journey.drools;

import dev.journey.core.JourneyException;
import java.util.Optional;

/**
 * Evaluating a rule set failed: a rule's consequence threw, or the rules fired more often than
 * the firing limit allows (usually a rule that re-activates itself). The message and {@link
 * #rule()} name the rule; the evaluation produced no decision.
 */
public final class RuleEvaluationException extends JourneyException {
  private static final long serialVersionUID = 1L;

  private final String ruleSet;
  private final String rule;

  RuleEvaluationException(String ruleSet, String rule, String message, Throwable cause) {
    super(message, cause);
    this.ruleSet = ruleSet;
    this.rule = rule;
  }

  /** The rule set, as {@code name@version}. */
  public String ruleSet() {
    return ruleSet;
  }

  /** The name of the rule at fault, when known. */
  public Optional<String> rule() {
    return Optional.ofNullable(rule);
  }
}
