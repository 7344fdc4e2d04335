package dev.journey.core.state;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a subject stands in one of the further journeys an engine hosts (the journeys beside the
 * primary one, whose state is the snapshot's own {@link JourneySnapshot#state()}): its state,
 * since when, and the rule set that last decided there.
 *
 * @param state the state in that journey's model
 * @param since when the subject entered {@code state}
 * @param ruleSet the rule set ({@code name@version}) that last decided in that journey
 */
public record JourneyState(String state, Instant since, String ruleSet) {
  /** Validates. */
  public JourneyState {
    Objects.requireNonNull(state, "state");
    if (state.isBlank()) {
      throw new IllegalArgumentException("journey state must not be blank");
    }
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(ruleSet, "ruleSet");
  }
}
