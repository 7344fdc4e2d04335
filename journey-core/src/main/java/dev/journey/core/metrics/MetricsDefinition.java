package dev.journey.core.metrics;

import dev.journey.core.SignalTypes;
import dev.journey.core.calendar.BusinessCalendar;
import dev.journey.core.internal.Checks;
import dev.journey.core.state.JourneyModel;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to measure for one journey: its milestones in funnel order (the first one is the entry that
 * puts a subject into a cohort), the intervals between milestones, where the slicing attributes
 * are, the business calendars for business-hours durations and the declared dispositions.
 *
 * <pre>{@code
 * MetricsDefinition pql = MetricsDefinition.builder("trial-to-sales")
 *     .milestone(Milestone.state("pql", "PQL"))
 *     .milestone(Milestone.signal("first touch", "SALES_ACTIVITY"))
 *     .interval("time to first touch", "pql", "first touch")
 *     .attribute(Dimension.SEGMENT, "plan")
 *     .build();
 * }</pre>
 */
public final class MetricsDefinition {
  private final String journey;
  private final List<Milestone> milestones;
  private final List<Interval> intervals;
  private final Map<Dimension, String> attributes;
  private final BusinessCalendar calendar;
  private final Map<String, BusinessCalendar> calendarsByRegion;
  private final ZoneId cohortZone;
  private final Dispositions dispositions;

  private MetricsDefinition(Builder b) {
    this.journey = b.journey;
    this.milestones = List.copyOf(b.milestones.values());
    this.intervals = List.copyOf(b.intervals.values());
    this.attributes = Collections.unmodifiableMap(new EnumMap<>(b.attributes));
    this.calendar = b.calendar;
    this.calendarsByRegion = Collections.unmodifiableMap(new LinkedHashMap<>(b.calendarsByRegion));
    this.cohortZone = b.cohortZone;
    this.dispositions = b.dispositions;
  }

  /** Starts a definition for the named journey. */
  public static Builder builder(String journey) {
    return new Builder(journey);
  }

  /**
   * The lead-handoff shape: handoff (entering {@code SALES_ENGAGED}), first touch (a {@code
   * SALES_ACTIVITY}), meeting ({@code MEETING_BOOKED}), opportunity (entering {@code
   * OPPORTUNITY_ACTIVE}) and won (entering {@code CUSTOMER}); time to first touch, to meeting, to
   * opportunity and to won from the handoff; business hours on an always-open UTC calendar unless
   * calendars are given.
   */
  public static Builder leadHandoff() {
    return builder("lead-handoff")
        .milestone(Milestone.state("handoff", JourneyModel.SALES_ENGAGED))
        .milestone(Milestone.signal("first touch", SignalTypes.SALES_ACTIVITY))
        .milestone(Milestone.signal("meeting", SignalTypes.MEETING_BOOKED))
        .milestone(Milestone.state("opportunity", JourneyModel.OPPORTUNITY_ACTIVE))
        .milestone(Milestone.state("won", JourneyModel.CUSTOMER))
        .interval("time to first touch", "handoff", "first touch")
        .interval("time to meeting", "handoff", "meeting")
        .interval("time to opportunity", "handoff", "opportunity")
        .interval("time to won", "handoff", "won");
  }

  /** The journey's name. */
  public String journey() {
    return journey;
  }

  /** The milestones in funnel order; the first is the entry. */
  public List<Milestone> milestones() {
    return milestones;
  }

  /** The entry milestone. */
  public Milestone entry() {
    return milestones.get(0);
  }

  /** The intervals. */
  public List<Interval> intervals() {
    return intervals;
  }

  /** The signal attribute of an attribute dimension (segment, source, region), if it has one. */
  public Optional<String> attribute(Dimension dimension) {
    return Optional.ofNullable(attributes.get(Objects.requireNonNull(dimension, "dimension")));
  }

  /** The calendar business-hours durations use for a subject of that region. */
  public BusinessCalendar calendar(String region) {
    return calendarsByRegion.getOrDefault(region, calendar);
  }

