package dev.journey.cli;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.feature.ScoringModel;
import dev.journey.core.feature.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two versions of a journey's features recomputed from one signal log, compared: for each segment
 * how many subjects are members under each version and who enters or leaves it (with examples),
 * for each score its histogram under each version and how many subjects change band.
 *
 * @param subjects how many subjects the log has
 * @param at the time every subject's features are read at
 * @param segments per segment name (of either version), the moves
 * @param scores per score name (of either version), the histograms
 * @param drift per score of each version, the PSI of its distribution over the log's signals: the
 *     last window against the first
 */
record FeatureDiff(
    int subjects, Instant at, List<SegmentMoves> segments, List<ScoreBands> scores,
    List<dev.journey.core.feature.ScoreDrift.Drift> drift) {
  /** The histogram's number of bins. */
  static final int BINS = 10;

  /**
   * One segment's moves.
   *
   * @param name the segment
   * @param fromVersion its version in the old set, empty when it has none
   * @param toVersion its version in the new set, empty when it has none
   * @param from members under the old set
   * @param to members under the new set
   * @param entered members under the new set only
   * @param left members under the old set only
   */
  record SegmentMoves(
      String name,
      String fromVersion,
      String toVersion,
      int from,
      int to,
      List<SubjectRef> entered,
      List<SubjectRef> left) {}

  /**
   * One score's histograms.
   *
   * @param name the score (its model's name)
   * @param fromVersion the model's version in the old set, empty when it has none
   * @param toVersion the model's version in the new set, empty when it has none
   * @param low the histogram's lowest score
   * @param high the histogram's highest score
   * @param fromCounts subjects per bin under the old set (all 0 when it has no such model)
   * @param toCounts subjects per bin under the new set
   * @param bandChanges subjects whose bin differs (when both sets have the model)
   * @param psi the population stability index of the new histogram against the old ({@link
   *     dev.journey.core.feature.ScoreDrift#psi}); 0 unless both sets have the model
   */
  record ScoreBands(
      String name,
      String fromVersion,
      String toVersion,
      double low,
      double high,
      int[] fromCounts,
      int[] toCounts,
      int bandChanges,
      double psi) {}

  /**
   * Recomputes both versions' features for every subject of {@code signals} (in log order) and
   * reads them at {@code at}, or at the log's latest {@code occurredAt}.
   */
  static FeatureDiff compute(FeatureSet from, FeatureSet to, List<Signal> signals, Optional<Instant> at) {
    return compute(from, to, signals, at, dev.journey.core.feature.ScoreDrift.DEFAULT_WINDOW);
  }

  /** As {@link #compute(FeatureSet, FeatureSet, List, Optional)}, with drift windows of {@code window}. */
  static FeatureDiff compute(
      FeatureSet from, FeatureSet to, List<Signal> signals, Optional<Instant> at, java.time.Duration window) {
    Optional<dev.journey.core.feature.ScoreDrift> fromDrift = drift(from, window);
    Optional<dev.journey.core.feature.ScoreDrift> toDrift = drift(to, window);
    Map<SubjectRef, FeatureSnapshot[]> bySubject = new LinkedHashMap<>();
    Instant latest = Instant.EPOCH;
    for (Signal s : signals) {
      FeatureSnapshot[] f =
          bySubject.computeIfAbsent(s.subject(), k -> new FeatureSnapshot[] {FeatureSnapshot.EMPTY, FeatureSnapshot.EMPTY});
      f[0] = from.fold(f[0], s);
      f[1] = to.fold(f[1], s);
      FeatureSnapshot before = f[0];
      FeatureSnapshot after = f[1];
      fromDrift.ifPresent(d -> d.observe(before, s.occurredAt()));
      toDrift.ifPresent(d -> d.observe(after, s.occurredAt()));
      if (s.occurredAt().isAfter(latest)) {
        latest = s.occurredAt();
      }
    }
    Instant readAt = at.orElse(latest);
    for (FeatureSnapshot[] f : bySubject.values()) {
      f[0] = from.advance(f[0], readAt);
      f[1] = to.advance(f[1], readAt);
    }
    Set<String> segmentNames = new LinkedHashSet<>();
    from.segments().forEach(g -> segmentNames.add(g.name()));
    to.segments().forEach(g -> segmentNames.add(g.name()));
    List<SegmentMoves> segments = new ArrayList<>();
    for (String name : segmentNames) {
      int inFrom = 0;
      int inTo = 0;
      List<SubjectRef> entered = new ArrayList<>();
      List<SubjectRef> left = new ArrayList<>();
      for (Map.Entry<SubjectRef, FeatureSnapshot[]> e : bySubject.entrySet()) {
        boolean a = member(e.getValue()[0], name);
        boolean b = member(e.getValue()[1], name);
        inFrom += a ? 1 : 0;
        inTo += b ? 1 : 0;
        if (b && !a) {
          entered.add(e.getKey());
        } else if (a && !b) {
          left.add(e.getKey());
        }
      }
      segments.add(new SegmentMoves(name, segmentVersion(from, name), segmentVersion(to, name), inFrom, inTo,
          entered, left));
    }
    Set<String> scoreNames = new LinkedHashSet<>();
    from.models().forEach(m -> scoreNames.add(m.name()));
    to.models().forEach(m -> scoreNames.add(m.name()));
    List<ScoreBands> scores = new ArrayList<>();
    for (String name : scoreNames) {
      boolean inFrom = modelVersion(from, name).isPresent();
      boolean inTo = modelVersion(to, name).isPresent();
      double low = Double.POSITIVE_INFINITY;
      double high = Double.NEGATIVE_INFINITY;
      for (FeatureSnapshot[] f : bySubject.values()) {
        for (int v = 0; v < 2; v++) {
          if (v == 0 ? inFrom : inTo) {
            low = Math.min(low, f[v].value(name));
            high = Math.max(high, f[v].value(name));
          }
        }
      }
      int[] fromCounts = new int[BINS];
      int[] toCounts = new int[BINS];
      int changes = 0;
      for (FeatureSnapshot[] f : bySubject.values()) {
        int a = inFrom ? bin(f[0].value(name), low, high) : -1;
        int b = inTo ? bin(f[1].value(name), low, high) : -1;
        if (a >= 0) {
          fromCounts[a]++;
        }
        if (b >= 0) {
          toCounts[b]++;
        }
        if (inFrom && inTo && a != b) {
          changes++;
        }
      }
      double psi = inFrom && inTo
          ? dev.journey.core.feature.ScoreDrift.psi(
              java.util.Arrays.stream(fromCounts).asLongStream().toArray(),
              java.util.Arrays.stream(toCounts).asLongStream().toArray())
          : 0;
      scores.add(new ScoreBands(name, modelVersion(from, name).orElse(""), modelVersion(to, name).orElse(""),
          low, high, fromCounts, toCounts, changes, psi));
    }
    List<dev.journey.core.feature.ScoreDrift.Drift> drift = new ArrayList<>();
    fromDrift.ifPresent(d -> drift.addAll(d.drift()));
    toDrift.ifPresent(d -> d.drift().stream().filter(x -> !x.featureSet().equals(from.hash())).forEach(drift::add));
    return new FeatureDiff(bySubject.size(), readAt, segments, scores, drift);
  }

  /** A drift of every model of {@code set}, binned over the model's range when it has one, else 0 to 100. */
  private static Optional<dev.journey.core.feature.ScoreDrift> drift(FeatureSet set, java.time.Duration window) {
    if (set.models().isEmpty()) {
      return Optional.empty();
    }
    dev.journey.core.feature.ScoreDrift.Builder b = dev.journey.core.feature.ScoreDrift.builder().window(window);
    for (ScoringModel m : set.models()) {
      double low = 0;
      double high = 100;
      if (m instanceof dev.journey.core.feature.LogisticModel l) {
        high = l.scale();
      } else if (m instanceof dev.journey.core.feature.PointsModel p && Double.isFinite(p.min())
          && Double.isFinite(p.max()) && p.min() < p.max()) {
        low = p.min();
        high = p.max();
      }
      b.score(m.name(), low, high);
    }
    return Optional.of(b.build());
  }

  private static boolean member(FeatureSnapshot f, String segment) {
    return f.has(segment) && f.value(segment) == 1;
  }

  private static String segmentVersion(FeatureSet set, String name) {
    return set.segments().stream().filter(g -> g.name().equals(name)).map(Segment::version).findFirst().orElse("");
  }

  private static Optional<String> modelVersion(FeatureSet set, String name) {
    return set.models().stream().filter(m -> m.name().equals(name)).map(ScoringModel::version).findFirst();
  }

  /** The bin of {@code x} among {@link #BINS} equal bins over {@code [low, high]}. */
  static int bin(double x, double low, double high) {
    if (!(high > low)) {
      return 0;
    }
    int b = (int) Math.floor((x - low) / (high - low) * BINS);
    return Math.max(0, Math.min(BINS - 1, b));
  }

  /** The report, with at most {@code examples} example subjects per move. */
  String format(String fromName, String toName, int examples) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "Features recomputed for %d subjects, read at %s%n", subjects, at));
    out.append(String.format(Locale.ROOT, "  from: %s%n  to:   %s%n", fromName, toName));
    out.append(String.format(Locale.ROOT, "%nSegments%n  %-20s %-10s %8s %8s %8s %8s%n",
        "segment", "versions", "before", "after", "entered", "left"));
    for (SegmentMoves s : segments) {
      String versions = (s.fromVersion().isEmpty() ? "-" : "v" + s.fromVersion()) + " -> "
          + (s.toVersion().isEmpty() ? "-" : "v" + s.toVersion());
      out.append(String.format(Locale.ROOT, "  %-20s %-10s %8d %8d %8d %8d%n",
          s.name(), versions, s.from(), s.to(), s.entered().size(), s.left().size()));
      if (!s.entered().isEmpty()) {
        out.append("    entered, e.g. ").append(join(s.entered(), examples)).append(System.lineSeparator());
      }
      if (!s.left().isEmpty()) {
        out.append("    left, e.g. ").append(join(s.left(), examples)).append(System.lineSeparator());
      }
    }
    for (ScoreBands b : scores) {
      out.append(String.format(Locale.ROOT, "%nScore %s (%s -> %s): subjects per band%n  %-19s %6s %6s%n",
          b.name(), b.fromVersion().isEmpty() ? "-" : "v" + b.fromVersion(),
          b.toVersion().isEmpty() ? "-" : "v" + b.toVersion(), "band", "before", "after"));
      double width = (b.high() - b.low()) / BINS;
      for (int i = 0; i < BINS; i++) {
        double lo = b.low() + i * width;
        out.append(String.format(Locale.ROOT, "  %8.1f - %-8.1f %6d %6d  %s%n", lo, lo + width,
            b.fromCounts()[i], b.toCounts()[i], bar(b.toCounts()[i])));
      }
      if (!b.fromVersion().isEmpty() && !b.toVersion().isEmpty()) {
        out.append(String.format(Locale.ROOT, "  %d subject(s) change band; PSI %.3f (%s)%n", b.bandChanges(),
            b.psi(), stability(b.psi())));
      }
    }
    if (!drift.isEmpty()) {
      out.append(String.format(Locale.ROOT, "%nDrift over the log (PSI of each score's distribution, last window"
          + " against the first)%n  %-20s %-8s %-14s %-12s %-12s %8s%n",
          "score", "version", "feature set", "first", "last", "PSI"));
      for (dev.journey.core.feature.ScoreDrift.Drift d : drift) {
        out.append(String.format(Locale.ROOT, "  %-20s %-8s %-14s %-12s %-12s %8.3f  %s%n", d.score(),
            "v" + d.version(), d.featureSet().substring(0, Math.min(12, d.featureSet().length())),
            d.referenceStart().toString().substring(0, 10), d.currentStart().toString().substring(0, 10),
            d.psi(), stability(d.psi())));
      }
    }
    return out.toString();
  }

  /** The common reading of a population stability index. */
  static String stability(double psi) {
    return psi < 0.1 ? "stable" : psi < 0.25 ? "moderate shift" : "large shift";
  }

  private String bar(int count) {
    int width = subjects == 0 ? 0 : (int) Math.round(40.0 * count / subjects);
    return "#".repeat(width);
  }

  private static String join(List<SubjectRef> subjects, int examples) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(examples, subjects.size()); i++) {
      shown.add(subjects.get(i).toString());
    }
    return String.join(", ", shown) + (subjects.size() > examples ? ", ..." : "");
  }
}
