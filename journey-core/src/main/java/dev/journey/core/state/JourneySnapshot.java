package dev.journey.core.state;

import dev.journey.core.SubjectRef;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.internal.OneEntryMap;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The journey state of one subject: its state and since when, properties with their writers,
 * pending timers, active suppressions, counters, the rule set that last decided and a version for
 * optimistic concurrency.
 *
 * <p>Immutable and thread-safe. The engine derives each new snapshot from the previous one and a
 * decision; {@link #version()} increases by one with every committed decision, starting from 0
 * for a subject never seen.
 *
 * @param subject the subject
 * @param state the journey state
 * @param stateSince when the subject entered {@code state}
 * @param properties properties by name, each with its writer
 * @param timers pending timers by name
 * @param suppressions active suppressions by channel
 * @param counters counters by name (engagement features, frequency caps...)
 * @param ruleSet the rule set ({@code name@version}) that last decided; empty when none has
 * @param version the optimistic-concurrency version
 * @param updatedAt when the snapshot was last changed
 * @param features the subject's declared features ({@link FeatureSnapshot#EMPTY} when the journey
 *     declares none; {@code null} reads as empty, for documents written before features existed)
 * @param journeys where the subject stands in each further journey it has entered, by journey
 *     name (an engine that hosts several journeys keeps its primary journey in {@code state},
 *     {@code stateSince} and {@code ruleSet}, and every other one here; their timers are in
 *     {@code timers} under {@code <journey>/<timer>}); empty for a single-journey engine
 */
