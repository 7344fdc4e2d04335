package dev.journey.cli;

import dev.journey.core.ObjectType;
import dev.journey.core.SubjectRef;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.feature.ScoreDrift;
import dev.journey.core.feature.ScoringModel;
import dev.journey.core.feature.Segment;
import dev.journey.core.spi.AuditRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's features line: the declared features every decision saw, each score's distribution
 * over the contacts (each contact's highest score over the run), how many contacts were in each
 * segment at some decision, and the drift of each score (PSI of the last week's decisions against
 * the first week's), from the run's audit records.
 *
 * @param hash the feature set's content hash
 * @param contacts how many contacts have features
 * @param scores per score name and version, the percentiles 50 and 90 of the contacts' highest scores
 * @param segments per segment name and version, how many contacts were members at some decision
 * @param drift per score series, the drift over the run
 */
record DemoFeatures(
    String hash,
    int contacts,
    Map<String, double[]> scores,
    Map<String, Integer> segments,
    List<ScoreDrift.Drift> drift) {

  /** Computes the figures from the run's records. */
  static DemoFeatures of(FeatureSet set, List<AuditRecord> records) {
    ScoreDrift.Builder b = ScoreDrift.builder();
    set.models().forEach(m -> b.score(m.name(), 0, 100));
    ScoreDrift drift = set.models().isEmpty() ? null : b.build();
    Map<SubjectRef, double[]> peaks = new LinkedHashMap<>();
    int width = set.models().size() + set.segments().size();
    for (AuditRecord r : records) {
      FeatureSnapshot f = r.before().features();
      if (r.outcome() != AuditRecord.Outcome.DECIDED || f.isEmpty() || !f.hash().equals(set.hash())) {
        continue;
      }
      if (drift != null) {
        drift.observe(f, r.decision().evaluatedAt());
      }
      if (r.signal().subject().type() == ObjectType.CONTACT) {
        double[] peak = peaks.computeIfAbsent(r.signal().subject(), k -> {
          double[] p = new double[width];
          Arrays.fill(p, Double.NEGATIVE_INFINITY);
          return p;
        });
        int i = 0;
        for (ScoringModel m : set.models()) {
          peak[i] = Math.max(peak[i], f.value(m.name()));
          i++;
        }
        for (Segment g : set.segments()) {
          peak[i] = Math.max(peak[i], f.value(g.name()));
          i++;
        }
      }
    }
    Map<String, double[]> scores = new LinkedHashMap<>();
    int i = 0;
    for (ScoringModel m : set.models()) {
      int k = i++;
      double[] values = peaks.values().stream().mapToDouble(p -> p[k]).sorted().toArray();
      scores.put(m.name() + " v" + m.version(), new double[] {quantile(values, 0.5), quantile(values, 0.9)});
    }
    Map<String, Integer> segments = new LinkedHashMap<>();
    for (Segment g : set.segments()) {
      int k = i++;
      segments.put(g.name() + " v" + g.version(), (int) peaks.values().stream().filter(p -> p[k] == 1).count());
    }
    return new DemoFeatures(set.hash(), peaks.size(), scores, segments,
        drift == null ? List.of() : drift.drift());
  }

  /** The nearest-rank quantile of sorted values; 0 when there are none. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Prints the lines. */
  void print(FeatureSet set, PrintWriter out) {
    out.println();
    out.printf(Locale.ROOT, "Features: set %s (%d features, %d scores, %d segments), folded into every decision;"
            + " %,d contacts%n", hash.substring(0, Math.min(12, hash.length())),
        set.definitions().size(), set.models().size(), set.segments().size(), contacts);
    List<String> parts = new ArrayList<>();
    scores.forEach((name, q) -> parts.add(String.format(Locale.ROOT, "%s p50 %.1f p90 %.1f", name, q[0], q[1])));
    out.println("  scores (each contact's highest): " + String.join("; ", parts));
    parts.clear();
    segments.forEach((name, n) -> parts.add(String.format(Locale.ROOT, "%s %,d", name, n)));
    out.println("  segments (contacts in it at some decision): " + String.join("; ", parts));
    parts.clear();
    for (ScoreDrift.Drift d : drift) {
      parts.add(String.format(Locale.ROOT, "%s v%s %.3f (%s; %,d decisions against %,d)", d.score(), d.version(),
          d.psi(), FeatureDiff.stability(d.psi()), d.current().stream().mapToLong(Long::longValue).sum(),
          d.reference().stream().mapToLong(Long::longValue).sum()));
    }
    if (!parts.isEmpty()) {
      out.println("  drift (PSI, week of " + drift.get(0).currentStart().toString().substring(0, 10)
          + " against week of " + drift.get(0).referenceStart().toString().substring(0, 10) + "): "
          + String.join("; ", parts));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DemoFeatures d && d.hash.equals(hash) && d.contacts == contacts
        && d.segments.equals(segments) && d.drift.equals(drift) && d.scores.keySet().equals(scores.keySet())
        && scores.keySet().stream().allMatch(k -> Arrays.equals(scores.get(k), d.scores.get(k)));
  }

  @Override
  public int hashCode() {
    return hash.hashCode() * 31 + contacts;
  }

  @Override
  public String toString() {
    return "DemoFeatures[" + hash + ", " + contacts + " contacts, " + segments + "]";
  }
}
