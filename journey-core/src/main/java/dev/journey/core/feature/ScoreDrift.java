package dev.journey.core.feature;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The drift of score distributions: for each watched score, per model version and feature-set
 * version (its content hash), a histogram of the scores decisions saw in the <em>reference</em>
 * window (the first window it was observed in) and one of the <em>current</em> window (the latest),
 * compared by the population stability index
 *
 * <pre>PSI = Σ (cᵢ − rᵢ) · ln(cᵢ / rᵢ)</pre>
 *
 * over the bins, {@code rᵢ} and {@code cᵢ} being the share of the reference's and the current
 * window's scores in bin {@code i} (a share below {@value #MIN_SHARE} counts as {@value
 * #MIN_SHARE}, so an empty bin does not make it infinite). A common reading: below 0.1 stable,
 * 0.1 to 0.25 a moderate shift, above 0.25 a large one.
 *
 * <p>Windows are tumbling, aligned to the epoch ({@code floor(epochSecond / window)}), on the time
 * each observation is given (an engine's decision time, from its clock): nothing here reads a
 * clock. Feed it from the metrics SPI ({@code JourneyMeters} in {@code journey-micrometer} does,
 * from each committed audit record's features) or from a log. Observations older than the current
 * window are ignored. At most {@value #MAX_SERIES} series (score, version, feature set) are kept;
 * later ones are not tracked.
 *
 * <p>Thread-safe (its methods synchronize). Build with {@link #builder()}.
 */
public final class ScoreDrift {
  /** The smallest share a bin counts with. */
  public static final double MIN_SHARE = 1e-4;
  /** The most series kept. */
  public static final int MAX_SERIES = 64;
  /** The window when none is given: 7 days. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
  /** The bins when none are given. */
  public static final int DEFAULT_BINS = 10;

  /**
   * The drift of one series.
   *
   * @param score the score's (its model's) name
   * @param version the model's version
   * @param featureSet the content hash of the feature set that computed it
   * @param referenceStart where the reference window starts
   * @param currentStart where the current window starts (equal to the reference's while there is
   *     only one)
   * @param reference scores per bin in the reference window
   * @param current scores per bin in the current window
   * @param psi the population stability index of the current window against the reference
   */
  public record Drift(
      String score,
      String version,
      String featureSet,
      Instant referenceStart,
      Instant currentStart,
      List<Long> reference,
      List<Long> current,
      double psi) {
    /** Validates and copies. */
    public Drift {
      Objects.requireNonNull(score, "score");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(featureSet, "featureSet");
      Objects.requireNonNull(referenceStart, "referenceStart");
      Objects.requireNonNull(currentStart, "currentStart");
      reference = List.copyOf(reference);
      current = List.copyOf(current);
    }

    /** The series' key: {@code score@version#featureSet}. */
    public String key() {
      return score + "@" + version + "#" + featureSet;
    }
  }

  private record Range(double low, double high) {}

  private static final class Series {
    final String score;
    final String version;
    final String featureSet;
    final long referenceWindow;
    final long[] reference;
    long currentWindow;
    long[] current;

    Series(String score, String version, String featureSet, long window, int bins) {
      this.score = score;
      this.version = version;
      this.featureSet = featureSet;
      this.referenceWindow = window;
      this.reference = new long[bins];
      this.currentWindow = window;
      this.current = reference; // the same histogram while there is one window
    }
  }

  private final Map<String, Range> scores;
  private final long windowSeconds;
  private final int bins;
  private final Map<String, Series> series = new LinkedHashMap<>();

  private ScoreDrift(Builder b) {
    this.scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.scores)); // in the order given
    this.windowSeconds = b.window.getSeconds();
    this.bins = b.bins;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The names of the watched scores. */
  public List<String> scores() {
    return scores.keySet().stream().sorted().toList();
  }

  /**
   * Counts the watched scores of {@code features} (those it has, with their model's version) at
   * {@code at}. Features without a watched score, or without a time, count nothing.
   */
  public synchronized void observe(FeatureSnapshot features, Instant at) {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(at, "at");
    if (features.isEmpty()) {
      return;
    }
    long window = Math.floorDiv(at.getEpochSecond(), windowSeconds);
    for (Map.Entry<String, Range> e : scores.entrySet()) {
      String name = e.getKey();
      if (!features.has(name)) {
        continue;
      }
      Optional<String> version = features.version(name);
      if (version.isEmpty()) {
        continue;
      }
      String key = name + "@" + version.get() + "#" + features.hash();
      Series s = series.get(key);
      if (s == null) {
        if (series.size() >= MAX_SERIES) {
          continue;
        }
        s = new Series(name, version.get(), features.hash(), window, bins);
        series.put(key, s);
      }
      if (window < s.currentWindow) {
        continue; // older than the current window
      }
      if (window > s.currentWindow) {
        s.currentWindow = window;
        s.current = new long[bins];
      }
      s.current[bin(features.value(name), e.getValue().low(), e.getValue().high(), bins)]++;
    }
  }

  /** The drift of every series, in the order first observed (scores of one observation in the order watched). */
  public synchronized List<Drift> drift() {
    List<Drift> out = new ArrayList<>(series.size());
    for (Series s : series.values()) {
      out.add(new Drift(s.score, s.version, s.featureSet,
          Instant.ofEpochSecond(s.referenceWindow * windowSeconds),
          Instant.ofEpochSecond(s.currentWindow * windowSeconds),
          boxed(s.reference), boxed(s.current), psi(s.reference, s.current)));
    }
    return out;
  }

  /** The keys of the series observed so far ({@code score@version#featureSet}), in that order. */
  public synchronized List<String> keys() {
    return List.copyOf(series.keySet());
  }

  /** The population stability index of one series by its key; empty while not observed. */
  public synchronized java.util.OptionalDouble psi(String key) {
    Series s = series.get(key);
    return s == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(psi(s.reference, s.current));
  }

  /** The drift of one series by its {@linkplain Drift#key() key}, if observed. */
  public synchronized Optional<Drift> drift(String key) {
    return drift().stream().filter(d -> d.key().equals(key)).findFirst();
  }

  /**
   * The population stability index of {@code current} against {@code reference} (counts per bin,
   * same length); 0 when either is empty.
   *
   * @throws IllegalArgumentException when the lengths differ or a count is negative
   */
  public static double psi(long[] reference, long[] current) {
    if (reference.length != current.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "psi needs histograms of the same bins, but had %d and %d", reference.length, current.length));
    }
    long r = 0;
    long c = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] < 0 || current[i] < 0) {
        throw new IllegalArgumentException("psi needs counts >= 0, but bin " + i + " had a negative one");
      }
      r += reference[i];
      c += current[i];
    }
    if (r == 0 || c == 0) {
      return 0;
    }
    double psi = 0;
    for (int i = 0; i < reference.length; i++) {
      double rs = Math.max(MIN_SHARE, (double) reference[i] / r);
      double cs = Math.max(MIN_SHARE, (double) current[i] / c);
      psi += (cs - rs) * Math.log(cs / rs);
    }
    return psi;
  }

  /** The bin of {@code x} among {@code bins} equal bins over {@code [low, high]} (clamped). */
  static int bin(double x, double low, double high, int bins) {
    if (Double.isNaN(x)) {
      return 0;
    }
    int b = (int) Math.floor((x - low) / (high - low) * bins);
    return Math.max(0, Math.min(bins - 1, b));
  }

  private static List<Long> boxed(long[] counts) {
    return Arrays.stream(counts).boxed().toList();
  }

  @Override
  public synchronized String toString() {
    return "ScoreDrift" + scores() + "[" + series.size() + " series, window " + windowSeconds + "s]";
  }

  /** Configures a {@link ScoreDrift}. Setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Range> scores = new LinkedHashMap<>();
    private Duration window = DEFAULT_WINDOW;
    private int bins = DEFAULT_BINS;

    Builder() {}

    /**
     * Watches the score {@code name} (a scoring model's name), binned over {@code [low, high]}
     * (a score outside counts in the first or last bin).
     *
     * @throws IllegalArgumentException when the name is not a feature name or {@code low >=
     *     high}
     */
    public Builder score(String name, double low, double high) {
      Names.check(name);
      if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "score '%s': the range must be finite with low < high, but was [%s, %s]", name, low, high));
      }
      scores.put(name, new Range(low, high));
      return this;
    }

    /**
     * The length of a window; default {@link #DEFAULT_WINDOW}.
     *
     * @throws IllegalArgumentException when not whole seconds or below 1 s
     */
    public Builder window(Duration window) {
      Objects.requireNonNull(window, "window");
      if (window.getSeconds() < 1 || window.getNano() != 0) {
        throw new IllegalArgumentException("window must be whole seconds, at least 1 s, but was " + window);
      }
      this.window = window;
      return this;
    }

    /**
     * How many equal bins a histogram has; default {@value #DEFAULT_BINS}.
     *
     * @throws IllegalArgumentException when not 2 to 100
     */
    public Builder bins(int bins) {
      if (bins < 2 || bins > 100) {
        throw new IllegalArgumentException("bins must be 2 to 100, but was " + bins);
      }
      this.bins = bins;
      return this;
    }

    /**
     * Builds.
     *
     * @throws IllegalStateException when no score is watched
     */
    public ScoreDrift build() {
      if (scores.isEmpty()) {
        throw new IllegalStateException("a ScoreDrift watches at least one score: call score(name, low, high)");
      }
      return new ScoreDrift(this);
    }
  }
}
