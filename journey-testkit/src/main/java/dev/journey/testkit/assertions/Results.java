package dev.journey.testkit.assertions;

import dev.journey.core.decision.Decision;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.state.JourneySnapshot;
import java.util.Optional;

/** What each kind of {@link SignalResult} carries, for the assertions that ask across kinds. */
final class Results {
  private Results() {}

  /** The rejection, parking or staleness reason; empty for a decided or duplicate signal. */
  static Optional<String> reason(SignalResult result) {
    if (result instanceof SignalResult.Rejected rejected) {
      return Optional.of(rejected.reason());
    }
    if (result instanceof SignalResult.Parked parked) {
      return Optional.of(parked.reason());
    }
    if (result instanceof SignalResult.StaleTimer stale) {
      return Optional.of(stale.reason());
    }
    return Optional.empty();
  }

  /** The decision (committed, rejected, parked or the stale timer's no-op); empty for a duplicate. */
  static Optional<Decision> decision(SignalResult result) {
    if (result instanceof SignalResult.Decided decided) {
      return Optional.of(decided.decision());
    }
    if (result instanceof SignalResult.Rejected rejected) {
      return Optional.of(rejected.decision());
    }
    if (result instanceof SignalResult.Parked parked) {
      return Optional.of(parked.decision());
    }
    if (result instanceof SignalResult.StaleTimer stale) {
      return Optional.of(stale.decision());
    }
    return Optional.empty();
  }

  /** The snapshot after the signal; empty for a duplicate. */
  static Optional<JourneySnapshot> snapshot(SignalResult result) {
    if (result instanceof SignalResult.Decided decided) {
      return Optional.of(decided.snapshot());
    }
    if (result instanceof SignalResult.Rejected rejected) {
      return Optional.of(rejected.snapshot());
    }
    if (result instanceof SignalResult.Parked parked) {
      return Optional.of(parked.snapshot());
    }
    if (result instanceof SignalResult.StaleTimer stale) {
      return Optional.of(stale.snapshot());
    }
    return Optional.empty();
  }
}
