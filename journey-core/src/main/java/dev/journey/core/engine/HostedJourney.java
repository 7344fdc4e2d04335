package dev.journey.core.engine;

import dev.journey.core.Signal;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * One journey as an engine hosts it beside others: its {@link JourneyDefinition}, its priority,
 * when a subject enters it, the states where it ends, and the properties it alone may write.
 *
 * <p>A signal concerns a journey when the subject is in it (entered and not at an exit state) or
 * when the signal meets its entry criteria; every journey a signal concerns evaluates it against
 * the same snapshot, higher priority first, and the engine merges their decisions into one
 * commit (see {@link JourneyEngine.Builder#journey(HostedJourney)}). The engine's first journey
 * is its primary one: every subject is in it from its first signal, so its entry criteria are not
 * consulted (except to enter it again, below).
 *
 * <p><b>Re-entry.</b> By default a subject that has reached one of the journey's exit states stays
 * out of it for good ({@link Builder#neverReenters()}). With {@link Builder#reentersAfter(Duration)}
 * a signal that meets the entry criteria once the cool-down has passed since the exit starts a new
 * stay: the journey's initial state, no timers, no rule set of the old stay. The shared profile
 * (properties, counters, suppressions, owner) is the subject's, not the stay's, and carries on.
 *
 * <pre>{@code
 * HostedJourney nurture = HostedJourney.builder(nurtureDefinition)
 *     .priority(10)
 *     .entersOn(SignalTypes.FORM_SUBMITTED)
 *     .exitsAt("EXITED")
 *     .owns("nurture_track")
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class HostedJourney {
  private final JourneyDefinition definition;
  private final int priority;
  private final Set<String> entrySignalTypes;
  private final BiPredicate<JourneySnapshot, Signal> entryCondition;
  private final Set<String> exitStates;
  private final Set<String> owns;
  private final Optional<Duration> reentry;

  private HostedJourney(Builder b) {
    this.definition = b.definition;
    this.priority = b.priority;
    this.entrySignalTypes = Set.copyOf(b.entrySignalTypes);
    this.entryCondition = b.entryCondition;
    this.exitStates = Set.copyOf(b.exitStates);
    this.owns = Set.copyOf(b.owns);
    this.reentry = b.reentry;
  }

  /** A journey of priority 0 that any signal enters, with no exit states and no owned properties. */
  public static HostedJourney of(JourneyDefinition definition) {
    return builder(definition).build();
  }

  /** Starts a builder for {@code definition}. */
  public static Builder builder(JourneyDefinition definition) {
    return new Builder(definition);
  }

  /** The journey's definition. */
  public JourneyDefinition definition() {
    return definition;
  }

  /** The journey's name (its definition's). */
  public String name() {
    return definition.name();
  }

  /** The priority: higher evaluates first and wins conflicting writes. */
  public int priority() {
    return priority;
  }

  /** The signal types that enter a subject into this journey; empty when every type does. */
  public Set<String> entrySignalTypes() {
    return entrySignalTypes;
  }

  /** The states where the journey ends (goal reached): its timers are cancelled there. */
  public Set<String> exitStates() {
    return exitStates;
  }

  /** The properties only this journey may write (single writer across journeys). */
  public Set<String> owns() {
    return owns;
  }

  /**
   * How long after an exit a subject may enter the journey again (when the entry criteria hold
   * again); empty when it never does (the default).
   */
  public Optional<Duration> reentry() {
    return reentry;
  }

  /** Returns {@code true} when {@code signal} enters a subject with {@code snapshot} into this journey. */
  public boolean enters(JourneySnapshot snapshot, Signal signal) {
    return (entrySignalTypes.isEmpty() || entrySignalTypes.contains(signal.type()))
        && entryCondition.test(snapshot, signal);
  }

  /** Configures a {@link HostedJourney}. Setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final JourneyDefinition definition;
    private int priority;
    private final Set<String> entrySignalTypes = new LinkedHashSet<>();
    private BiPredicate<JourneySnapshot, Signal> entryCondition = (snapshot, signal) -> true;
    private final Set<String> exitStates = new LinkedHashSet<>();
    private final Set<String> owns = new LinkedHashSet<>();
    private Optional<Duration> reentry = Optional.empty();

    Builder(JourneyDefinition definition) {
      this.definition = Objects.requireNonNull(definition, "definition");
    }

    /** The priority (default 0): higher evaluates first and wins conflicting writes. */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    /**
     * Signals of these types enter a subject into the journey (default: every type, unless a
     * condition says otherwise).
     *
     * @throws IllegalArgumentException when a type is blank
     */
    public Builder entersOn(String... signalTypes) {
      for (String type : signalTypes) {
        Objects.requireNonNull(type, "signal type");
        if (type.isBlank()) {
          throw new IllegalArgumentException(
              "journey '" + definition.name() + "': an entry signal type must not be blank");
        }
        entrySignalTypes.add(type);
      }
      return this;
    }

    /**
     * A further entry condition on the shared snapshot and the signal (pure and thread-safe, like
     * an evaluator); default: always.
     */
    public Builder entersWhen(BiPredicate<JourneySnapshot, Signal> condition) {
      this.entryCondition = Objects.requireNonNull(condition, "condition");
      return this;
    }

    /**
     * States where the journey ends: reaching one cancels the journey's timers in the same commit,
     * and later signals no longer concern it.
     *
     * @throws IllegalArgumentException when a state is not in the journey's model
     */
    public Builder exitsAt(String... states) {
      for (String state : states) {
        if (!definition.model().hasState(state)) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "journey '%s': exit state must be one of %s, but was '%s'",
                  definition.name(),
                  definition.model().states(),
                  state));
        }
        exitStates.add(state);
      }
      return this;
    }

    /**
     * Properties only this journey may write; another journey's write of one is dropped and
     * audited.
     *
     * @throws IllegalArgumentException when a name is blank
     */
    public Builder owns(String... properties) {
      for (String property : properties) {
        Objects.requireNonNull(property, "property");
        if (property.isBlank()) {
          throw new IllegalArgumentException(
              "journey '" + definition.name() + "': an owned property name must not be blank");
        }
        owns.add(property);
      }
      return this;
    }

    /**
     * A subject that exited the journey enters it again, for a new stay, on a signal that meets the
     * entry criteria once {@code coolDown} has passed since it reached the exit state ({@code
     * Duration.ZERO}: at once).
     *
     * @throws IllegalArgumentException when {@code coolDown} is negative
     */
    public Builder reentersAfter(Duration coolDown) {
      Objects.requireNonNull(coolDown, "coolDown");
      if (coolDown.isNegative()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "journey '%s': the re-entry cool-down must be >= 0, but was %s",
                definition.name(),
                coolDown));
      }
      this.reentry = Optional.of(coolDown);
      return this;
    }

    /** A subject that exited the journey never enters it again (the default). */
    public Builder neverReenters() {
      this.reentry = Optional.empty();
      return this;
    }

    /**
     * Builds the hosted journey.
     *
     * @throws IllegalStateException when a re-entry cool-down is set but no exit state
     */
    public HostedJourney build() {
      if (reentry.isPresent() && exitStates.isEmpty()) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "journey '%s': reentersAfter(%s) needs exit states to re-enter from; call exitsAt(..)",
                definition.name(),
                reentry.get()));
      }
      return new HostedJourney(this);
    }
  }
}
