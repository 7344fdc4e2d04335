package dev.journey.core.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A set of measured durations, sorted ascending, with nearest-rank percentiles.
 *
 * @param values the durations, ascending
 */
public record Distribution(List<Duration> values) {
  /** Copies and sorts. */
  public Distribution {
    Objects.requireNonNull(values, "values");
    List<Duration> sorted = new ArrayList<>(values);
    sorted.forEach(v -> Objects.requireNonNull(v, "value"));
    Collections.sort(sorted);
    values = Collections.unmodifiableList(sorted);
  }

  /** How many values. */
  public int count() {
    return values.size();
  }

  /**
   * The nearest-rank percentile; {@link Duration#ZERO} for no values.
   *
   * @throws IllegalArgumentException unless {@code 0 < percentile <= 100}
   */
  public Duration percentile(double percentile) {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], but was " + percentile);
    }
    if (values.isEmpty()) {
      return Duration.ZERO;
    }
    int index = (int) Math.ceil(percentile / 100.0 * values.size()) - 1;
    return values.get(Math.max(0, index));
  }

  /** The median. */
  public Duration p50() {
    return percentile(50);
  }

  /** The 90th percentile. */
  public Duration p90() {
    return percentile(90);
  }

  /** The largest value, {@link Duration#ZERO} for none. */
  public Duration max() {
    return values.isEmpty() ? Duration.ZERO : values.get(values.size() - 1);
  }

  /** How many values are at most {@code limit}. */
  public long atMost(Duration limit) {
    return values.stream().filter(v -> v.compareTo(limit) <= 0).count();
  }
}
