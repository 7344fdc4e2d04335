package dev.journey.core.guardrail;

import dev.journey.core.decision.Decision;
import dev.journey.core.decision.internal.DecisionEdits;
import dev.journey.core.state.JourneySnapshot;
import java.util.Map;

/** Snapshot counters as guardrail state: counters only take deltas, so "set" is a delta. */
final class Counters {
  private Counters() {}

  /** The value of {@code name} after the decision's deltas so far. */
  static long value(Decision decision, JourneySnapshot snapshot, String name) {
    return snapshot.counter(name) + decision.counterDeltas().getOrDefault(name, 0L);
  }

  /** A copy of {@code decision} that leaves counter {@code name} at {@code target}. */
  static Decision set(Decision decision, JourneySnapshot snapshot, String name, long target) {
    long delta = target - value(decision, snapshot, name);
    return delta == 0 ? decision : DecisionEdits.addCounters(decision, Map.of(name, delta));
  }
}
