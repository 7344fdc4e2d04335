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
 * @param shared the shared state read, one per key, as read (sorted by key)
 * @param facts the facts noted, by name (e.g. {@code owner.o-7} = {@code available})
 */
public record StageInputs(List<SharedState> shared, Map<String, String> facts) {
  /** No stage input: a decision without stages, or one audited before inputs were recorded. */
  public static final StageInputs NONE = new StageInputs(List.of(), Map.of());

  /**
   * Validates and copies (sorted by key, so that equal inputs print and serialize alike).
   *
   * @throws IllegalArgumentException when two shared states have the same key
   */
  public StageInputs {
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
    return "StageInputs[shared=" + keys + ", facts=" + facts.keySet() + "]";
  }
}
