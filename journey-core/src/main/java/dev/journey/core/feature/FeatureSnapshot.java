package dev.journey.core.feature;

import dev.journey.core.InvalidValueException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The features of one subject: for each declared feature its compact state and its value as of
 * {@link #asOf()}, the content hash of the {@link FeatureSet} that computed them and how many
 * signals arrived too late to count. Kept in the {@code JourneySnapshot}; a store persists it as
 * the text of {@link #encode()}.
 *
 * <p>Immutable and thread-safe. Made by {@link FeatureSet#fold} (or {@link #decode}), never
 * directly. Values are doubles: counts are whole numbers, a {@linkplain
 * FeatureDefinition.LastSeen last-seen} feature is the seconds since the signal ({@link
 * Double#POSITIVE_INFINITY} while there was none).
 */
public final class FeatureSnapshot {
  /** The features of a journey that declares none, or of a subject not folded yet. */
  public static final FeatureSnapshot EMPTY =
      new FeatureSnapshot("", null, 0, new String[0], new int[0], new Object[0], new double[0]);

  private static final String FORMAT = "f1";

  final String hash;
  final Instant asOf; // null: nothing folded yet
  final long late;
  final String[] names;
  final int[] fingerprints;
  final Object[] states;
  final double[] values;

  FeatureSnapshot(
      String hash,
      Instant asOf,
      long late,
      String[] names,
      int[] fingerprints,
      Object[] states,
      double[] values) {
    this.hash = hash;
    this.asOf = asOf;
    this.late = late;
    this.names = names;
    this.fingerprints = fingerprints;
    this.states = states;
    this.values = values;
  }

  /** The content hash of the feature set that computed these features; empty when none has. */
  public String hash() {
    return hash;
  }

  /** The time the values are read at: the latest {@code occurredAt} folded in; empty if none. */
  public Optional<Instant> asOf() {
    return Optional.ofNullable(asOf);
  }

  /** How many matching signals arrived beyond the lateness bound and were not counted. */
  public long late() {
    return late;
  }

  /** Returns {@code true} when there are no features. */
  public boolean isEmpty() {
    return names.length == 0;
  }

  /** The feature names, in declaration order. */
  public List<String> names() {
    return List.of(names);
  }

  /** Returns {@code true} when the feature {@code name} is here. */
  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  /**
   * A feature's value as of {@link #asOf()}.
   *
   * @throws UnknownFeatureException when the journey does not declare {@code name}
   */
  public double value(String name) {
    return values[index(name)];
  }

  /** Every value by name, in declaration order. */
  public Map<String, Double> values() {
    Map<String, Double> all = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      all.put(names[i], values[i]);
    }
    return Collections.unmodifiableMap(all);
  }

  /**
   * Whether a distinct count reached its cap (its value then means "at least the cap"); {@code
   * false} for every other kind.
   *
   * @throws UnknownFeatureException when the journey does not declare {@code name}
   */
  public boolean saturated(String name) {
    return states[index(name)] instanceof Distinct d && d.saturated;
  }

  /**
   * When a last-seen feature's latest signal occurred; empty while there was none or for another
   * kind.
   *
   * @throws UnknownFeatureException when the journey does not declare {@code name}
   */
  public Optional<Instant> lastSeen(String name) {
    return states[index(name)] instanceof Instant at ? Optional.of(at) : Optional.empty();
  }

  /**
   * One signal a {@linkplain FeatureDefinition.Recent recent-signals} feature keeps.
   *
   * @param type the signal's type
   * @param occurredAt when it occurred
   * @param value its declared attribute's value, empty when it had none
   */
  public record RecentSignal(String type, Instant occurredAt, String value) {
    /** Validates. */
    public RecentSignal {
      java.util.Objects.requireNonNull(type, "type");
      java.util.Objects.requireNonNull(occurredAt, "occurredAt");
      java.util.Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The signals a recent-signals feature keeps, newest first; empty for another kind.
   *
   * @throws UnknownFeatureException when the journey does not declare {@code name}
   */
  public List<RecentSignal> recent(String name) {
    return states[index(name)] instanceof Recents r ? List.of(r.signals) : List.of();
  }

  /** The state of a recent-signals feature: the kept signals, newest first; immutable by convention. */
  static final class Recents {
    static final Recents NONE = new Recents(new RecentSignal[0]);
    final RecentSignal[] signals;

    Recents(RecentSignal[] signals) {
      this.signals = signals;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Recents r && Arrays.equals(r.signals, signals);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(signals);
    }
  }

  private int index(String name) {
    int i = indexOf(name);
    if (i < 0) {
      throw new UnknownFeatureException(name, names());
    }
    return i;
  }

  int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The state of a window count, compact: the counts of consecutive buckets from bucket {@code
   * first} on, as an {@code int[]} (4 bytes a bucket, empty buckets between counted ones
   * included; no empty bucket at either end), and their total. At most the window's number of
   * buckets; {@link #EMPTY} is shared. Immutable by convention.
   */
  static final class Window {
    static final Window EMPTY = new Window(0, new int[0], 0);
    final long first;
    final int[] counts;
    final long total;

    Window(long first, int[] counts, long total) {
      this.first = first;
      this.counts = counts;
      this.total = total;
    }

    /** A window of {@code counts} from bucket {@code first}, trimmed of empty buckets at both ends. */
    static Window of(long first, int[] counts) {
      int from = 0;
      int to = counts.length;
      while (from < to && counts[from] == 0) {
        from++;
      }
      while (to > from && counts[to - 1] == 0) {
        to--;
      }
      if (from == to) {
        return EMPTY;
      }
      int[] kept = from == 0 && to == counts.length ? counts : Arrays.copyOfRange(counts, from, to);
      long total = 0;
      for (int c : kept) {
        total += c;
      }
      return new Window(first + from, kept, total);
    }

    /**
     * Two windows added bucket by bucket (for an identity merge of two subjects' features read at
     * the same time, so both lie inside the same window).
     */
    static Window add(Window a, Window b) {
      if (a.counts.length == 0) {
        return b;
      }
      if (b.counts.length == 0) {
        return a;
      }
      long lo = Math.min(a.first, b.first);
      long hi = Math.max(a.first + a.counts.length, b.first + b.counts.length);
      int[] sum = new int[(int) (hi - lo)];
      for (int k = 0; k < a.counts.length; k++) {
        sum[(int) (a.first - lo) + k] += a.counts[k];
      }
      for (int k = 0; k < b.counts.length; k++) {
        int at = (int) (b.first - lo) + k;
        sum[at] = (int) Math.min(Integer.MAX_VALUE, (long) sum[at] + b.counts[k]);
      }
      return of(lo, sum);
    }

    /** How many buckets have a count. */
    int entries() {
      int n = 0;
      for (int c : counts) {
        n += c == 0 ? 0 : 1;
      }
      return n;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Window w && w.first == first && w.total == total && Arrays.equals(w.counts, counts);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(first) * 31 + Arrays.hashCode(counts);
    }
  }

  /** The set of distinct hashes of a distinct count, sorted; immutable by convention. */
  static final class Distinct {
    static final Distinct NONE = new Distinct(new long[0], false);
    final long[] hashes;
    final boolean saturated;

    Distinct(long[] hashes, boolean saturated) {
      this.hashes = hashes;
      this.saturated = saturated;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Distinct d && d.saturated == saturated && Arrays.equals(d.hashes, hashes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(hashes) * 31 + (saturated ? 1 : 0);
    }
  }

  /**
   * An upper bound of the length of {@link #encode()}, computed without encoding (the engine
   * checks snapshot sizes on every commit).
   */
  public long encodedLengthBound() {
    if (names.length == 0) {
      return 0;
    }
    long n = 64 + hash.length();
    for (int i = 0; i < names.length; i++) {
      n += 40 + names[i].length();
      Object state = states[i];
      if (state instanceof Window w) {
        n += 42L * w.entries();
      } else if (state instanceof Distinct d) {
        n += 17L * d.hashes.length + 2;
      } else if (state instanceof Instant || state instanceof Latest) {
        n += 31;
      } else if (state instanceof Versioned v) {
        n += v.version.length();
      } else if (state instanceof Recents r) {
        for (RecentSignal e : r.signals) {
          n += 34 + 3L * e.type().length() + 3L * e.value().length();
        }
      }
    }
    return n;
  }

  /**
   * The features as one line of text (no JSON needed), which {@link #decode} reads back equal:
   * {@code f1;hash;asOf;late} and per feature {@code ;name,fingerprint,kind,value,state}. The
   * empty snapshot is the empty string.
   */
  public String encode() {
    if (names.length == 0 && asOf == null && late == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder(128 + 32 * names.length);
    b.append(FORMAT).append(';').append(hash).append(';');
    appendInstant(b, asOf);
    b.append(';').append(late);
    for (int i = 0; i < names.length; i++) {
      b.append(';').append(names[i]).append(',').append(Integer.toHexString(fingerprints[i]));
      Object state = states[i];
      if (state instanceof Window w) {
        b.append(",W,").append(values[i]).append(',');
        boolean firstEntry = true;
        for (int k = 0; k < w.counts.length; k++) {
          if (w.counts[k] == 0) {
            continue;
          }
          if (!firstEntry) {
            b.append('/');
          }
          firstEntry = false;
          b.append(w.first + k).append('*').append(w.counts[k]);
        }
      } else if (state instanceof Distinct d) {
        b.append(",X,").append(values[i]).append(',').append(d.saturated ? '1' : '0');
        for (long h : d.hashes) {
          b.append('/').append(Long.toHexString(h));
        }
      } else if (state instanceof Instant at) {
        b.append(",L,").append(values[i]).append(',');
        appendInstant(b, at);
      } else if (state == LAST_NONE) {
        b.append(",L,").append(values[i]).append(",-");
      } else if (state instanceof Latest l) {
        b.append(",A,").append(values[i]).append(',');
        appendInstant(b, l.at);
      } else if (state instanceof Versioned v) {
        b.append(",V,").append(values[i]).append(',').append(v.version);
      } else if (state == RATIO) {
        b.append(",R,").append(values[i]).append(',');
      } else if (state instanceof Recents r) {
        b.append(",N,").append(values[i]).append(',');
        for (int k = 0; k < r.signals.length; k++) {
          if (k > 0) {
            b.append('/');
          }
          RecentSignal e = r.signals[k];
          appendInstant(b, e.occurredAt());
          b.append('~').append(escape(e.type())).append('~').append(escape(e.value()));
        }
      } else {
        b.append(",D,").append(values[i]).append(',');
      }
    }
    return b.toString();
  }

  /** The state of a score or a segment: the version of the model or segment that computed it. */
  static final class Versioned {
    final String version;

    Versioned(String version) {
      this.version = version;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Versioned v && v.version.equals(version);
    }

    @Override
    public int hashCode() {
      return version.hashCode();
    }
  }

  /**
   * The version of the model or segment that computed {@code name}; empty for a feature.
   *
   * @throws UnknownFeatureException when the journey does not declare {@code name}
   */
  public Optional<String> version(String name) {
    return states[index(name)] instanceof Versioned v ? Optional.of(v.version) : Optional.empty();
  }

  /** The state of a latest value: when its signal occurred. */
  static final class Latest {
    static final Latest NONE = new Latest(null);
    final Instant at; // null: none yet

    Latest(Instant at) {
      this.at = at;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Latest l && java.util.Objects.equals(l.at, at);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hashCode(at);
    }
  }

  /** The state of a decayed sum: its value is its whole state. */
  static final Object DECAY = new Object();
  /** The state of a ratio: derived, nothing to keep. */
  static final Object RATIO = new Object();
  /** The state of a last-seen feature before its first signal. */
  static final Object LAST_NONE = new Object();

  private static String escape(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String unescape(String text) {
    return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void appendInstant(StringBuilder b, Instant at) {
    if (at == null) {
      b.append('-');
    } else {
      b.append(at.getEpochSecond()).append('.').append(at.getNano());
    }
  }

  /**
   * Reads the text of {@link #encode()}.
   *
   * @throws InvalidValueException when the text is not such a text (the message says which part)
   */
  public static FeatureSnapshot decode(String text) {
    if (text == null || text.isEmpty()) {
      return EMPTY;
    }
    String[] parts = text.split(";", -1);
    if (parts.length < 4 || !parts[0].equals(FORMAT)) {
      throw invalid("the header", "'f1;hash;asOf;late'", text);
    }
    try {
      Instant asOf = instant(parts[2]);
      long late = Long.parseLong(parts[3]);
      int n = parts.length - 4;
      String[] names = new String[n];
      int[] fingerprints = new int[n];
      Object[] states = new Object[n];
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        String[] f = parts[4 + i].split(",", -1);
        if (f.length != 5) {
          throw invalid("feature " + (i + 1), "'name,fingerprint,kind,value,state'", parts[4 + i]);
        }
        Names.check(f[0]);
        names[i] = f[0];
        fingerprints[i] = Integer.parseUnsignedInt(f[1], 16);
        values[i] = Double.parseDouble(f[3]);
        states[i] = state(f[2], f[4], f[0]);
      }
      return new FeatureSnapshot(parts[1], asOf, late, names, fingerprints, states, values);
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw invalid("a number", "a decimal or hexadecimal number as encode() writes it",
          e.getMessage());
    } catch (IllegalArgumentException e) {
      throw invalid("a feature name", "a valid feature name", e.getMessage());
    }
  }

  private static Object state(String kind, String state, String name) {
    switch (kind) {
      case "W": {
        if (state.isEmpty()) {
          return Window.EMPTY;
        }
        String[] entries = state.split("/", -1);
        long[] buckets = new long[entries.length];
        int[] counts = new int[entries.length];
        for (int k = 0; k < entries.length; k++) {
          int star = entries[k].indexOf('*');
          if (star < 0) {
            throw invalid("window state of " + name, "'bucket*count' entries", entries[k]);
          }
          buckets[k] = Long.parseLong(entries[k].substring(0, star));
          counts[k] = Integer.parseInt(entries[k].substring(star + 1));
          if ((k > 0 && buckets[k] <= buckets[k - 1]) || counts[k] < 0) {
            throw invalid("window state of " + name, "increasing buckets with counts >= 0", entries[k]);
          }
        }
        long span = buckets[entries.length - 1] - buckets[0] + 1;
        if (span > FeatureDefinition.MAX_BUCKETS) {
          throw invalid("window state of " + name,
              "buckets at most " + FeatureDefinition.MAX_BUCKETS + " apart", span + " apart");
        }
        int[] dense = new int[(int) span];
        for (int k = 0; k < entries.length; k++) {
          dense[(int) (buckets[k] - buckets[0])] = counts[k];
        }
        return Window.of(buckets[0], dense);
      }
      case "X": {
        String[] entries = state.split("/", -1);
        if (!entries[0].equals("0") && !entries[0].equals("1")) {
          throw invalid("distinct state of " + name, "'0' or '1' then hashes", state);
        }
        long[] hashes = new long[entries.length - 1];
        for (int k = 1; k < entries.length; k++) {
          hashes[k - 1] = Long.parseUnsignedLong(entries[k], 16);
        }
        return new Distinct(hashes, entries[0].equals("1"));
      }
      case "L":
        return state.equals("-") ? LAST_NONE : instant(state);
      case "D":
        return DECAY;
      case "A": {
        Instant at = instant(state);
        return at == null ? Latest.NONE : new Latest(at);
      }
      case "V":
        if (state.isEmpty() || state.contains(";") || state.contains(",")) {
          throw invalid("version of " + name, "a version without ';' or ','", state);
        }
        return new Versioned(state);
      case "R":
        return RATIO;
      case "N": {
        if (state.isEmpty()) {
          return Recents.NONE;
        }
        String[] entries = state.split("/", -1);
        RecentSignal[] kept = new RecentSignal[entries.length];
        for (int k = 0; k < entries.length; k++) {
          String[] e = entries[k].split("~", -1);
          Instant at = e.length == 3 ? instant(e[0]) : null;
          if (at == null) {
            throw invalid("recent signals of " + name, "'seconds.nanos~type~value' entries", entries[k]);
          }
          kept[k] = new RecentSignal(unescape(e[1]), at, unescape(e[2]));
        }
        return new Recents(kept);
      }
      default:
        throw invalid("the kind of feature " + name, "one of W, X, L, A, D, R, V, N", kind);
    }
  }

  private static Instant instant(String text) {
    if (text.equals("-")) {
      return null;
    }
    int dot = text.indexOf('.');
    if (dot < 0) {
      throw new NumberFormatException("instant '" + text + "' is not seconds.nanos");
    }
    return Instant.ofEpochSecond(
        Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
  }

  private static InvalidValueException invalid(String where, String allowed, String found) {
    String shown = found == null ? "nothing" : found.length() > 80 ? found.substring(0, 80) + "..." : found;
    return new InvalidValueException("features (" + where + ")", allowed, "'" + shown + "'");
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FeatureSnapshot other)) {
      return false;
    }
    if (!hash.equals(other.hash)
        || late != other.late
        || !java.util.Objects.equals(asOf, other.asOf)
        || !Arrays.equals(names, other.names)
        || !Arrays.equals(fingerprints, other.fingerprints)
        || !Arrays.equals(values, other.values)) {
      return false;
    }
    for (int i = 0; i < states.length; i++) {
      Object a = states[i];
      Object b = other.states[i];
      boolean same = a.equals(b);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hash.hashCode() * 31 + Arrays.hashCode(values);
  }

  /** Names and values only: features are numbers, never personal data. */
  @Override
  public String toString() {
    if (names.length == 0) {
      return "{}";
    }
    List<String> shown = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      shown.add(String.format(Locale.ROOT, "%s=%s", names[i], values[i]));
    }
    return "{" + String.join(", ", shown) + (late > 0 ? ", late=" + late : "") + "}";
  }
}
