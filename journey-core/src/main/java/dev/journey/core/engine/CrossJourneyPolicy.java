package dev.journey.core.engine;

import dev.journey.core.action.ActionKind;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.ArrayList;

/**
 * The suppression policy across the journeys of one engine, declared once: while any journey is
 * in one of its <em>sales-motion</em> states, outreach actions of the <em>marketing</em> journeys
 * are dropped (and audited); outreach resumes by itself when no journey is in such a state any
 * more. When sales motion starts, the sequences the marketing journeys are running are
 * unenrolled ({@link #unenrollsRunningSequences()}) where the CRM allows it, or else marked with a
 * property ({@link #pausedMarker()}). Frequency caps count actions across all journeys or per
 * journey. Everything is decided inside the per-subject commit, so no signal can race it.
 *
 * <pre>{@code
 * CrossJourneyPolicy policy = CrossJourneyPolicy.builder()
 *     .salesMotion("lead-handoff", "SALES_ENGAGED", "OPPORTUNITY_ACTIVE")
 *     .marketing("nurture")
 *     .markPausedWith("journey_outreach_paused") // HubSpot has no unenroll API
 *     .capPerDay(ActionKind.ENROLL_SEQUENCE, 1)   // across every journey
 *     .build();
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class CrossJourneyPolicy {
  /** The guardrail name of actions dropped because a journey is in sales motion. */
  public static final String CENTRAL_SUPPRESSION = "central-suppression";
  /** The guardrail name of actions dropped for a channel suppressed in the shared profile. */
  public static final String SUPPRESSED_CHANNEL = "suppressed-channel";
  /** The guardrail name of writes dropped because another journey owns the property. */
  public static final String SINGLE_WRITER = "single-writer";
  /** The guardrail name of actions dropped because a higher-priority journey wrote the same thing. */
  public static final String JOURNEY_CONFLICT = "journey-conflict";
  /** The guardrail name of actions dropped by a cross-journey frequency cap. */
  public static final String FREQUENCY_CAP = "journey-frequency-cap";

  private static final CrossJourneyPolicy NONE = builder().build();

  private final Map<String, Set<String>> salesMotion;
  private final Set<String> marketing;
  private final Set<ActionKind> outreach;
  private final boolean unenroll;
  private final Optional<String> pausedMarker;
  private final List<Cap> caps;
  private final ZoneId zone;

  private CrossJourneyPolicy(Builder b) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    b.salesMotion.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    this.salesMotion = Map.copyOf(copy);
    this.marketing = Set.copyOf(b.marketing);
    this.outreach = Set.copyOf(b.outreach);
    this.unenroll = b.unenroll;
    this.pausedMarker = b.pausedMarker;
    this.caps = List.copyOf(b.caps);
    this.zone = b.zone;
  }

  /** No cross-journey suppression and no caps: only ownership and conflicts are enforced. */
  public static CrossJourneyPolicy none() {
    return NONE;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The sales-motion states, by journey name. */
  public Map<String, Set<String>> salesMotion() {
    return salesMotion;
  }

  /** The marketing journeys, whose outreach pauses during sales motion. */
  public Set<String> marketing() {
    return marketing;
  }

  /** The action kinds that count as outreach (default {@code ENROLL_SEQUENCE}). */
  public Set<ActionKind> outreach() {
    return outreach;
  }

  /** Whether running marketing sequences are unenrolled when sales motion starts. */
  public boolean unenrollsRunningSequences() {
    return unenroll;
  }

  /** The property set to {@code "true"} (and back to {@code "false"}) instead of unenrolling. */
  public Optional<String> pausedMarker() {
    return pausedMarker;
  }

  /** The frequency caps. */
  public List<Cap> caps() {
    return caps;
  }

  /** The zone whose local days the caps count. */
  public ZoneId zone() {
    return zone;
  }

  /** Returns {@code true} when {@code state} of {@code journey} is a sales-motion state. */
  public boolean isSalesMotion(String journey, String state) {
    Set<String> states = salesMotion.get(journey);
    return states != null && states.contains(state);
  }

  /**
   * At most {@code max} actions of {@code kind} per subject per local day.
   *
   * @param journey the journey whose actions count, or empty for all journeys together
   * @param kind the action kind
   * @param max the cap, at least 1
   */
  public record Cap(Optional<String> journey, ActionKind kind, int max) {
    /** Validates. */
    public Cap {
      Objects.requireNonNull(journey, "journey");
      Objects.requireNonNull(kind, "kind");
      if (max < 1) {
        throw new IllegalArgumentException("a frequency cap must be >= 1, but was " + max);
      }
    }

    /** The counter prefix of this cap in the shared profile. */
    String counter() {
      return "journeys.cap." + journey.map(j -> j + ".").orElse("") + kind;
    }
  }

  /** Configures a {@link CrossJourneyPolicy}. Setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Set<String>> salesMotion = new LinkedHashMap<>();
    private final Set<String> marketing = new LinkedHashSet<>();
    private final Set<ActionKind> outreach = EnumSet.of(ActionKind.ENROLL_SEQUENCE);
    private boolean unenroll;
    private Optional<String> pausedMarker = Optional.empty();
    private final List<Cap> caps = new ArrayList<>();
    private ZoneId zone = ZoneOffset.UTC;

    Builder() {}

    /**
     * Declares sales-motion states of a journey (the engine checks that the journey and states
     * exist when it is built).
     *
     * @throws IllegalArgumentException when no state is given
     */
    public Builder salesMotion(String journey, String... states) {
      Objects.requireNonNull(journey, "journey");
      if (states.length == 0) {
        throw new IllegalArgumentException(
            "salesMotion(" + journey + ") needs at least one state");
      }
      salesMotion.computeIfAbsent(journey, k -> new LinkedHashSet<>()).addAll(List.of(states));
      return this;
    }

    /** Declares marketing journeys, whose outreach pauses during sales motion. */
    public Builder marketing(String... journeys) {
      for (String journey : journeys) {
        marketing.add(Objects.requireNonNull(journey, "journey"));
      }
      return this;
    }

    /**
     * The action kinds that count as outreach (replacing the default {@code ENROLL_SEQUENCE}).
     *
     * @throws IllegalArgumentException when none is given
     */
    public Builder outreach(ActionKind... kinds) {
      if (kinds.length == 0) {
        throw new IllegalArgumentException("outreach needs at least one action kind");
      }
      outreach.clear();
      outreach.addAll(List.of(kinds));
      return this;
    }

    /** Unenroll the marketing journeys' running sequences when sales motion starts. */
    public Builder unenrollRunningSequences() {
      this.unenroll = true;
      this.pausedMarker = Optional.empty();
      return this;
    }

    /**
     * For CRMs without an unenroll API: set {@code property} to {@code "true"} when sales motion
     * starts while marketing sequences run, and to {@code "false"} when it ends.
     *
     * @throws IllegalArgumentException when blank
     */
    public Builder markPausedWith(String property) {
      Objects.requireNonNull(property, "property");
      if (property.isBlank()) {
        throw new IllegalArgumentException("the paused-marker property must not be blank");
      }
      this.pausedMarker = Optional.of(property);
      this.unenroll = false;
      return this;
    }

    /** At most {@code max} actions of {@code kind} per subject per day, all journeys together. */
    public Builder capPerDay(ActionKind kind, int max) {
      caps.add(new Cap(Optional.empty(), kind, max));
      return this;
    }

    /** At most {@code max} actions of {@code kind} per subject per day from {@code journey}. */
    public Builder capPerDay(String journey, ActionKind kind, int max) {
      caps.add(new Cap(Optional.of(Objects.requireNonNull(journey, "journey")), kind, max));
      return this;
    }

    /** The zone whose local days the caps count (default UTC). */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Builds the policy. */
    public CrossJourneyPolicy build() {
      return new CrossJourneyPolicy(this);
    }
  }

  /** Checks the policy against the journeys an engine hosts. */
  void check(Map<String, HostedJourney> journeys) {
    for (Map.Entry<String, Set<String>> e : salesMotion.entrySet()) {
      HostedJourney journey = require(journeys, e.getKey(), "salesMotion");
      for (String state : e.getValue()) {
        if (!journey.definition().model().hasState(state)) {
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "policy salesMotion(%s): state must be one of %s, but was '%s'",
                  e.getKey(),
                  journey.definition().model().states(),
                  state));
        }
      }
    }
    marketing.forEach(m -> require(journeys, m, "marketing"));
    caps.forEach(c -> c.journey().ifPresent(j -> require(journeys, j, "capPerDay")));
  }

  private static HostedJourney require(Map<String, HostedJourney> journeys, String name, String where) {
    HostedJourney journey = journeys.get(name);
    if (journey == null) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "policy %s: journey must be one of %s, but was '%s'",
              where,
              journeys.keySet(),
              name));
    }
    return journey;
  }

}