public record JourneySnapshot(
    SubjectRef subject,
    String state,
    Instant stateSince,
    Map<String, PropertyValue> properties,
    Map<String, PendingTimer> timers,
    Map<String, Suppression> suppressions,
    Map<String, Long> counters,
    Optional<String> ruleSet,
    long version,
    Instant updatedAt,
    FeatureSnapshot features,
    Map<String, JourneyState> journeys) {

  /** The property holding the accountable owner's id. */
  public static final String OWNER = "owner";

  /** Separates a further journey's name from its timer's name in {@link #timers()}. */
  public static final char JOURNEY_TIMER_SEPARATOR = '/';

  /** Validates and copies into sorted, unmodifiable maps. */
  public JourneySnapshot {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stateSince, "stateSince");
    properties = sorted(properties, "properties");
    timers = sorted(timers, "timers");
    suppressions = sorted(suppressions, "suppressions");
    counters = sorted(counters, "counters");
    Objects.requireNonNull(ruleSet, "ruleSet");
    if (ruleSet.isPresent() && ruleSet.get().isBlank()) {
      throw new IllegalArgumentException("ruleSet must not be blank, but was '" + ruleSet.get() + "'");
    }
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0, but was " + version);
    }
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (features == null) {
      features = FeatureSnapshot.EMPTY;
    }
    journeys = sorted(journeys, "journeys");
  }

  /** A snapshot of a subject in one journey only (no further journeys). */
  public JourneySnapshot(
      SubjectRef subject,
      String state,
      Instant stateSince,
      Map<String, PropertyValue> properties,
      Map<String, PendingTimer> timers,
      Map<String, Suppression> suppressions,
      Map<String, Long> counters,
      Optional<String> ruleSet,
      long version,
      Instant updatedAt,
      FeatureSnapshot features) {
    this(subject, state, stateSince, properties, timers, suppressions, counters, ruleSet, version,
        updatedAt, features, Map.of());
  }

  /** A snapshot without features (the journey declares none). */
  public JourneySnapshot(
      SubjectRef subject,
      String state,
      Instant stateSince,
      Map<String, PropertyValue> properties,
      Map<String, PendingTimer> timers,
      Map<String, Suppression> suppressions,
      Map<String, Long> counters,
      Optional<String> ruleSet,
      long version,
      Instant updatedAt) {
    this(subject, state, stateSince, properties, timers, suppressions, counters, ruleSet, version,
        updatedAt, FeatureSnapshot.EMPTY, Map.of());
  }

  /**
   * This snapshot with other features and nothing else changed (not even the version): what the
   * engine shows the evaluator after folding the signal at hand into the features.
   */
  public JourneySnapshot withFeatures(FeatureSnapshot newFeatures) {
    Objects.requireNonNull(newFeatures, "newFeatures");
    if (newFeatures == features) {
      return this;
    }
    return new JourneySnapshot(subject, state, stateSince, properties, timers, suppressions,
        counters, ruleSet, version, updatedAt, newFeatures, journeys);
  }

  private static <V> Map<String, V> sorted(Map<String, V> map, String name) {
    Objects.requireNonNull(map, name);
    if (map.isEmpty()) {
      return Map.of();
    }
    if (map instanceof Frozen || map instanceof OneEntryMap) {
      return map; // immutable already: made by this class or the engine
    }
    if (map.size() == 1) {
      // one entry (a counter, a timer, the owner) as a map whose walk allocates nothing: the
      // engine walks every map of every new snapshot (the size check), and Map.of(k, v) makes
      // an entry and a set for each walk in JDK 17
      return OneEntryMap.copyOf(map);
    }
    return new Frozen<>(new TreeMap<>(map));
  }

  /** An unmodifiable view of a sorted map that no one else holds. */
  private static final class Frozen<V> extends java.util.AbstractMap<String, V> {
    private final TreeMap<String, V> map;

    Frozen(TreeMap<String, V> owned) {
      this.map = owned;
    }

    @Override
    public V get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public java.util.Set<Map.Entry<String, V>> entrySet() {
      return Collections.unmodifiableMap(map).entrySet();
    }

    @Override
    public java.util.Set<String> keySet() {
      return Collections.unmodifiableSet(map.keySet());
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super V> action) {
      map.forEach(action); // the tree's own walk: no entry view or iterator
    }

    @Override
    public java.util.Collection<V> values() {
      return Collections.unmodifiableCollection(map.values());
    }
  }

  /** The snapshot of a subject never seen: {@code initialState} at {@code at}, version 0. */
  public static JourneySnapshot initial(SubjectRef subject, String initialState, Instant at) {
    return new JourneySnapshot(
        subject, initialState, at, Map.of(), Map.of(), Map.of(), Map.of(), Optional.empty(), 0,
        at);
  }

  /** The accountable owner's id, if assigned. */
  public Optional<String> owner() {
    return property(OWNER);
  }

  /** A property's value, if set. */
  public Optional<String> property(String name) {
    PropertyValue value = properties.get(name);
    return value == null ? Optional.empty() : Optional.of(value.value());
  }

  /** A counter's value, 0 when absent. */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** Where the subject stands in the further journey {@code name}, if it has entered it. */
  public Optional<JourneyState> journey(String name) {
    return Optional.ofNullable(journeys.get(name));
  }

  /** A pending timer, if any. */
  public Optional<PendingTimer> timer(String name) {
    return Optional.ofNullable(timers.get(name));
  }

  /** Returns {@code true} when {@code channel} is suppressed at {@code now}. */
  public boolean isSuppressed(String channel, Instant now) {
    Suppression suppression = suppressions.get(channel);
    return suppression != null && suppression.activeAt(now);
  }

  /** Returns a builder initialised from this snapshot, for deriving the next one. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Derives a new snapshot from an existing one. Not thread-safe; {@link #build()} copies.
   */
  public static final class Builder {
    private final SubjectRef subject;
    private String state;
    private Instant stateSince;
    // copy-on-write: the snapshot's own (unmodifiable) maps until the first change
    private Map<String, PropertyValue> properties;
    private Map<String, PendingTimer> timers;
    private Map<String, Suppression> suppressions;
    private Map<String, Long> counters;
    private Map<String, JourneyState> journeys;
    private boolean propertiesCopied;
    private boolean timersCopied;
    private boolean suppressionsCopied;
    private boolean countersCopied;
    private Optional<String> ruleSet;
    private long version;
    private Instant updatedAt;
    private FeatureSnapshot features;

    Builder(JourneySnapshot from) {
      subject = from.subject;
      state = from.state;
      stateSince = from.stateSince;
      properties = from.properties;
      timers = from.timers;
      suppressions = from.suppressions;
      counters = from.counters;
      journeys = from.journeys;
      ruleSet = from.ruleSet;
      version = from.version;
      updatedAt = from.updatedAt;
      features = from.features;
    }

    /** Sets the state and since when; keeps {@code stateSince} when the state is unchanged. */
    public Builder state(String newState, Instant at) {
      if (!newState.equals(state)) {
        state = newState;
        stateSince = at;
      }
      return this;
    }

    /** Sets a property. */
    public Builder property(String name, String value, String writer, Instant at) {
      if (!propertiesCopied) {
        properties = copy(properties);
        propertiesCopied = true;
      }
      properties.put(name, new PropertyValue(value, writer, at));
      return this;
    }

    /** Puts a pending timer. */
    public Builder timer(PendingTimer timer) {
      mutableTimers().put(timer.name(), timer);
      return this;
    }

    /** Removes a pending timer. */
    public Builder removeTimer(String name) {
      if (timers.containsKey(name)) {
        mutableTimers().remove(name);
      }
      return this;
    }

    /** Puts a suppression. */
    public Builder suppression(Suppression suppression) {
      mutableSuppressions().put(suppression.channel(), suppression);
      return this;
    }

    /** Removes a suppression. */
    public Builder removeSuppression(String channel) {
      if (suppressions.containsKey(channel)) {
        mutableSuppressions().remove(channel);
      }
      return this;
    }

    /** Adds {@code delta} to a counter. */
    public Builder addToCounter(String name, long delta) {
      mutableCounters().merge(name, delta, Long::sum);
      return this;
    }

    /** Sets a counter. */
    public Builder counter(String name, long value) {
      mutableCounters().put(name, value);
      return this;
    }

    /** Sets the deciding rule set ({@code name@version}, not blank). */
    public Builder ruleSet(String ruleSet) {
      Objects.requireNonNull(ruleSet, "ruleSet");
      if (ruleSet.isBlank()) {
        throw new IllegalArgumentException("ruleSet must not be blank, but was '" + ruleSet + "'");
      }
      if (!this.ruleSet.isPresent() || !this.ruleSet.get().equals(ruleSet)) {
        this.ruleSet = Optional.of(ruleSet); // the same rule set again keeps its Optional
      }
      return this;
    }

    /** Sets the version. */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /** Sets where the subject stands in the further journey {@code name}. */
    public Builder journey(String name, JourneyState journeyState) {
      Map<String, JourneyState> copy = new TreeMap<>(journeys);
      copy.put(Objects.requireNonNull(name, "name"), journeyState);
      journeys = copy;
      return this;
    }

    /** Sets the features. */
    public Builder features(FeatureSnapshot features) {
      this.features = Objects.requireNonNull(features, "features");
      return this;
    }

    /** Sets the update time. */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    private Map<String, PendingTimer> mutableTimers() {
      if (!timersCopied) {
        timers = copy(timers);
        timersCopied = true;
      }
      return timers;
    }

    private Map<String, Suppression> mutableSuppressions() {
      if (!suppressionsCopied) {
        suppressions = copy(suppressions);
        suppressionsCopied = true;
      }
      return suppressions;
    }

    private Map<String, Long> mutableCounters() {
      if (!countersCopied) {
        counters = copy(counters);
        countersCopied = true;
      }
      return counters;
    }

    /**
     * A tree of {@code map}'s entries to change; an empty map is not copied (copying {@code
     * Map.of()} walks it through a new entry set and iterator), a one-entry map of ours is copied
     * without its entry view.
     */
    private static <V> TreeMap<String, V> copy(Map<String, V> map) {
      TreeMap<String, V> tree = new TreeMap<>();
      if (map instanceof OneEntryMap<String, V> one) {
        tree.put(one.key(), one.value());
      } else if (!map.isEmpty()) {
        tree.putAll(map);
      }
      return tree;
    }

    /** The current pending timers (read-only view). */
    public Map<String, PendingTimer> timers() {
      return Collections.unmodifiableMap(timers);
    }

    /** Builds the snapshot; the builder stays usable and copies again on its next change. */
    public JourneySnapshot build() {
      JourneySnapshot built =
          new JourneySnapshot(
              subject, state, stateSince, freeze(properties, propertiesCopied),
              freeze(timers, timersCopied), freeze(suppressions, suppressionsCopied),
              freeze(counters, countersCopied), ruleSet, version, updatedAt, features, journeys);
      journeys = built.journeys;
      properties = built.properties;
      timers = built.timers;
      suppressions = built.suppressions;
      counters = built.counters;
      propertiesCopied = false;
      timersCopied = false;
      suppressionsCopied = false;
      countersCopied = false;
      return built;
    }

    private static <V> Map<String, V> freeze(Map<String, V> map, boolean owned) {
      return owned && map.size() > 1 ? new Frozen<>((TreeMap<String, V>) map) : map;
    }
  }

  /** Prints everything but free text and values, which may be personal data. */
  @Override
  public String toString() {
    return "JourneySnapshot[subject=" + subject + ", state=" + state + ", stateSince=" + stateSince
        + ", properties=" + properties + ", timers=" + timers.values() + ", suppressions="
        + suppressions.values() + ", counters=" + counters + ", ruleSet=" + ruleSet.orElse("") + ", version="
        + version + ", updatedAt=" + updatedAt
        + (features.isEmpty() ? "" : ", features=" + features)
        + (journeys.isEmpty() ? "" : ", journeys=" + journeys) + "]";
  }
}
