package dev.journey.core.guard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The guardrail metrics of a rollout and the sequential test that compares their cohorts. With
 * {@code k} metrics each is tested at {@code alpha / k} (Bonferroni), so the chance that any
 * metric ever raises a false alarm over the whole rollout stays at most {@code alpha}.
 *
 * <pre>{@code
 * Guardrails guardrails = Guardrails.builder()
 *     .metric(GuardrailMetric.slaBreachRate("first-touch", 0.15))
 *     .metric(GuardrailMetric.rejectedDecisions(0.05))
 *     .alpha(0.05)
 *     .build();
 * List<GuardrailReading> readings = guardrails.read(collector.subjects(), "v1", "v2", rolloutStart);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Guardrails {
  private final List<GuardrailMetric> metrics;
  private final double alpha;
  private final Map<String, SequentialTest> tests;

  private Guardrails(Builder b) {
    this.metrics = List.copyOf(b.metrics.values());
    this.alpha = b.alpha;
    Map<String, SequentialTest> t = new LinkedHashMap<>();
    for (GuardrailMetric m : metrics) {
      t.put(m.name(), SequentialTest.builder()
          .alpha(alpha / metrics.size())
          .minimumDetectableEffect(m.minimumDetectableEffect())
          .minimumSample(b.minimumSample)
          .build());
    }
    this.tests = Map.copyOf(t);
  }

  /** A builder; add at least one metric. */
  public static Builder builder() {
    return new Builder();
  }

  /** The metrics, in the order added. */
  public List<GuardrailMetric> metrics() {
    return metrics;
  }

  /** The family-wise significance level. */
  public double alpha() {
    return alpha;
  }

  /** The sequential test of one metric (at {@code alpha / k}). */
  public SequentialTest test(GuardrailMetric metric) {
    SequentialTest test = tests.get(Objects.requireNonNull(metric, "metric").name());
    if (test == null) {
      throw new IllegalArgumentException("metric '" + metric.name() + "' is not one of " + names());
    }
    return test;
  }

  private List<String> names() {
    return metrics.stream().map(GuardrailMetric::name).toList();
  }

  /**
   * Reads every metric for the two cohorts.
   *
   * @param subjects the subjects (e.g. {@link GuardrailCollector#subjects()})
   * @param live the live version: its cohort is the subjects pinned to it
   * @param candidate the candidate version
   * @param since only subjects first seen at or after this instant count (the rollout's start,
   *     so that both cohorts are contemporaneous)
   */
  public List<GuardrailReading> read(
      List<GuardrailSubject> subjects, String live, String candidate, Instant since) {
    Objects.requireNonNull(subjects, "subjects");
    Objects.requireNonNull(live, "live");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(since, "since");
    List<GuardrailReading> out = new ArrayList<>();
    for (GuardrailMetric m : metrics) {
      Sample ls = sample(m, subjects, live, since);
      Sample cs = sample(m, subjects, candidate, since);
      out.add(new GuardrailReading(m.name(), m.kind(), m.better(), ls, cs, tests.get(m.name()).compare(cs, ls)));
    }
    return List.copyOf(out);
  }

  /**
   * The sample of one metric over the cohort of {@code version}: the subjects pinned to it, first
   * seen at or after {@code since}, for which the metric has a value.
   */
  public Sample sample(GuardrailMetric metric, List<GuardrailSubject> subjects, String version, Instant since) {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(since, "since");
    Sample.Accumulator values = new Sample.Accumulator();
    long n = 0;
    long ones = 0;
    for (GuardrailSubject s : subjects) {
      if (s.firstSeen().isBefore(since) || !s.version().equals(version)) {
        continue;
      }
      OptionalDouble v = metric.valueOf(s);
      if (v.isEmpty()) {
        continue;
      }
      n++;
      ones += (long) v.getAsDouble();
      values.add(v.getAsDouble());
    }
    return metric.kind() == GuardrailMetric.Kind.PROPORTION ? Sample.proportion(ones, n) : values.sample();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Guardrails[alpha=%s, metrics=%s]", alpha, names());
  }

  /** Configures {@link Guardrails}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, GuardrailMetric> metrics = new LinkedHashMap<>();
    private double alpha = SequentialTest.DEFAULT_ALPHA;
    private long minimumSample = SequentialTest.DEFAULT_MINIMUM_SAMPLE;

    Builder() {}

    /**
     * Adds a metric.
     *
     * @throws IllegalArgumentException when a metric of that name was added
     */
    public Builder metric(GuardrailMetric metric) {
      Objects.requireNonNull(metric, "metric");
      if (metrics.containsKey(metric.name())) {
        throw new IllegalArgumentException("guardrail metric names must be unique, but '" + metric.name() + "' was added twice");
      }
      metrics.put(metric.name(), metric);
      return this;
    }

    /**
     * The family-wise significance level: the largest chance of any false alarm over the rollout;
     * default {@value SequentialTest#DEFAULT_ALPHA}.
     *
     * @throws IllegalArgumentException unless {@code 0 < alpha < 1}
     */
    public Builder alpha(double alpha) {
      SequentialTest.builder().alpha(alpha);
      this.alpha = alpha;
      return this;
    }

    /**
     * The fewest subjects per cohort before a metric is tested; default {@value
     * SequentialTest#DEFAULT_MINIMUM_SAMPLE}.
     *
     * @throws IllegalArgumentException when below 2
     */
    public Builder minimumSample(long subjects) {
      SequentialTest.builder().minimumSample(subjects);
      this.minimumSample = subjects;
      return this;
    }

    /**
     * Builds.
     *
     * @throws IllegalStateException when no metric was added
     */
    public Guardrails build() {
      if (metrics.isEmpty()) {
        throw new IllegalStateException("guardrails need at least one metric, but had none");
      }
      return new Guardrails(this);
    }
  }
}
