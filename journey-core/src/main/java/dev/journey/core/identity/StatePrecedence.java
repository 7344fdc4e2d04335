package dev.journey.core.identity;

import dev.journey.core.state.JourneyModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which journey state a merged subject keeps. {@link #moreAdvanced()} (the default) keeps the
 * state declared later in the {@link JourneyModel} ({@code NURTURE} before {@code
 * SALES_ENGAGED}...), {@link #ranked} the state ranked higher in a list of your own (states not
 * in the list rank lowest), {@link #survivor()} always the survivor's. A tie keeps the
 * survivor's. Immutable.
 */
public final class StatePrecedence {
  private final List<String> ranking; // empty: model order; null: survivor
  private final boolean survivorWins;

  private StatePrecedence(List<String> ranking, boolean survivorWins) {
    this.ranking = ranking;
    this.survivorWins = survivorWins;
  }

  /** The state declared later in the model wins. */
  public static StatePrecedence moreAdvanced() {
    return new StatePrecedence(List.of(), false);
  }

  /** The survivor's state is kept. */
  public static StatePrecedence survivor() {
    return new StatePrecedence(List.of(), true);
  }

  /**
   * The state later in {@code lowestFirst} wins, e.g. {@code ranked("RECYCLED", "NURTURE",
   * "SALES_ENGAGED", "OPPORTUNITY_ACTIVE", "CUSTOMER")}.
   *
   * @throws IllegalArgumentException when empty or a state is named twice
   */
  public static StatePrecedence ranked(String... lowestFirst) {
    List<String> list = new ArrayList<>();
    for (String s : lowestFirst) {
      Objects.requireNonNull(s, "state");
      if (list.contains(s)) {
        throw new IllegalArgumentException("state '" + s + "' is ranked twice");
      }
      list.add(s);
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("ranked needs at least one state, but got none");
    }
    return new StatePrecedence(List.copyOf(list), false);
  }

  /** The state kept when {@code survivor} absorbs a subject in {@code absorbed}. */
  public String choose(JourneyModel model, String survivor, String absorbed) {
    if (survivorWins || survivor.equals(absorbed)) {
      return survivor;
    }
    return rank(model, absorbed) > rank(model, survivor) ? absorbed : survivor;
  }

  private int rank(JourneyModel model, String state) {
    if (!ranking.isEmpty()) {
      return ranking.indexOf(state);
    }
    int i = 0;
    for (String s : model.states()) {
      if (s.equals(state)) {
        return i;
      }
      i++;
    }
    return -1;
  }

  @Override
  public String toString() {
    return survivorWins ? "survivor" : ranking.isEmpty() ? "more-advanced" : "ranked" + ranking;
  }
}
