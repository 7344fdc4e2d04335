package dev.journey.core.metrics;

import dev.journey.core.SubjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything measured for one subject; {@link Measurements} slices are sums over these.
 *
 * @param subject the subject
 * @param dimensions its value for every {@link Dimension} ({@link Measurements#UNKNOWN} when unknown)
 * @param reached the milestones it reached, with the time of the signal that reached them
 * @param wallClock per interval, the wall-clock duration (only intervals it completed)
 * @param businessHours per interval, the business time on its region's calendar
 * @param slas its SLA instances, in start order
 * @param reasons its dispositions (recycles, disqualifications, losses with their reason), in order
 * @param exits the same dispositions with when and by which rule-set version, in order
 */
public record SubjectMeasure(
    SubjectRef subject,
    Map<Dimension, String> dimensions,
    Map<String, Instant> reached,
    Map<String, Duration> wallClock,
    Map<String, Duration> businessHours,
    List<SlaInstance> slas,
    List<Disposition> reasons,
    List<DispositionEvent> exits) {
  /** Validates and copies. */
  public SubjectMeasure {
    Objects.requireNonNull(subject, "subject");
    EnumMap<Dimension, String> dims = new EnumMap<>(Dimension.class);
    dims.putAll(Objects.requireNonNull(dimensions, "dimensions"));
    for (Dimension d : Dimension.values()) {
      dims.putIfAbsent(d, Measurements.UNKNOWN);
    }
    dimensions = Collections.unmodifiableMap(dims);
    reached = Collections.unmodifiableMap(new LinkedHashMap<>(reached));
    wallClock = Collections.unmodifiableMap(new LinkedHashMap<>(wallClock));
    businessHours = Collections.unmodifiableMap(new LinkedHashMap<>(businessHours));
    slas = List.copyOf(slas);
    reasons = List.copyOf(reasons);
    exits = List.copyOf(exits);
    if (exits.size() != reasons.size()) {
      throw new IllegalArgumentException(
          "exits must list the " + reasons.size() + " dispositions with their times, but had " + exits.size());
    }
  }

  /** Its value of one dimension. */
  public String value(Dimension dimension) {
    return dimensions.get(Objects.requireNonNull(dimension, "dimension"));
  }

  /** Whether it reached the named milestone. */
  public boolean hasReached(String milestone) {
    return reached.containsKey(milestone);
  }
}
