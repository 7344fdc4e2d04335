package dev.journey.core.state;

import dev.journey.core.IllegalTransitionException;
import dev.journey.core.UnknownStateException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A journey model: named states, the initial state of a new subject, and an explicit table of
 * allowed transitions. Staying in the same state is always allowed.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder(String)} or take the lead-handoff
 * defaults with {@link #leadHandoff()}.
 *
 * <pre>{@code
 * JourneyModel model = JourneyModel.builder("onboarding")
 *     .states("TRIAL", "ACTIVE", "CHURNED")
 *     .initialState("TRIAL")
 *     .allow("TRIAL", "ACTIVE", "CHURNED")
 *     .allow("ACTIVE", "CHURNED")
 *     .build();
 * model.checkTransition("TRIAL", "ACTIVE"); // fine
 * model.checkTransition("CHURNED", "ACTIVE"); // IllegalTransitionException
 * }</pre>
 */
public final class JourneyModel {
  /** Nurture: marketing owns the subject. */
  public static final String NURTURE = "NURTURE";
  /** Sales engaged: an owner works the subject; nurture is paused. */
  public static final String SALES_ENGAGED = "SALES_ENGAGED";
  /** An opportunity is open. */
  public static final String OPPORTUNITY_ACTIVE = "OPPORTUNITY_ACTIVE";
  /** A customer. */
  public static final String CUSTOMER = "CUSTOMER";
  /** A customer at risk of churn. */
  public static final String RENEWAL_RISK = "RENEWAL_RISK";
  /** Handed back to marketing with a reason code. */
  public static final String RECYCLED = "RECYCLED";

  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

  private final String name;
  private final String initialState;
  private final Map<String, Set<String>> transitions;

  private JourneyModel(Builder builder) {
    this.name = builder.name;
    this.initialState = builder.initialState;
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    builder.transitions.forEach(
        (from, to) -> copy.put(from, Collections.unmodifiableSet(new LinkedHashSet<>(to))));
    this.transitions = Collections.unmodifiableMap(copy);
  }

  /** Starts a model with the given name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The default lead-handoff model: NURTURE → SALES_ENGAGED → OPPORTUNITY_ACTIVE → CUSTOMER →
   * RENEWAL_RISK, with RECYCLED as the way back to nurture.
   */
  public static JourneyModel leadHandoff() {
    return builder("lead-handoff")
        .states(NURTURE, SALES_ENGAGED, OPPORTUNITY_ACTIVE, CUSTOMER, RENEWAL_RISK, RECYCLED)
        .initialState(NURTURE)
        .allow(NURTURE, SALES_ENGAGED, OPPORTUNITY_ACTIVE, RECYCLED)
        .allow(SALES_ENGAGED, OPPORTUNITY_ACTIVE, RECYCLED, NURTURE)
        .allow(OPPORTUNITY_ACTIVE, CUSTOMER, RECYCLED)
        .allow(CUSTOMER, RENEWAL_RISK)
        .allow(RENEWAL_RISK, CUSTOMER, RECYCLED)
        .allow(RECYCLED, NURTURE, SALES_ENGAGED, OPPORTUNITY_ACTIVE)
        .build();
  }

  /** The model's name. */
  public String name() {
    return name;
  }

  /** The state of a subject the engine has not seen before. */
  public String initialState() {
    return initialState;
  }

  /** The states, in declaration order. */
  public Set<String> states() {
    return transitions.keySet();
  }

  /** The states reachable from {@code from} in one step (excluding staying put). */
  public Set<String> allowedFrom(String from) {
    requireState(from);
    return transitions.get(from);
  }

  /** Returns {@code true} when the model has a state of that name. */
  public boolean hasState(String state) {
    return transitions.containsKey(state);
  }

  /** Returns {@code true} when {@code from → to} is allowed (always when they are equal). */
  public boolean allows(String from, String to) {
    return hasState(from) && hasState(to) && (from.equals(to) || transitions.get(from).contains(to));
  }

  /**
   * Checks a transition.
   *
   * @throws UnknownStateException when either state is not in the model
   * @throws IllegalTransitionException when the table does not allow it
   */
  public void checkTransition(String from, String to) {
    requireState(from);
    requireState(to);
    if (!allows(from, to)) {
      throw new IllegalTransitionException(name, from, to, transitions.get(from));
    }
  }

  /**
   * Checks that the state exists.
   *
   * @throws UnknownStateException when it does not
   */
  public String requireState(String state) {
    if (state == null || !transitions.containsKey(state)) {
      throw new UnknownStateException(name, String.valueOf(state), transitions.keySet());
    }
    return state;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JourneyModel
        && ((JourneyModel) o).name.equals(name)
        && ((JourneyModel) o).initialState.equals(initialState)
        && ((JourneyModel) o).transitions.equals(transitions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, initialState, transitions);
  }

  @Override
  public String toString() {
    return "JourneyModel[" + name + ", initial=" + initialState + ", " + transitions + "]";
  }

  /**
   * Builds a {@link JourneyModel}. Setters validate immediately; {@link #build()} checks that an
   * initial state is set. Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private String initialState;
    private final Map<String, Set<String>> transitions = new LinkedHashMap<>();

    Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "journey name must be a letter then up to 63 letters, digits, '_' or '-', but was '%s'",
                name));
      }
      this.name = name;
    }

    /** Declares states. */
    public Builder states(String... states) {
      for (String state : states) {
        Objects.requireNonNull(state, "state");
        if (!NAME.matcher(state).matches()) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "state name must be a letter then up to 63 letters, digits, '_' or '-', but was '%s'",
                  state));
        }
        if (transitions.containsKey(state)) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "state '%s' is declared twice", state));
        }
        transitions.put(state, new LinkedHashSet<>());
      }
      return this;
    }

    /** Sets the initial state, which must be declared. */
    public Builder initialState(String state) {
      requireDeclared(state, "initialState");
      if (initialState != null) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT, "initialState was already set to '%s'", initialState));
      }
      this.initialState = state;
      return this;
    }

    /** Allows {@code from → to} for each of {@code to}. */
    public Builder allow(String from, String... to) {
      requireDeclared(from, "from");
      for (String target : to) {
        requireDeclared(target, "to");
        transitions.get(from).add(target);
      }
      return this;
    }

    private void requireDeclared(String state, String what) {
      Objects.requireNonNull(state, what);
      if (!transitions.containsKey(state)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s must be a declared state %s, but was '%s'",
                what,
                transitions.keySet(),
                state));
      }
    }

    /**
     * Builds the model.
     *
     * @throws IllegalStateException when no state or no initial state was set
     */
    public JourneyModel build() {
      if (transitions.isEmpty()) {
        throw new IllegalStateException("journey '" + name + "' declares no states");
      }
      if (initialState == null) {
        throw new IllegalStateException("journey '" + name + "' has no initialState");
      }
      return new JourneyModel(this);
    }
  }
}
