package dev.journey.examples.leadhandoff;

import dev.journey.core.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the generator made of one contact: its plan, when the generator's sales team took it over
 * (the handoff) and first touched it, and its signals (contact and deal) inside the window.
 *
 * @param plan the contact's plan
 * @param handoffAt when the qualifying signal happened, if the contact qualified inside the window
 * @param firstTouchAt when the first sales activity happened, if inside the window
 * @param signals the contact's and its deal's signals, in generation order
 */
record ContactHistory(
    ContactPlan plan,
    Optional<Instant> handoffAt,
    Optional<Instant> firstTouchAt,
    List<Signal> signals) {
  ContactHistory {
    signals = List.copyOf(signals);
  }
}
