package dev.journey.core.decision.internal;

import dev.journey.core.action.Action;
import dev.journey.core.decision.CapabilityRequest;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.DroppedAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Edits decision stages share: ordinal-ordered inserts, fresh ordinals, counter merges. Not API. */
public final class DecisionEdits {
  private DecisionEdits() {}

  /**
   * Inserts {@code action} (whose id is {@code decision.actionId(ordinal)}) among the actions so
   * that actions stay in ordinal order, i.e. in the order the rules asked for them.
   */
  public static Decision insert(Decision decision, int ordinal, Action action) {
    List<Action> actions = new ArrayList<>(decision.actions());
    List<Integer> ordinals = new ArrayList<>(decision.actionOrdinals());
    int index = actions.size();
    for (int i = 0; i < ordinals.size(); i++) {
      if (ordinals.get(i) > ordinal) {
        index = i;
        break;
      }
    }
    actions.add(index, action);
    ordinals.add(index, ordinal);
    return decision.withActions(actions, ordinals);
  }

  /**
   * The smallest ordinal whose action id is not used by an action, a dropped action or a
   * pending request of {@code decision}: deterministic for the same decision.
   */
  public static int freeOrdinal(Decision decision) {
    Set<String> used = new HashSet<>();
    for (DroppedAction dropped : decision.dropped()) {
      used.add(dropped.action().id());
    }
    Set<Integer> reserved = new HashSet<>(decision.actionOrdinals());
    for (CapabilityRequest request : decision.requests()) {
      reserved.add(request.ordinal());
    }
    int ordinal = 0;
    while (reserved.contains(ordinal) || (!used.isEmpty() && used.contains(decision.actionId(ordinal)))) {
      ordinal++;
    }
    return ordinal;
  }

  /** Appends {@code action} built with a fresh ordinal. */
  public static Decision append(Decision decision, java.util.function.Function<String, Action> factory) {
    int ordinal = freeOrdinal(decision);
    List<Action> actions = new ArrayList<>(decision.actions());
    actions.add(factory.apply(decision.actionId(ordinal)));
    List<Integer> ordinals = new ArrayList<>(decision.actionOrdinals());
    ordinals.add(ordinal);
    return decision.withActions(actions, ordinals);
  }

  /** Adds {@code deltas} to the decision's counter deltas. */
  public static Decision addCounters(Decision decision, Map<String, Long> deltas) {
    Map<String, Long> merged = new LinkedHashMap<>(decision.counterDeltas());
    deltas.forEach((k, v) -> merged.merge(k, v, Long::sum));
    return decision.withCounterDeltas(merged);
  }

  /** Removes {@code request} from the decision's pending requests. */
  public static Decision resolve(Decision decision, CapabilityRequest request) {
    List<CapabilityRequest> rest = new ArrayList<>(decision.requests());
    rest.remove(request);
    return decision.withRequests(rest);
  }
}
