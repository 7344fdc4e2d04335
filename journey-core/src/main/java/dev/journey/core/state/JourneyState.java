package dev.journey.core.state;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a subject stands in one of the further journeys an engine hosts (the journeys beside the
 * primary one, whose state is the snapshot's own {@link JourneySnapshot#state()}): its state,
 * since when, and the rule set that last decided there.
 *
 * @param state the state in that journey's model
 * @param since when the subject entered {@code state}
 * @param ruleSet the rule set ({@code name@version}) that last decided in that journey; empty when
 *     none has (the subject entered it through a rejected or parked decision)
 */
public record JourneyState(String state, Instant since, Optional<String> ruleSet) {
  /** Validates. */
  public JourneyState {
    Objects.requireNonNull(state, "state");
    if (state.isBlank()) {
      throw new IllegalArgumentException("journey state must not be blank");
    }
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(ruleSet, "ruleSet");
    if (ruleSet.isPresent() && ruleSet.get().isBlank()) {
      throw new IllegalArgumentException("ruleSet must not be blank, but was '" + ruleSet.get() + "'");
    }
  }

  /** A journey's state last decided by the rule set {@code ruleSet} ({@code name@version}, not blank). */
  public JourneyState(String state, Instant since, String ruleSet) {
    this(state, since, Optional.of(Objects.requireNonNull(ruleSet, "ruleSet")));
  }
}
