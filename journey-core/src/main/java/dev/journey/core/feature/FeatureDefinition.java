package dev.journey.core.feature;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One declared feature: a named, compact aggregate of a subject's signals. A closed set of kinds,
 * each a record that validates its parameters:
 *
 * <ul>
 *   <li>{@link WindowCount}: how many matching signals fell in a rolling window (bucketed);
 *   <li>{@link DecayedSum}: a sum of weights that halves every half-life (intent);
 *   <li>{@link DistinctCount}: how many distinct values an attribute took, exact up to a cap;
 *   <li>{@link LastSeen}: the time since the last matching signal;
 *   <li>{@link LatestValue}: a numeric attribute of the latest matching signal (fit);
 *   <li>{@link Ratio}: one feature divided by another;
 *   <li>{@link Recent}: the latest few matching signals (type, time, one attribute), for the
 *       handoff context package.
 * </ul>
 *
 * <p>Names are 1 to 64 characters: a lower-case letter, then lower-case letters, digits and
 * {@code _}.
 */
public sealed interface FeatureDefinition
    permits FeatureDefinition.WindowCount,
        FeatureDefinition.DecayedSum,
        FeatureDefinition.DistinctCount,
        FeatureDefinition.LastSeen,
        FeatureDefinition.LatestValue,
        FeatureDefinition.Ratio,
        FeatureDefinition.Recent {

  /** The largest number of buckets a window may have. */
  int MAX_BUCKETS = 1024;
  /** The largest cap of a distinct count. */
  int MAX_DISTINCT = 1024;
  /** The cap of a distinct count when none is given. */
  int DEFAULT_DISTINCT_CAP = 32;
  /** The most signals a {@link Recent} feature may keep. */
  int MAX_RECENT = 32;
  /** The longest attribute value a {@link Recent} feature keeps (longer values are cut). */
  int MAX_RECENT_VALUE = 120;

  /** The kinds of feature. */
  enum Kind {
    /** {@link WindowCount}. */
    WINDOW_COUNT,
    /** {@link DecayedSum}. */
    DECAYED_SUM,
    /** {@link DistinctCount}. */
    DISTINCT_COUNT,
    /** {@link LastSeen}. */
    LAST_SEEN,
    /** {@link LatestValue}. */
    LATEST_VALUE,
    /** {@link Ratio}. */
    RATIO,
    /** {@link Recent}. */
    RECENT
  }

  /** The feature's name. */
  String name();

  /** The feature's kind. */
  Kind kind();

  /** The canonical text of the definition: equal texts are equal definitions. */
  String canonical();

  /**
   * Matching signals in a rolling window, counted in buckets of {@code bucket}: the value read at
   * time {@code t} counts the signals whose bucket is one of the {@code window / bucket} buckets
   * ending with the bucket of {@code t} (buckets are aligned to the epoch: {@code
   * floor(epochSecond / bucketSeconds)}). The window therefore covers between {@code window -
   * bucket} and {@code window} of time before {@code t}; a finer bucket is more precise and costs
   * more state (at most one entry per non-empty bucket).
   *
   * @param name the name
   * @param match the signals counted
   * @param window the window: whole seconds, a multiple of {@code bucket}
   * @param bucket the bucket: whole seconds, at least 1 s, at most {@value #MAX_BUCKETS} per window
   */
  record WindowCount(String name, SignalMatch match, Duration window, Duration bucket)
      implements FeatureDefinition {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException when the name, window or bucket is not valid
     */
    public WindowCount {
      Names.check(name);
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(window, "window");
      Objects.requireNonNull(bucket, "bucket");
      Names.wholeSeconds(name, "bucket", bucket);
      Names.wholeSeconds(name, "window", window);
      if (window.getSeconds() % bucket.getSeconds() != 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "feature '%s': window must be a multiple of its bucket, but %s is not a multiple"
                    + " of %s",
                name, window, bucket));
      }
      long buckets = window.getSeconds() / bucket.getSeconds();
      if (buckets > MAX_BUCKETS) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "feature '%s': a window may have at most %d buckets, but %s / %s has %d",
                name, MAX_BUCKETS, window, bucket, buckets));
      }
    }

    /** A window with one bucket per 24th of it (rounded down to whole seconds that divide it). */
    public static WindowCount of(String name, SignalMatch match, Duration window) {
      return new WindowCount(name, match, window, defaultBucket(window));
    }

    private static Duration defaultBucket(Duration window) {
      long seconds = Math.max(1, window.getSeconds());
      for (long n = 24; n >= 1; n--) {
        if (seconds % n == 0) {
          return Duration.ofSeconds(seconds / n);
        }
      }
      return Duration.ofSeconds(seconds);
    }

    /** How many buckets the window has. */
    public int buckets() {
      return (int) (window.getSeconds() / bucket.getSeconds());
    }

    @Override
    public Kind kind() {
      return Kind.WINDOW_COUNT;
    }

    @Override
    public String canonical() {
      return "window_count " + name + " " + match.canonical() + " window=" + window.getSeconds()
          + "s bucket=" + bucket.getSeconds() + "s";
    }
  }

  /**
   * A sum of weights that decays exponentially: read at time {@code t} it is {@code Σ w_i ·
   * 2^(-(t - t_i) / halfLife)} over the matching signals at times {@code t_i ≤ t}. The weight is
   * the signal's numeric attribute {@code weightAttribute} when it has one, else {@code weight}.
   *
   * @param name the name
   * @param match the signals summed
   * @param halfLife the half-life, positive
   * @param weight the weight of a signal without the weight attribute, finite
   * @param weightAttribute the numeric attribute to weigh by, if any
   */
  record DecayedSum(
      String name,
      SignalMatch match,
      Duration halfLife,
      double weight,
      Optional<String> weightAttribute)
      implements FeatureDefinition {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException when the name, half-life or weight is not valid
     */
    public DecayedSum {
      Names.check(name);
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(halfLife, "halfLife");
      Objects.requireNonNull(weightAttribute, "weightAttribute");
      if (halfLife.isNegative() || halfLife.isZero()) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "feature '%s': halfLife must be positive, but was %s", name, halfLife));
      }
      if (!Double.isFinite(weight)) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "feature '%s': weight must be finite, but was %s", name, weight));
      }
    }

    /** A decayed count: weight 1, no weight attribute. */
    public static DecayedSum of(String name, SignalMatch match, Duration halfLife) {
      return new DecayedSum(name, match, halfLife, 1.0, Optional.empty());
    }

    @Override
    public Kind kind() {
      return Kind.DECAYED_SUM;
    }

    @Override
    public String canonical() {
      return "decayed_sum " + name + " " + match.canonical() + " halfLife=" + halfLife
          + " weight=" + weight + " weightAttribute=" + weightAttribute.orElse("");
    }
  }

  /**
   * How many distinct values the attribute {@code attribute} took on matching signals (signals
   * without it are not counted), over the subject's whole history. Exact up to {@code cap}
   * distinct values (kept as 64-bit hashes: two values collide with probability about {@code
   * n² / 2^65}); once the cap is reached the count stays at the cap and reads as "at least
   * {@code cap}" ({@link FeatureSnapshot#saturated(String)}).
   *
   * @param name the name
   * @param match the signals looked at
   * @param attribute the attribute whose values are counted
   * @param cap the most distinct values kept, 1 to {@value #MAX_DISTINCT}
   */
  record DistinctCount(String name, SignalMatch match, String attribute, int cap)
      implements FeatureDefinition {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException when the name, attribute or cap is not valid
     */
    public DistinctCount {
      Names.check(name);
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(attribute, "attribute");
      if (attribute.isBlank()) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "feature '%s': attribute must not be blank", name));
      }
      if (cap < 1 || cap > MAX_DISTINCT) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "feature '%s': cap must be 1 to %d, but was %d", name, MAX_DISTINCT, cap));
      }
    }

    /** A distinct count with the {@linkplain #DEFAULT_DISTINCT_CAP default cap}. */
    public static DistinctCount of(String name, SignalMatch match, String attribute) {
      return new DistinctCount(name, match, attribute, DEFAULT_DISTINCT_CAP);
    }

    @Override
    public Kind kind() {
      return Kind.DISTINCT_COUNT;
    }

    @Override
    public String canonical() {
      return "distinct_count " + name + " " + match.canonical() + " attribute=" + attribute
          + " cap=" + cap;
    }
  }

  /**
   * The time since the latest matching signal, in seconds, read at the features' time; {@link
   * Double#POSITIVE_INFINITY} while there has been none (so {@code < limit} is false).
   *
   * @param name the name
   * @param match the signals looked at
   */
  record LastSeen(String name, SignalMatch match) implements FeatureDefinition {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException when the name is not valid
     */
    public LastSeen {
      Names.check(name);
      Objects.requireNonNull(match, "match");
    }

    @Override
    public Kind kind() {
      return Kind.LAST_SEEN;
    }

    @Override
    public String canonical() {
      return "last_seen " + name + " " + match.canonical();
    }
  }

  /**
   * The numeric attribute {@code attribute} of the latest matching signal that carries it (by
   * {@code occurredAt}; of two at the same time, the later to arrive): a fit score the CRM sends
   * with every signal, say. 0 before the first.
   *
   * @param name the name
   * @param match the signals looked at
   * @param attribute the numeric attribute
   */
  record LatestValue(String name, SignalMatch match, String attribute) implements FeatureDefinition {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException when the name or attribute is not valid
     */
    public LatestValue {
      Names.check(name);
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(attribute, "attribute");
      if (attribute.isBlank()) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "feature '%s': attribute must not be blank", name));
      }
    }

    @Override
    public Kind kind() {
      return Kind.LATEST_VALUE;
    }

    @Override
    public String canonical() {
      return "latest_value " + name + " " + match.canonical() + " attribute=" + attribute;
    }
  }

  /**
   * One declared feature divided by another (neither a ratio); 0 while the denominator is 0.
   *
   * @param name the name
   * @param numerator the numerator feature's name
   * @param denominator the denominator feature's name
   */
  record Ratio(String name, String numerator, String denominator) implements FeatureDefinition {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException when a name is not valid
     */
    public Ratio {
      Names.check(name);
      Names.check(numerator);
      Names.check(denominator);
    }

    @Override
    public Kind kind() {
      return Kind.RATIO;
    }

    @Override
    public String canonical() {
      return "ratio " + name + " " + numerator + "/" + denominator;
    }
  }

  /**
   * The {@code keep} latest matching signals by {@code occurredAt} (of two at the same time, the
   * later to arrive first): each its type, its time and the value of {@code attribute} (empty
   * when the signal has none; cut to {@value #MAX_RECENT_VALUE} characters). Its value is how
   * many it keeps (0 to {@code keep}); {@link FeatureSnapshot#recent(String)} reads them. The
   * {@linkplain dev.journey.core.handoff.HandoffContext handoff context} lists them as "recent
   * signals". The attribute's values are kept in the snapshot (and so in the store and the audit):
   * name only an attribute that may be kept there, never an email or a name.
   *
   * @param name the name
   * @param match the signals kept
   * @param attribute the attribute kept with each, e.g. {@code pageUrl}
   * @param keep how many to keep, 1 to {@value #MAX_RECENT}
   */
  record Recent(String name, SignalMatch match, String attribute, int keep) implements FeatureDefinition {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException when the name, attribute or keep is not valid
     */
    public Recent {
      Names.check(name);
      Objects.requireNonNull(match, "match");
      Objects.requireNonNull(attribute, "attribute");
      if (attribute.isBlank()) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "feature '%s': attribute must not be blank", name));
      }
      if (keep < 1 || keep > MAX_RECENT) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "feature '%s': keep must be 1 to %d, but was %d", name, MAX_RECENT, keep));
      }
    }

    @Override
    public Kind kind() {
      return Kind.RECENT;
    }

    @Override
    public String canonical() {
      return "recent " + name + " " + match.canonical() + " attribute=" + attribute + " keep=" + keep;
    }
  }
}