  /** The zone cohort and SLA weeks are counted in. */
  public ZoneId cohortZone() {
    return cohortZone;
  }

  /** The declared dispositions, if any. */
  public Optional<Dispositions> dispositions() {
    return Optional.ofNullable(dispositions);
  }

  /** Configures a {@link MetricsDefinition}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final String journey;
    private final Map<String, Milestone> milestones = new LinkedHashMap<>();
    private final Map<String, Interval> intervals = new LinkedHashMap<>();
    private final Map<Dimension, String> attributes = new EnumMap<>(Dimension.class);
    private BusinessCalendar calendar = BusinessCalendar.alwaysOpen(ZoneOffset.UTC);
    private final Map<String, BusinessCalendar> calendarsByRegion = new LinkedHashMap<>();
    private ZoneId cohortZone = ZoneOffset.UTC;
    private Dispositions dispositions;

    Builder(String journey) {
      this.journey = Checks.notBlank(journey, "journey");
      attributes.put(Dimension.SEGMENT, "segment");
      attributes.put(Dimension.SOURCE, "leadSource");
      attributes.put(Dimension.REGION, "region");
    }

    /**
     * Adds the next milestone of the funnel.
     *
     * @throws IllegalArgumentException when a milestone of that name exists
     */
    public Builder milestone(Milestone milestone) {
      Objects.requireNonNull(milestone, "milestone");
      if (milestones.containsKey(milestone.name())) {
        throw new IllegalArgumentException(
            "milestone names must be unique, but '" + milestone.name() + "' was added twice");
      }
      milestones.put(milestone.name(), milestone);
      return this;
    }

    /**
     * Adds an interval between two milestones already added.
     *
     * @throws IllegalArgumentException for an unknown milestone or a duplicate name
     */
    public Builder interval(String name, String from, String to) {
      Interval interval = new Interval(name, from, to);
      for (String m : List.of(from, to)) {
        if (!milestones.containsKey(m)) {
          throw new IllegalArgumentException(
              "interval '" + name + "' must run between milestones " + new ArrayList<>(milestones.keySet())
                  + ", but named '" + m + "'");
        }
      }
      if (intervals.containsKey(name)) {
        throw new IllegalArgumentException("interval names must be unique, but '" + name + "' was added twice");
      }
      intervals.put(name, interval);
      return this;
    }

    /**
     * The signal attribute holding an attribute dimension's value.
     *
     * @throws IllegalArgumentException for a dimension that is not a signal attribute
     */
    public Builder attribute(Dimension dimension, String attribute) {
      Objects.requireNonNull(dimension, "dimension");
      if (dimension != Dimension.SEGMENT && dimension != Dimension.SOURCE && dimension != Dimension.REGION) {
        throw new IllegalArgumentException(
            "only SEGMENT, SOURCE and REGION come from signal attributes, but was " + dimension);
      }
      attributes.put(dimension, Checks.notBlank(attribute, "attribute"));
      return this;
    }

    /** The calendar for business-hours durations; default always open in UTC. */
    public Builder calendar(BusinessCalendar calendar) {
      this.calendar = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    /** The calendar for subjects of one region (the {@link Dimension#REGION} value). */
    public Builder calendar(String region, BusinessCalendar calendar) {
      calendarsByRegion.put(Checks.notBlank(region, "region"), Objects.requireNonNull(calendar, "calendar"));
      return this;
    }

    /** The zone weeks are counted in; default UTC. */
    public Builder cohortZone(ZoneId zone) {
      this.cohortZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** The journey's declared dispositions. */
    public Builder dispositions(Dispositions dispositions) {
      this.dispositions = Objects.requireNonNull(dispositions, "dispositions");
      return this;
    }

    /**
     * Builds the definition.
     *
     * @throws IllegalStateException when no milestone was added
     */
    public MetricsDefinition build() {
      if (milestones.isEmpty()) {
        throw new IllegalStateException("a metrics definition needs at least one milestone (its entry), but had none");
      }
      return new MetricsDefinition(this);
    }
  }
}
