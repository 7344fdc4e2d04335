package dev.journey.core.feature;

import dev.journey.core.Signal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The features a journey declares, and how a signal changes them: {@link #fold} is a pure
 * function of the subject's previous {@link FeatureSnapshot} and the signal, which the engine
 * calls inside the per-subject commit before the evaluator runs.
 *
 * <p><b>Time and lateness.</b> Features are read as of the latest {@code occurredAt} folded in
 * (the snapshot's {@link FeatureSnapshot#asOf()}), never the wall clock, so a replay or a backfill
 * of the same signals in the same order computes the same features as the live run. A signal
 * older than that time still counts at its own time (a window counts it in its bucket, a decayed
 * sum decays it from its time), unless it is more than {@link #lateness()} older: then no feature
 * counts it and {@link FeatureSnapshot#late()} goes up by one. Time never moves back: a late
 * signal is evaluated with the features as of the later time.
 *
 * <p><b>Versions.</b> {@link #hash()} is a content hash of the definitions and the lateness; it
 * is kept in every snapshot the set folds (and so in every audit record). When the set changes, a
 * feature whose definition is unchanged keeps its state; a new or changed one starts from nothing
 * (recompute it from a signal log with {@link #backfill}).
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}:
 *
 * <pre>{@code
 * FeatureSet features = FeatureSet.builder()
 *     .windowCount("pricing_views_7d", SignalMatch.of("PRICING_PAGE_VIEWED"), Duration.ofDays(7))
 *     .decayedSum("intent", SignalMatch.of("PRICING_PAGE_VIEWED", "DEMO_REQUESTED"),
 *         Duration.ofDays(7))
 *     .build();
 * }</pre>
 */
public final class FeatureSet {
  /** The lateness bound when none is given: 1 day. */
  public static final Duration DEFAULT_LATENESS = Duration.ofDays(1);
  /** The most features a set may declare. */
  public static final int MAX_FEATURES = 64;

  private static final FeatureSet NONE =
      new FeatureSet(List.of(), List.of(), List.of(), DEFAULT_LATENESS);

  private final List<FeatureDefinition> definitions;
  private final List<ScoringModel> models;
  private final List<Segment> segments;
  private final Map<String, Integer> index = new HashMap<>();
  private final Duration lateness;
  private final long latenessSeconds;
  private final String hash;
  private final String[] names;
  private final int[] fingerprints;
  private final FeatureDefinition[] defs;
  private final int[] numerators; // for ratios: index of the numerator, else -1
  private final int[] denominators;
  private final double[] halfLifeSeconds;
  private final long[] bucketSeconds;
  private final int[] bucketCounts;
  private final FeatureSnapshot fresh;

  private FeatureSet(
      List<FeatureDefinition> definitions,
      List<ScoringModel> models,
      List<Segment> segments,
      Duration lateness) {
    this.definitions = List.copyOf(definitions);
    this.models = List.copyOf(models);
    this.segments = List.copyOf(segments);
    this.lateness = lateness;
    this.latenessSeconds = lateness.getSeconds();
    int n = definitions.size();
    int total = n + models.size() + segments.size();
    names = new String[total];
    fingerprints = new int[total];
    defs = definitions.toArray(new FeatureDefinition[0]);
    numerators = new int[n];
    denominators = new int[n];
    halfLifeSeconds = new double[n];
    bucketSeconds = new long[n];
    bucketCounts = new int[n];
    StringBuilder canonical = new StringBuilder("lateness=").append(lateness.getSeconds()).append('s');
    for (int i = 0; i < n; i++) {
      FeatureDefinition d = defs[i];
      if (index.putIfAbsent(d.name(), i) != null) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "feature '%s' is declared twice", d.name()));
      }
      names[i] = d.name();
      fingerprints[i] = fingerprint(d.canonical());
      canonical.append('\n').append(d.canonical());
      numerators[i] = -1;
      denominators[i] = -1;
      if (d instanceof FeatureDefinition.DecayedSum s) {
        halfLifeSeconds[i] = seconds(s.halfLife());
      } else if (d instanceof FeatureDefinition.WindowCount w) {
        bucketSeconds[i] = w.bucket().getSeconds();
        bucketCounts[i] = w.buckets();
      }
    }
    for (int i = 0; i < n; i++) {
      if (defs[i] instanceof FeatureDefinition.Ratio r) {
        numerators[i] = operand(r, r.numerator(), index);
        denominators[i] = operand(r, r.denominator(), index);
      }
    }
    versions = new FeatureSnapshot.Versioned[total];
    for (int k = 0; k < models.size(); k++) {
      ScoringModel m = models.get(k);
      int i = n + k;
      declare(i, m.name(), "model", m.version());
      for (String input : m.inputs()) {
        if (!index.containsKey(input) || index.get(input) >= i) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT,
                  "model '%s' reads '%s', which is neither a declared feature nor an earlier model;"
                      + " declared: %s", m.name(), input, String.join(", ", Arrays.copyOf(names, i))));
        }
      }
      versions[i] = new FeatureSnapshot.Versioned(m.version());
      fingerprints[i] = fingerprint(m.canonical());
      canonical.append('\n').append(m.canonical());
    }
    for (int k = 0; k < segments.size(); k++) {
      Segment g = segments.get(k);
      int i = n + models.size() + k;
      declare(i, g.name(), "segment", g.version());
      for (Condition c : g.all()) {
        if (!index.containsKey(c.feature()) || index.get(c.feature()) >= i) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT,
                  "segment '%s' reads '%s', which is neither a declared feature nor a model nor an"
                      + " earlier segment; declared: %s",
                  g.name(), c.feature(), String.join(", ", Arrays.copyOf(names, i))));
        }
      }
      versions[i] = new FeatureSnapshot.Versioned(g.version());
      fingerprints[i] = fingerprint(g.canonical());
      canonical.append('\n').append(g.canonical());
    }
    hash = total == 0 ? "" : HexFormat.of().formatHex(sha256(canonical.toString()), 0, 16);
    Object[] states = new Object[total];
    double[] values = new double[total];
    for (int i = 0; i < n; i++) {
      states[i] = freshState(defs[i]);
      values[i] = freshValue(defs[i]);
    }
    derive(states, values);
    fresh = new FeatureSnapshot(hash, null, 0, names, fingerprints, states, values);
  }

  private final FeatureSnapshot.Versioned[] versions;

  private static final java.util.regex.Pattern VERSION =
      java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,32}");

  private void declare(int i, String name, String what, String version) {
    Names.check(name);
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT,
              "%s '%s': version must be 1 to 32 letters, digits, '.', '_' or '-', but was '%s'",
              what, name, version));
    }
    if (index.putIfAbsent(name, i) != null) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "%s '%s': the name is declared twice", what, name));
    }
    names[i] = name;
  }

  private static int fingerprint(String canonical) {
    byte[] digest = sha256(canonical);
    return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8)
        | (digest[3] & 0xff);
  }

  /** Ratios, scores and segments from the features' values, in declaration order. */
  private void derive(Object[] states, double[] values) {
    int n = defs.length;
    for (int i = 0; i < n; i++) {
      if (numerators[i] >= 0) {
        double den = values[denominators[i]];
        values[i] = den == 0 ? 0 : values[numerators[i]] / den;
      }
    }
    if (names.length == n) {
      return;
    }
    java.util.function.ToDoubleFunction<String> read = name -> values[index.get(name)];
    for (int k = 0; k < models.size(); k++) {
      int i = n + k;
      values[i] = models.get(k).score(read);
      states[i] = versions[i];
    }
    for (int k = 0; k < segments.size(); k++) {
      int i = n + models.size() + k;
      values[i] = segments.get(k).test(read) ? 1 : 0;
      states[i] = versions[i];
    }
  }

  private int operand(FeatureDefinition.Ratio r, String name, Map<String, Integer> index) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "ratio '%s' divides by or reads '%s', which is not declared; declared: %s",
              r.name(), name, String.join(", ", names)));
    }
    if (defs[i] instanceof FeatureDefinition.Ratio) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "ratio '%s' reads '%s', which is a ratio itself; a ratio reads two features of"
                  + " another kind",
              r.name(), name));
    }
    return i;
  }

  /** The set that declares no feature. */
  public static FeatureSet none() {
    return NONE;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The definitions, in declaration order. */
  public List<FeatureDefinition> definitions() {
    return definitions;
  }

  /** The scoring models, in the order they score. */
  public List<ScoringModel> models() {
    return models;
  }

  /** The segments, in declaration order. */
  public List<Segment> segments() {
    return segments;
  }

  /** Every name a rule may read: features, then models, then segments, in declaration order. */
  public List<String> names() {
    return List.of(names);
  }

  /** The definition of {@code name}, if declared. */
  public Optional<FeatureDefinition> definition(String name) {
    for (FeatureDefinition d : defs) {
      if (d.name().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** Returns {@code true} when {@code name} is a declared feature, model or segment. */
  public boolean declares(String name) {
    return index.containsKey(name);
  }

  /** How much older than the features' time a signal may be and still count. */
  public Duration lateness() {
    return lateness;
  }

  /** The content hash of the definitions and the lateness: 32 hexadecimal digits; empty if none. */
  public String hash() {
    return hash;
  }

  /** Returns {@code true} when no feature, model or segment is declared. */
  public boolean isEmpty() {
    return names.length == 0;
  }

  /**
   * The features after {@code signal}: a pure function of its arguments (see the class comment
   * for time and lateness).
   *
   * @param prior the subject's features so far ({@link FeatureSnapshot#EMPTY} for a new subject,
   *     or features of another version of the set)
   * @param signal the signal
   */
  public FeatureSnapshot fold(FeatureSnapshot prior, Signal signal) {
    Objects.requireNonNull(signal, "signal");
    return fold(prior, signal.occurredAt(), signal);
  }

  /**
   * The features read at {@code at} with no new signal: windows slide, sums decay, last-seen
   * times grow. A time before the features' own changes nothing (time never moves back).
   */
  public FeatureSnapshot advance(FeatureSnapshot prior, Instant at) {
    Objects.requireNonNull(at, "at");
    return fold(prior, at, null);
  }

  /** The features of a subject whose signals are {@code signals}, folded in this order. */
  public FeatureSnapshot backfill(Iterable<Signal> signals) {
    FeatureSnapshot features = FeatureSnapshot.EMPTY;
    for (Signal signal : signals) {
      features = fold(features, signal);
    }
    return features;
  }

  /**
   * The features of one subject made of two (an identity merge): both are read at the later of
   * their times, then combined kind by kind.
   *
   * <ul>
   *   <li>a window count adds bucket by bucket (buckets out of the window at the later time are
   *       dropped);
   *   <li>a decayed sum adds both sums decayed to the later time;
   *   <li>a distinct count unites both sets of values up to its cap; it is saturated when either
   *       was, or when the union exceeds the cap;
   *   <li>a last-seen feature takes the later of both signals;
   *   <li>a latest value takes the value of the later signal; at the same time, {@code into}'s
   *       (which signal arrived later across two subjects is not known);
   *   <li>recent signals keep the latest {@code keep} of both, newest first (at the same time,
   *       {@code into}'s first);
   *   <li>ratios, scores and segments are derived again from the combined values;
   *   <li>{@linkplain FeatureSnapshot#late() late} counts add.
   * </ul>
   *
   * <p>The result equals the features folded from both subjects' signals together wherever the
   * kind allows it: exactly for windows, distinct counts (value and saturation; past the cap the
   * hashes kept may differ), last-seen and counts of late signals, up to rounding for decayed
   * sums, and for latest values and recent signals unless two signals share a time. What cannot be exact:
   * a signal that was in time for its own subject but would have been late in the union's order
   * (more than {@link #lateness()} older than the other subject's latest signal) stays counted.
   * Features of another version of the set are migrated first, as {@link #fold} does.
   *
   * @param into the survivor's features
   * @param other an absorbed subject's features
   */
  public FeatureSnapshot merge(FeatureSnapshot into, FeatureSnapshot other) {
    Objects.requireNonNull(into, "into");
    Objects.requireNonNull(other, "other");
    int total = names.length;
    if (total == 0) {
      return FeatureSnapshot.EMPTY;
    }
    if (other.asOf == null && other.late == 0) {
      return into; // nothing folded into the other: the survivor's unchanged
    }
    if (into.asOf == null && into.late == 0) {
      return other.hash.equals(hash) ? other : migrate(other);
    }
    FeatureSnapshot a = into.hash.equals(hash) ? into : migrate(into);
    FeatureSnapshot b = other.hash.equals(hash) ? other : migrate(other);
    Instant asOf =
        a.asOf == null ? b.asOf : b.asOf == null || !b.asOf.isAfter(a.asOf) ? a.asOf : b.asOf;
    if (asOf != null) {
      a = fold(a, asOf, null);
      b = fold(b, asOf, null);
    }
    int n = defs.length;
    Object[] states = new Object[total];
    double[] values = new double[total];
    for (int i = 0; i < n; i++) {
      Object sa = a.states[i];
      Object sb = b.states[i];
      switch (defs[i].kind()) {
        case WINDOW_COUNT: {
          FeatureSnapshot.Window w = FeatureSnapshot.Window.add((FeatureSnapshot.Window) sa, (FeatureSnapshot.Window) sb);
          states[i] = w;
          values[i] = w.total;
          break;
        }
        case DECAYED_SUM:
          states[i] = FeatureSnapshot.DECAY;
          values[i] = a.values[i] + b.values[i];
          break;
        case DISTINCT_COUNT: {
          FeatureSnapshot.Distinct u =
              unite((FeatureSnapshot.Distinct) sa, (FeatureSnapshot.Distinct) sb,
                  ((FeatureDefinition.DistinctCount) defs[i]).cap());
          states[i] = u;
          values[i] = u.hashes.length;
          break;
        }
        case LAST_SEEN: {
          Object last = sa;
          if (sb instanceof Instant tb && (!(sa instanceof Instant ta) || tb.isAfter(ta))) {
            last = sb;
          }
          states[i] = last;
          values[i] = last instanceof Instant at ? seconds(at, asOf) : Double.POSITIVE_INFINITY;
          break;
        }
        case LATEST_VALUE: {
          FeatureSnapshot.Latest la = (FeatureSnapshot.Latest) sa;
          FeatureSnapshot.Latest lb = (FeatureSnapshot.Latest) sb;
          boolean takeB = lb.at != null && (la.at == null || lb.at.isAfter(la.at));
          states[i] = takeB ? lb : la;
          values[i] = takeB ? b.values[i] : a.values[i];
          break;
        }
        case RECENT: {
          FeatureSnapshot.Recents r = latest((FeatureSnapshot.Recents) sa, (FeatureSnapshot.Recents) sb,
              ((FeatureDefinition.Recent) defs[i]).keep());
          states[i] = r;
          values[i] = r.signals.length;
          break;
        }
        case RATIO:
          states[i] = FeatureSnapshot.RATIO;
          break;
        default:
          throw new IllegalStateException("unknown feature kind " + defs[i].kind());
      }
    }
    derive(states, values);
    return new FeatureSnapshot(hash, asOf, a.late + b.late, names, fingerprints, states, values);
  }

  /**
   * The {@code keep} latest of two subjects' kept signals, newest first (at the same time,
   * {@code a}'s first: which arrived later across two subjects is not known).
   */
  private static FeatureSnapshot.Recents latest(FeatureSnapshot.Recents a, FeatureSnapshot.Recents b, int keep) {
    if (b.signals.length == 0) {
      return a;
    }
    if (a.signals.length == 0) {
      return b;
    }
    int n = Math.min(keep, a.signals.length + b.signals.length);
    FeatureSnapshot.RecentSignal[] out = new FeatureSnapshot.RecentSignal[n];
    int i = 0;
    int j = 0;
    for (int k = 0; k < n; k++) {
      boolean takeA = j >= b.signals.length
          || (i < a.signals.length && !b.signals[j].occurredAt().isAfter(a.signals[i].occurredAt()));
      out[k] = takeA ? a.signals[i++] : b.signals[j++];
    }
    return new FeatureSnapshot.Recents(out);
  }

  /** The union of two distinct sets, at most {@code cap} hashes (the smallest kept). */
  private static FeatureSnapshot.Distinct unite(
      FeatureSnapshot.Distinct a, FeatureSnapshot.Distinct b, int cap) {
    java.util.TreeSet<Long> union = new java.util.TreeSet<>();
    for (long h : a.hashes) {
      union.add(h);
    }
    for (long h : b.hashes) {
      union.add(h);
    }
    boolean saturated = a.saturated || b.saturated || union.size() > cap;
    long[] hashes = new long[Math.min(cap, union.size())];
    int k = 0;
    for (long h : union) {
      if (k == hashes.length) {
        break;
      }
      hashes[k++] = h;
    }
    return new FeatureSnapshot.Distinct(hashes, saturated);
  }

  private FeatureSnapshot fold(FeatureSnapshot prior, Instant t, Signal signal) {
    Objects.requireNonNull(prior, "prior");
    int n = defs.length;
    int total = names.length;
    if (total == 0) {
      return FeatureSnapshot.EMPTY;
    }
    FeatureSnapshot base = prior.hash.equals(hash) ? prior : migrate(prior);
    Instant before = base.asOf;
    Instant asOf = before == null || t.isAfter(before) ? t : before;
    boolean late = before != null && seconds(t, before) > latenessSeconds;
    Object[] states = new Object[total];
    double[] values = new double[total];
    boolean lateMatch = false;
    boolean changed = before != asOf; // identity: a new time
    for (int i = 0; i < n; i++) {
      FeatureDefinition d = defs[i];
      Object state = base.states[i];
      double value = base.values[i];
      boolean match = signal != null && !(d instanceof FeatureDefinition.Ratio) && matches(d, signal);
      if (match && late) {
        lateMatch = true;
        match = false;
      }
      switch (d.kind()) {
        case WINDOW_COUNT: {
          FeatureSnapshot.Window w = window((FeatureSnapshot.Window) state, i, asOf, match ? t : null);
          state = w;
          value = w.total;
          break;
        }
        case DECAYED_SUM: {
          FeatureDefinition.DecayedSum s = (FeatureDefinition.DecayedSum) d;
          if (before != null && before != asOf) {
            value *= decay(before, asOf, halfLifeSeconds[i]);
          }
          if (match) {
            value += weight(s, signal) * decay(t, asOf, halfLifeSeconds[i]);
          }
          break;
        }
        case DISTINCT_COUNT: {
          FeatureDefinition.DistinctCount c = (FeatureDefinition.DistinctCount) d;
          if (match) {
            Object v = signal.attributes().get(c.attribute());
            if (v != null) {
              state = add((FeatureSnapshot.Distinct) state, Names.hash64(String.valueOf(v)), c.cap());
            }
          }
          value = ((FeatureSnapshot.Distinct) state).hashes.length;
          break;
        }
        case LAST_SEEN: {
          if (match && (!(state instanceof Instant last) || t.isAfter(last))) {
            state = t;
          }
          value = state instanceof Instant last ? seconds(last, asOf) : Double.POSITIVE_INFINITY;
          break;
        }
        case LATEST_VALUE: {
          if (match) {
            Object v = signal.attributes().get(((FeatureDefinition.LatestValue) d).attribute());
            FeatureSnapshot.Latest latest = (FeatureSnapshot.Latest) state;
            if (v instanceof Number number && Double.isFinite(number.doubleValue())
                && (latest.at == null || !t.isBefore(latest.at))) {
              state = new FeatureSnapshot.Latest(t);
              value = number.doubleValue();
            }
          }
          break;
        }
        case RECENT: {
          if (match) {
            state = remember((FeatureSnapshot.Recents) state, (FeatureDefinition.Recent) d, signal, t);
            value = ((FeatureSnapshot.Recents) state).signals.length;
          }
          break;
        }
        case RATIO:
          break;
        default:
          throw new IllegalStateException("unknown feature kind " + d.kind());
      }
      states[i] = state;
      values[i] = value;
      changed |= state != base.states[i];
    }
    derive(states, values);
    long lateCount = base.late + (lateMatch ? 1 : 0);
    if (!changed && !lateMatch && Arrays.equals(values, base.values)) {
      return base;
    }
    return new FeatureSnapshot(hash, asOf, lateCount, names, fingerprints, states, values);
  }

  private static boolean matches(FeatureDefinition d, Signal signal) {
    SignalMatch match =
        switch (d.kind()) {
          case WINDOW_COUNT -> ((FeatureDefinition.WindowCount) d).match();
          case DECAYED_SUM -> ((FeatureDefinition.DecayedSum) d).match();
          case DISTINCT_COUNT -> ((FeatureDefinition.DistinctCount) d).match();
          case LAST_SEEN -> ((FeatureDefinition.LastSeen) d).match();
          case LATEST_VALUE -> ((FeatureDefinition.LatestValue) d).match();
          case RECENT -> ((FeatureDefinition.Recent) d).match();
          case RATIO -> null;
        };
    return match != null && match.matches(signal);
  }

  private static double weight(FeatureDefinition.DecayedSum s, Signal signal) {
    if (s.weightAttribute().isPresent()) {
      Object v = signal.attributes().get(s.weightAttribute().get());
      if (v instanceof Number number && Double.isFinite(number.doubleValue())) {
        return number.doubleValue();
      }
    }
    return s.weight();
  }

  /** {@code 2^(-(to - from) / halfLife)}. */
  static double decay(Instant from, Instant to, double halfLifeSeconds) {
    return Math.pow(0.5, seconds(from, to) / halfLifeSeconds);
  }

  /** {@code to - from} in seconds, without allocating a {@link Duration}. */
  static double seconds(Instant from, Instant to) {
    return (to.getEpochSecond() - from.getEpochSecond()) + (to.getNano() - from.getNano()) / 1e9;
  }

  static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  /** Drops the buckets out of the window ending at {@code asOf} and counts {@code at}, if any. */
  private FeatureSnapshot.Window window(FeatureSnapshot.Window w, int i, Instant asOf, Instant at) {
    long size = bucketSeconds[i];
    long head = Math.floorDiv(asOf.getEpochSecond(), size);
    long oldest = head - bucketCounts[i] + 1;
    FeatureSnapshot.Window kept = w;
    int len = w.counts.length;
    if (len > 0 && w.first < oldest) {
      long drop = oldest - w.first;
      kept = drop >= len
          ? FeatureSnapshot.Window.EMPTY
          : FeatureSnapshot.Window.of(oldest, Arrays.copyOfRange(w.counts, (int) drop, len));
    }
    if (at == null) {
      return kept;
    }
    long bucket = Math.floorDiv(at.getEpochSecond(), size);
    if (bucket < oldest) {
      return kept;
    }
    int n = kept.counts.length;
    if (n == 0) {
      return new FeatureSnapshot.Window(bucket, new int[] {1}, 1);
    }
    long lo = Math.min(kept.first, bucket);
    long hi = Math.max(kept.first + n - 1, bucket);
    int[] next;
    if (lo == kept.first && hi == kept.first + n - 1) {
      next = kept.counts.clone();
    } else {
      next = new int[(int) (hi - lo + 1)];
      System.arraycopy(kept.counts, 0, next, (int) (kept.first - lo), n);
    }
    int k = (int) (bucket - lo);
    boolean full = next[k] == Integer.MAX_VALUE; // saturates: 2^31 signals in one bucket
    if (!full) {
      next[k]++;
    }
    return new FeatureSnapshot.Window(lo, next, kept.total + (full ? 0 : 1));
  }

  private static FeatureSnapshot.Distinct add(FeatureSnapshot.Distinct set, long h, int cap) {
    int pos = Arrays.binarySearch(set.hashes, h);
    if (pos >= 0) {
      return set;
    }
    if (set.hashes.length >= cap) {
      return set.saturated ? set : new FeatureSnapshot.Distinct(set.hashes, true);
    }
    int insert = -pos - 1;
    long[] next = new long[set.hashes.length + 1];
    System.arraycopy(set.hashes, 0, next, 0, insert);
    next[insert] = h;
    System.arraycopy(set.hashes, insert, next, insert + 1, set.hashes.length - insert);
    return new FeatureSnapshot.Distinct(next, set.saturated);
  }

  /**
   * The kept signals with {@code signal} (at {@code t}) inserted by time, newest first (before
   * any kept at the same time), the oldest dropped beyond {@code keep}.
   */
  private static FeatureSnapshot.Recents remember(
      FeatureSnapshot.Recents kept, FeatureDefinition.Recent d, Signal signal, Instant t) {
    FeatureSnapshot.RecentSignal[] old = kept.signals;
    int pos = 0;
    while (pos < old.length && old[pos].occurredAt().isAfter(t)) {
      pos++;
    }
    if (pos >= d.keep()) {
      return kept; // older than every kept signal, and the list is full
    }
    Object v = signal.attributes().get(d.attribute());
    String value = v == null ? "" : String.valueOf(v);
    if (value.length() > FeatureDefinition.MAX_RECENT_VALUE) {
      value = value.substring(0, FeatureDefinition.MAX_RECENT_VALUE);
    }
    int size = Math.min(d.keep(), old.length + 1);
    FeatureSnapshot.RecentSignal[] next = new FeatureSnapshot.RecentSignal[size];
    System.arraycopy(old, 0, next, 0, pos);
    next[pos] = new FeatureSnapshot.RecentSignal(signal.type(), t, value);
    System.arraycopy(old, pos, next, pos + 1, size - pos - 1);
    return new FeatureSnapshot.Recents(next);
  }

  /** Features of another version of the set: unchanged definitions keep their state. */
  private FeatureSnapshot migrate(FeatureSnapshot prior) {
    int n = defs.length;
    Object[] states = new Object[names.length];
    double[] values = new double[names.length];
    for (int i = 0; i < n; i++) {
      int j = prior.indexOf(names[i]);
      if (j >= 0 && prior.fingerprints[j] == fingerprints[i]) {
        states[i] = prior.states[j];
        values[i] = prior.values[j];
      } else {
        states[i] = fresh.states[i];
        values[i] = fresh.values[i];
      }
    }
    derive(states, values);
    return new FeatureSnapshot(hash, prior.asOf, prior.late, names, fingerprints, states, values);
  }

  private static Object freshState(FeatureDefinition d) {
    return switch (d.kind()) {
      case WINDOW_COUNT -> FeatureSnapshot.Window.EMPTY;
      case DECAYED_SUM -> FeatureSnapshot.DECAY;
      case DISTINCT_COUNT -> FeatureSnapshot.Distinct.NONE;
      case LAST_SEEN -> FeatureSnapshot.LAST_NONE;
      case LATEST_VALUE -> FeatureSnapshot.Latest.NONE;
      case RATIO -> FeatureSnapshot.RATIO;
      case RECENT -> FeatureSnapshot.Recents.NONE;
    };
  }

  private static double freshValue(FeatureDefinition d) {
    return d.kind() == FeatureDefinition.Kind.LAST_SEEN ? Double.POSITIVE_INFINITY : 0;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSet other && other.hash.equals(hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureSet" + names() + (hash.isEmpty() ? "" : "#" + hash.substring(0, 12));
  }

  /**
   * Configures a {@link FeatureSet}. Setters validate at once; {@link #build()} checks the set as
   * a whole (no name twice, ratios over declared features). Not thread-safe.
   */
  public static final class Builder {
    private final List<FeatureDefinition> definitions = new ArrayList<>();
    private final List<ScoringModel> models = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private Duration lateness = DEFAULT_LATENESS;

    Builder() {}

    /** Adds a definition. */
    public Builder feature(FeatureDefinition definition) {
      definitions.add(Objects.requireNonNull(definition, "definition"));
      if (definitions.size() > MAX_FEATURES) {
        throw new IllegalArgumentException(
            "a journey may declare at most " + MAX_FEATURES + " features");
      }
      return this;
    }

    /** Adds a scoring model; models score in the order added, after every feature. */
    public Builder score(ScoringModel model) {
      models.add(Objects.requireNonNull(model, "model"));
      return this;
    }

    /** Adds a segment; segments are decided in the order added, after every model. */
    public Builder segment(Segment segment) {
      segments.add(Objects.requireNonNull(segment, "segment"));
      return this;
    }

    /** Adds a {@link FeatureDefinition.WindowCount} with the default bucket. */
    public Builder windowCount(String name, SignalMatch match, Duration window) {
      return feature(FeatureDefinition.WindowCount.of(name, match, window));
    }

    /** Adds a {@link FeatureDefinition.DecayedSum} of weight 1. */
    public Builder decayedSum(String name, SignalMatch match, Duration halfLife) {
      return feature(FeatureDefinition.DecayedSum.of(name, match, halfLife));
    }

    /** Adds a {@link FeatureDefinition.DistinctCount} with the default cap. */
    public Builder distinctCount(String name, SignalMatch match, String attribute) {
      return feature(FeatureDefinition.DistinctCount.of(name, match, attribute));
    }

    /** Adds a {@link FeatureDefinition.LastSeen}. */
    public Builder lastSeen(String name, SignalMatch match) {
      return feature(new FeatureDefinition.LastSeen(name, match));
    }

    /** Adds a {@link FeatureDefinition.LatestValue}. */
    public Builder latestValue(String name, SignalMatch match, String attribute) {
      return feature(new FeatureDefinition.LatestValue(name, match, attribute));
    }

    /** Adds a {@link FeatureDefinition.Recent}: the latest {@code keep} matching signals. */
    public Builder recent(String name, SignalMatch match, String attribute, int keep) {
      return feature(new FeatureDefinition.Recent(name, match, attribute, keep));
    }

    /** Adds a {@link FeatureDefinition.Ratio}. */
    public Builder ratio(String name, String numerator, String denominator) {
      return feature(new FeatureDefinition.Ratio(name, numerator, denominator));
    }

    /**
     * How much older than the features' time a signal may be and still count; default {@link
     * #DEFAULT_LATENESS}.
     *
     * @throws IllegalArgumentException when negative or not whole seconds
     */
    public Builder lateness(Duration lateness) {
      Objects.requireNonNull(lateness, "lateness");
      if (lateness.isNegative() || lateness.getNano() != 0) {
        throw new IllegalArgumentException(
            "lateness must be whole seconds, zero or more, but was " + lateness);
      }
      this.lateness = lateness;
      return this;
    }

    /**
     * Builds the set.
     *
     * @throws IllegalArgumentException when a name is declared twice, a ratio reads a feature
     *     that is not declared or is a ratio, or a model or segment reads a name not declared
     *     before it
     */
    public FeatureSet build() {
      if (definitions.isEmpty() && models.isEmpty() && segments.isEmpty()
          && lateness.equals(DEFAULT_LATENESS)) {
        return NONE;
      }
      return new FeatureSet(definitions, models, segments, lateness);
    }
  }
}
