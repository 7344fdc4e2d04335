package dev.journey.core.rollout;

import dev.journey.core.Signal;
import dev.journey.core.action.Action;
import dev.journey.core.decision.Decision;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a candidate alongside the live evaluator and returns <em>only the live decision</em>,
 * annotated with how the candidate's decision differs. Nothing the candidate decides is ever
 * applied or executed: its decision is compared and dropped, and a candidate failure is recorded,
 * never thrown.
 *
 * <p>Annotations on the live decision (stored with it in the audit):
 *
 * <ul>
 *   <li>{@code shadow.ruleSet}: the candidate's rule set ({@code name@version#hash});
 *   <li>{@code shadow.diff}: {@code none}, or {@code ; }-separated differences in state, rules
 *       fired, actions (compared without their ids, which depend on the rule set version), timer
 *       commands, capability requests and counters;
 *   <li>{@code shadow.error}: the candidate's failure, when it threw.
 * </ul>
 *
 * <p>Thread-safe if both evaluators are.
 *
 * <pre>{@code
 * JourneyEvaluator evaluator = ShadowEvaluator.of(live, candidate);
 * }</pre>
 */
public final class ShadowEvaluator implements JourneyEvaluator {
  /** Annotation naming the candidate rule set. */
  public static final String RULE_SET = "shadow.ruleSet";
  /** Annotation with the differences, or {@code none}. */
  public static final String DIFF = "shadow.diff";
  /** Annotation with the candidate's failure. */
  public static final String ERROR = "shadow.error";

  private static final Logger LOG = LoggerFactory.getLogger(ShadowEvaluator.class);

  private final JourneyEvaluator live;
  private final JourneyEvaluator candidate;

  private ShadowEvaluator(JourneyEvaluator live, JourneyEvaluator candidate) {
    this.live = live;
    this.candidate = candidate;
  }

  /** Shadows {@code live} with {@code candidate}. */
  public static ShadowEvaluator of(JourneyEvaluator live, JourneyEvaluator candidate) {
    return new ShadowEvaluator(
        Objects.requireNonNull(live, "live"), Objects.requireNonNull(candidate, "candidate"));
  }

  /** The sources of every rule set it evaluates with. */
  @Override
  public java.util.List<dev.journey.core.spi.RuleSetSources> sources() {
    java.util.List<dev.journey.core.spi.RuleSetSources> all = new java.util.ArrayList<>(live.sources());
    all.addAll(candidate.sources());
    return java.util.List.copyOf(all);
  }

  @Override
  public Decision evaluate(JourneySnapshot snapshot, Signal signal, Instant now) {
    Decision decided = live.evaluate(snapshot, signal, now);
    Decision shadow;
    try {
      shadow = candidate.evaluate(snapshot, signal, now);
    } catch (RuntimeException e) {
      LOG.debug("shadow candidate failed on signal {}", signal.id(), e);
      return decided
          .withAnnotation(RULE_SET, String.valueOf(candidate))
          .withAnnotation(ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    return decided
        .withAnnotation(RULE_SET, shadow.ruleSet().toString())
        .withAnnotation(DIFF, diff(decided, shadow));
  }

  /** The differences between two decisions for the same input, or {@code none}. */
  static String diff(Decision live, Decision candidate) {
    List<String> parts = new ArrayList<>();
    if (!live.stateAfter().equals(candidate.stateAfter())) {
      parts.add("stateAfter " + live.stateAfter() + " vs " + candidate.stateAfter());
    }
    if (!live.rulesFired().equals(candidate.rulesFired())) {
      parts.add("rulesFired " + live.rulesFired() + " vs " + candidate.rulesFired());
    }
    if (!withoutIds(live.actions()).equals(withoutIds(candidate.actions()))) {
      parts.add("actions " + kinds(live.actions()) + " vs " + kinds(candidate.actions()));
    }
    if (!live.timerCommands().equals(candidate.timerCommands())) {
      parts.add("timerCommands " + live.timerCommands() + " vs " + candidate.timerCommands());
    }
    if (!withoutOrdinals(live).equals(withoutOrdinals(candidate))) {
      parts.add("requests " + withoutOrdinals(live) + " vs " + withoutOrdinals(candidate));
    }
    if (!live.counterDeltas().equals(candidate.counterDeltas())) {
      parts.add("counterDeltas " + live.counterDeltas() + " vs " + candidate.counterDeltas());
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }

  private static List<String> withoutIds(List<Action> actions) {
    return actions.stream().map(a -> a.toString().replace(a.id(), "")).collect(Collectors.toList());
  }

  private static List<String> kinds(List<Action> actions) {
    return actions.stream().map(a -> a.kind().name()).collect(Collectors.toList());
  }

  private static List<String> withoutOrdinals(Decision decision) {
    return decision.requests().stream()
        .map(r -> r.capability() + ":" + r.name() + r.params())
        .collect(Collectors.toList());
  }
}
