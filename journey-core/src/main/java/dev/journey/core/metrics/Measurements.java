package dev.journey.core.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The measurements of a journey at one point: one {@link SubjectMeasure} per subject seen (sorted by
 * subject), the owners' figures, and slices computed from them. Equal inputs give equal values,
 * whether collected live or from a decision log.
 *
 * @param journey the journey's name
 * @param milestones the milestone names in funnel order
 * @param intervals the interval names
 * @param subjects one per subject seen, sorted by subject
 * @param owners per owner id, assignments, breaches and escalations
 */
public record Measurements(
    String journey,
    List<String> milestones,
    List<String> intervals,
    List<SubjectMeasure> subjects,
    Map<String, OwnerStats> owners) {
  /** The value of a dimension that is not known for a subject. */
  public static final String UNKNOWN = "(unknown)";

  /** Copies. */
  public Measurements {
    Objects.requireNonNull(journey, "journey");
    milestones = List.copyOf(milestones);
    intervals = List.copyOf(intervals);
    subjects = List.copyOf(subjects);
    owners = Collections.unmodifiableMap(new TreeMap<>(owners));
    if (milestones.isEmpty()) {
      throw new IllegalArgumentException("measurements need at least one milestone, but had none");
    }
  }

  /** All subjects together. */
  public Slice overall() {
    return Slice.of(milestones, intervals, subjects);
  }

  /** One slice per value of the dimension, sorted by value. */
  public Map<String, Slice> by(Dimension dimension) {
    Objects.requireNonNull(dimension, "dimension");
    Map<String, List<SubjectMeasure>> groups = new TreeMap<>();
    for (SubjectMeasure s : subjects) {
      groups.computeIfAbsent(s.value(dimension), k -> new ArrayList<>()).add(s);
    }
    Map<String, Slice> slices = new LinkedHashMap<>();
    groups.forEach((k, v) -> slices.put(k, Slice.of(milestones, intervals, v)));
    return Collections.unmodifiableMap(slices);
  }

  /** SLA outcomes by the ISO week the instance started, then by policy; both sorted. */
  public Map<String, Map<String, SlaStats>> slaByWeek() {
    Map<String, Map<String, SlaStats>> weeks = new TreeMap<>();
    for (SubjectMeasure s : subjects) {
      for (SlaInstance i : s.slas()) {
        weeks.computeIfAbsent(i.week(), w -> new TreeMap<>()).merge(i.policy(), i.stats(), SlaStats::plus);
      }
    }
    weeks.replaceAll((w, m) -> Collections.unmodifiableMap(m));
    return Collections.unmodifiableMap(weeks);
  }

  /** Reason counts by exit, then by code (sorted). */
  public Map<Dispositions.Exit, Map<String, Long>> reasonsByExit() {
    Map<Dispositions.Exit, Map<String, Long>> out = new EnumMap<>(Dispositions.Exit.class);
    overall().reasons().forEach(
        (d, n) -> out.computeIfAbsent(d.exit(), e -> new TreeMap<>()).put(d.code(), n));
    out.replaceAll((e, m) -> Collections.unmodifiableMap(m));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Dispositions over time: one row per ISO week (of the deciding signal), exit, reason code,
   * rule-set version (of the deciding decision) and segment (the subject's), with its count; sorted
   * by week, exit, code, version and segment.
   */
  public List<ReasonRow> reasonsOverTime() {
    Map<ReasonRow, Long> counts = new TreeMap<>();
    for (SubjectMeasure s : subjects) {
      String segment = s.value(Dimension.SEGMENT);
      for (DispositionEvent e : s.exits()) {
        counts.merge(new ReasonRow(e.week(), e.disposition(), e.ruleSetVersion(), segment, 0), 1L, Long::sum);
      }
    }
    List<ReasonRow> rows = new ArrayList<>(counts.size());
    counts.forEach((k, n) -> rows.add(new ReasonRow(k.week(), k.disposition(), k.ruleSetVersion(), k.segment(), n)));
    return List.copyOf(rows);
  }

  /**
   * How many dispositions of one reason one rule-set version made in one week for one segment.
   * Sorted by week, disposition, version and segment (the count is not part of the order).
   *
   * @param week the ISO week, e.g. {@code 2026-W10}
   * @param disposition the exit and reason code
   * @param ruleSetVersion the deciding rule-set version
   * @param segment the subjects' segment ({@link #UNKNOWN} when unknown)
   * @param count how many
   */
  public record ReasonRow(String week, Disposition disposition, String ruleSetVersion, String segment, long count)
      implements Comparable<ReasonRow> {
    private static final java.util.Comparator<ReasonRow> ORDER =
        java.util.Comparator.comparing(ReasonRow::week)
            .thenComparing(ReasonRow::disposition)
            .thenComparing(ReasonRow::ruleSetVersion)
            .thenComparing(ReasonRow::segment);

    /** Validates. */
    public ReasonRow {
      Objects.requireNonNull(week, "week");
      Objects.requireNonNull(disposition, "disposition");
      Objects.requireNonNull(ruleSetVersion, "ruleSetVersion");
      Objects.requireNonNull(segment, "segment");
    }

    @Override
    public int compareTo(ReasonRow other) {
      return ORDER.compare(this, other);
    }
  }
}
