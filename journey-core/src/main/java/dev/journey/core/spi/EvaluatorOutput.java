package dev.journey.core.spi;

import dev.journey.core.action.Action;
import dev.journey.core.decision.CapabilityRequest;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import dev.journey.core.decision.TimerCommand;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The evaluator's decision before the stages, kept compactly: as the parts the stages changed
 * ({@code changed}), each with the evaluator's value; the other parts hold no value (empty, or
 * {@code ""} for the state) and are the decided decision's. {@link #of} makes it from the two
 * decisions, {@link #apply} gives the evaluator's decision back from the decided one. The
 * stages never change what a decision is about (subject, signal, rule set, instant, state
 * before): those are always the decided one's.
 *
 * @param changed the parts the stages changed
 * @param stateAfter the evaluator's state after, when {@link Part#STATE_AFTER} changed, else {@code ""}
 * @param rulesFired the evaluator's rules fired, when {@link Part#RULES_FIRED} changed, else empty
 * @param actions the evaluator's actions, when {@link Part#ACTIONS} changed, else empty
 * @param actionOrdinals their ordinals, when {@link Part#ACTIONS} changed, else empty
 * @param timerCommands the evaluator's timer commands, when {@link Part#TIMER_COMMANDS} changed
 * @param requests the evaluator's capability requests, when {@link Part#REQUESTS} changed
 * @param counterDeltas the evaluator's counter changes, when {@link Part#COUNTER_DELTAS} changed
 * @param dropped the evaluator's drops, when {@link Part#DROPPED} changed
 * @param trace the evaluator's trace, when {@link Part#TRACE} changed
 * @param annotations the evaluator's annotations, when {@link Part#ANNOTATIONS} changed
 */
public record EvaluatorOutput(
    Set<Part> changed,
    String stateAfter,
    List<String> rulesFired,
    List<Action> actions,
    List<Integer> actionOrdinals,
    List<TimerCommand> timerCommands,
    List<CapabilityRequest> requests,
    Map<String, Long> counterDeltas,
    List<DroppedAction> dropped,
    List<String> trace,
    Map<String, String> annotations) {

  /** A part of a decision the stages may change. */
  public enum Part {
    /** The state after. */
    STATE_AFTER,
    /** The rules that fired. */
    RULES_FIRED,
    /** The actions and their ordinals. */
    ACTIONS,
    /** The timer commands. */
    TIMER_COMMANDS,
    /** The capability requests (routing, SLAs). */
    REQUESTS,
    /** The counter changes. */
    COUNTER_DELTAS,
    /** The actions dropped. */
    DROPPED,
    /** The trace. */
    TRACE,
    /** The annotations. */
    ANNOTATIONS
  }

  /**
   * Validates and copies; a {@code null} reads as empty (a document leaves empty parts out), and
   * the value of a part that did not change is dropped.
   *
   * @throws IllegalArgumentException when no part changed
   */
  public EvaluatorOutput {
    changed = changed == null || changed.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(changed));
    stateAfter = stateAfter == null ? "" : stateAfter;
    rulesFired = rulesFired == null ? List.of() : List.copyOf(rulesFired);
    actions = actions == null ? List.of() : List.copyOf(actions);
    actionOrdinals = actionOrdinals == null ? List.of() : List.copyOf(actionOrdinals);
    timerCommands = timerCommands == null ? List.of() : List.copyOf(timerCommands);
    requests = requests == null ? List.of() : List.copyOf(requests);
    counterDeltas = counterDeltas == null || counterDeltas.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(counterDeltas));
    dropped = dropped == null ? List.of() : List.copyOf(dropped);
    trace = trace == null ? List.of() : List.copyOf(trace);
    annotations = annotations == null || annotations.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
    if (changed.isEmpty()) {
      throw new IllegalArgumentException("an evaluator output must name at least one part the stages changed, but named none");
    }
    // a part that did not change holds no value: the decided decision's is the evaluator's
    stateAfter = changed.contains(Part.STATE_AFTER) ? stateAfter : "";
    rulesFired = changed.contains(Part.RULES_FIRED) ? rulesFired : List.of();
    actions = changed.contains(Part.ACTIONS) ? actions : List.of();
    actionOrdinals = changed.contains(Part.ACTIONS) ? actionOrdinals : List.of();
    timerCommands = changed.contains(Part.TIMER_COMMANDS) ? timerCommands : List.of();
    requests = changed.contains(Part.REQUESTS) ? requests : List.of();
    counterDeltas = changed.contains(Part.COUNTER_DELTAS) ? counterDeltas : Map.of();
    dropped = changed.contains(Part.DROPPED) ? dropped : List.of();
    trace = changed.contains(Part.TRACE) ? trace : List.of();
    annotations = changed.contains(Part.ANNOTATIONS) ? annotations : Map.of();
  }

  /**
   * The evaluator's decision as a difference from the decided one; empty when they are equal in
   * every part the stages may change.
   */
  public static java.util.Optional<EvaluatorOutput> of(Decision evaluated, Decision decided) {
    Objects.requireNonNull(evaluated, "evaluated");
    Objects.requireNonNull(decided, "decided");
    Set<Part> changed = EnumSet.noneOf(Part.class);
    boolean state = !evaluated.stateAfter().equals(decided.stateAfter());
    boolean rules = !evaluated.rulesFired().equals(decided.rulesFired());
    boolean actions = !evaluated.actions().equals(decided.actions()) || !evaluated.actionOrdinals().equals(decided.actionOrdinals());
    boolean timers = !evaluated.timerCommands().equals(decided.timerCommands());
    boolean requests = !evaluated.requests().equals(decided.requests());
    boolean counters = !evaluated.counterDeltas().equals(decided.counterDeltas());
    boolean dropped = !evaluated.dropped().equals(decided.dropped());
    boolean trace = !evaluated.trace().equals(decided.trace());
    boolean annotations = !evaluated.annotations().equals(decided.annotations());
    add(changed, Part.STATE_AFTER, state);
    add(changed, Part.RULES_FIRED, rules);
    add(changed, Part.ACTIONS, actions);
    add(changed, Part.TIMER_COMMANDS, timers);
    add(changed, Part.REQUESTS, requests);
    add(changed, Part.COUNTER_DELTAS, counters);
    add(changed, Part.DROPPED, dropped);
    add(changed, Part.TRACE, trace);
    add(changed, Part.ANNOTATIONS, annotations);
    if (changed.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new EvaluatorOutput(
        changed,
        state ? evaluated.stateAfter() : "",
        rules ? evaluated.rulesFired() : List.of(),
        actions ? evaluated.actions() : List.of(),
        actions ? evaluated.actionOrdinals() : List.of(),
        timers ? evaluated.timerCommands() : List.of(),
        requests ? evaluated.requests() : List.of(),
        counters ? evaluated.counterDeltas() : Map.of(),
        dropped ? evaluated.dropped() : List.of(),
        trace ? evaluated.trace() : List.of(),
        annotations ? evaluated.annotations() : Map.of()));
  }

  private static void add(Set<Part> changed, Part part, boolean differs) {
    if (differs) {
      changed.add(part);
    }
  }

  /** The evaluator's decision: {@code decided} with the evaluator's value of every part that changed. */
  public Decision apply(Decision decided) {
    Objects.requireNonNull(decided, "decided");
    boolean a = changed.contains(Part.ACTIONS);
    return new Decision(
        decided.subject(),
        decided.signalId(),
        decided.signalType(),
        decided.ruleSet(),
        decided.evaluatedAt(),
        decided.stateBefore(),
        changed.contains(Part.STATE_AFTER) ? stateAfter : decided.stateAfter(),
        changed.contains(Part.RULES_FIRED) ? rulesFired : decided.rulesFired(),
        a ? actions : decided.actions(),
        changed.contains(Part.TIMER_COMMANDS) ? timerCommands : decided.timerCommands(),
        changed.contains(Part.REQUESTS) ? requests : decided.requests(),
        changed.contains(Part.COUNTER_DELTAS) ? counterDeltas : decided.counterDeltas(),
        changed.contains(Part.DROPPED) ? dropped : decided.dropped(),
        changed.contains(Part.TRACE) ? trace : decided.trace(),
        changed.contains(Part.ANNOTATIONS) ? annotations : decided.annotations(),
        a ? actionOrdinals : decided.actionOrdinals());
  }

  /** The parts that changed only: values may be personal data. */
  @Override
  public String toString() {
    return "EvaluatorOutput[changed=" + changed + "]";
  }
}
