package dev.journey.core.spi;

import dev.journey.core.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the decision stages of one decision read besides the snapshot, the signal and the instant
 * (which the {@link AuditRecord} holds itself): the shared state they read (round-robin pointers,
 * owner capacity counters) as it was before the decision wrote it, and the facts they noted about
 * inputs that live outside the store, such as the availability of each owner routing considered,
 * a pool's members and weights, or the fingerprint of the calendar an SLA computed with.
 *
 * <p>Shared state is enough to recompute: a reproduction feeds it back to the stages. Facts are
 * enough to compare: a reproduction notes them again from the current wiring and reports the first
 * one that differs (an owner who was available and is now out of office, a calendar with another
 * holiday).
 *
 * <p>The stages' first input is the evaluator's decision: when a stage changed it (routing turned
 * a request into an owner, a guardrail dropped an action or counted it, an SLA added its timer),
 * {@code evaluated} keeps it as the parts the stages changed with the evaluator's values ({@link
 * EvaluatorOutput}), so that a reproduction can tell an evaluator difference from a stage
 * difference; {@link #evaluatedOr} gives the whole decision back. When the stages passed it on
 * unchanged it is empty, and the audited decision is the evaluator's.
 *
 * @param shared the shared state read, one per key, as read (sorted by key)
 * @param facts the facts noted, by name (e.g. {@code owner.o-7} = {@code available})
 * @param evaluated the evaluator's decision before the stages, as what they changed, when they
 *     changed it; empty when they did not (or there were none), and in records written before it
 *     was recorded (a {@code null} reads as empty)
 */
public record StageInputs(List<SharedState> shared, Map<String, String> facts, Optional<EvaluatorOutput> evaluated) {
  /** No stage input: a decision without stages, or one audited before inputs were recorded. */
  public static final StageInputs NONE = new StageInputs(List.of(), Map.of());

  /**
   * Validates and copies (sorted by key, so that equal inputs print and serialize alike).
   *
   * @throws IllegalArgumentException when two shared states have the same key
   */
  public StageInputs {
    evaluated = evaluated == null ? Optional.empty() : evaluated;
    Objects.requireNonNull(shared, "shared");
    Objects.requireNonNull(facts, "facts");
    List<SharedState> sorted = new ArrayList<>(shared.size());
    for (SharedState state : shared) {
      sorted.add(Objects.requireNonNull(state, "shared state"));
    }
    sorted.sort(Comparator.comparing(SharedState::key));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).key().equals(sorted.get(i - 1).key())) {
        throw new IllegalArgumentException(
            "shared state must be read once per key, but '" + sorted.get(i).key() + "' was given twice");
      }
    }
    TreeMap<String, String> factCopy = new TreeMap<>();
    for (Map.Entry<String, String> e : facts.entrySet()) {
      factCopy.put(Checks.notBlank(e.getKey(), "fact name"), Objects.requireNonNull(e.getValue(), "fact value"));
    }
    shared = List.copyOf(sorted);
    facts = Collections.unmodifiableMap(factCopy);
  }

  /** Shared state and facts, the evaluator's decision not kept. */
  public StageInputs(List<SharedState> shared, Map<String, String> facts) {
    this(shared, facts, Optional.empty());
  }

  /**
   * These inputs with the evaluator's decision kept (as what the stages changed) when it differs
   * from the one decided (the audited decision), else without it.
   */
  public StageInputs withEvaluated(dev.journey.core.decision.Decision raw, dev.journey.core.decision.Decision decided) {
    Optional<EvaluatorOutput> kept = EvaluatorOutput.of(raw, decided);
    return kept.equals(evaluated) ? this : new StageInputs(shared, facts, kept);
  }

  /** The evaluator's decision: the one kept applied to {@code decided}, else {@code decided} itself. */
  public dev.journey.core.decision.Decision evaluatedOr(dev.journey.core.decision.Decision decided) {
    Objects.requireNonNull(decided, "decided");
    return evaluated.map(e -> e.apply(decided)).orElse(decided);
  }

  /** The shared state read under {@code key}, if it was read. */
  public Optional<SharedState> read(String key) {
    Objects.requireNonNull(key, "key");
    for (SharedState state : shared) {
      if (state.key().equals(key)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }

  /** The keys and fact names only (values may be tied to people, e.g. an owner's absence). */
  @Override
  public String toString() {
    List<String> keys = new ArrayList<>();
    shared.forEach(s -> keys.add(s.key()));
    return "StageInputs[shared=" + keys + ", facts=" + facts.keySet() + (evaluated.isPresent() ? ", evaluated=" + evaluated.get().changed() : "") + "]";
  }
}
