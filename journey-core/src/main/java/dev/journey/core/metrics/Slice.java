package dev.journey.core.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The figures of a group of subjects (all of them, or one value of a {@link Dimension}). Funnel
 * figures count subjects that reached the entry milestone; SLA and reason figures count every
 * subject of the group.
 *
 * @param entered subjects that reached the entry milestone
 * @param reached per milestone in funnel order, subjects that reached it (after the entry)
 * @param wallClock per interval, the wall-clock durations
 * @param businessHours per interval, the business-hours durations
 * @param slas per SLA policy, its outcomes
 * @param reasons dispositions (exit and reason code) with their counts, sorted
 */
public record Slice(
    long entered,
    Map<String, Long> reached,
    Map<String, Distribution> wallClock,
    Map<String, Distribution> businessHours,
    Map<String, SlaStats> slas,
    Map<Disposition, Long> reasons) {
  /** Copies. */
  public Slice {
    reached = Collections.unmodifiableMap(new LinkedHashMap<>(reached));
    wallClock = Collections.unmodifiableMap(new LinkedHashMap<>(wallClock));
    businessHours = Collections.unmodifiableMap(new LinkedHashMap<>(businessHours));
    slas = Collections.unmodifiableMap(new TreeMap<>(slas));
    reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
  }

  /** Subjects that reached a milestone (0 for an unknown name). */
  public long count(String milestone) {
    return reached.getOrDefault(Objects.requireNonNull(milestone, "milestone"), 0L);
  }

  /** {@code count(milestone) / entered}, 0 when none entered. */
  public double rate(String milestone) {
    return entered == 0 ? 0 : count(milestone) / (double) entered;
  }

  /** {@code count(to) / count(from)}: the conversion from one milestone to another, 0 when none reached {@code from}. */
  public double conversion(String from, String to) {
    long base = count(from);
    return base == 0 ? 0 : count(to) / (double) base;
  }

  /** The count of one exit and code (0 when never taken). */
  public long count(Dispositions.Exit exit, String code) {
    return reasons.getOrDefault(new Disposition(exit, code), 0L);
  }

  /** All SLA policies together. */
  public SlaStats slaTotal() {
    return slas.values().stream().reduce(SlaStats.NONE, SlaStats::plus);
  }

  static Slice of(List<String> milestones, List<String> intervals, List<SubjectMeasure> subjects) {
    long entered = 0;
    Map<String, Long> reached = new LinkedHashMap<>();
    Map<String, List<Duration>> wall = new LinkedHashMap<>();
    Map<String, List<Duration>> business = new LinkedHashMap<>();
    milestones.forEach(m -> reached.put(m, 0L));
    intervals.forEach(i -> {
      wall.put(i, new ArrayList<>());
      business.put(i, new ArrayList<>());
    });
    Map<String, SlaStats> slas = new TreeMap<>();
    Map<Disposition, Long> reasons = new TreeMap<>();
    String entry = milestones.get(0);
    for (SubjectMeasure s : subjects) {
      if (s.hasReached(entry)) {
        entered++;
        s.reached().keySet().forEach(m -> reached.merge(m, 1L, Long::sum));
        s.wallClock().forEach((i, d) -> wall.get(i).add(d));
        s.businessHours().forEach((i, d) -> business.get(i).add(d));
      }
      s.slas().forEach(i -> slas.merge(i.policy(), i.stats(), SlaStats::plus));
      s.reasons().forEach(r -> reasons.merge(r, 1L, Long::sum));
    }
    Map<String, Distribution> wallClock = new LinkedHashMap<>();
    Map<String, Distribution> businessHours = new LinkedHashMap<>();
    wall.forEach((i, v) -> wallClock.put(i, new Distribution(v)));
    business.forEach((i, v) -> businessHours.put(i, new Distribution(v)));
    return new Slice(entered, reached, wallClock, businessHours, slas, reasons);
  }
}
