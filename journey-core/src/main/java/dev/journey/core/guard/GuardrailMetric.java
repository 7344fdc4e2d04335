package dev.journey.core.guard;

import dev.journey.core.internal.Checks;
import dev.journey.core.metrics.SlaInstance;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * One figure a guarded rollout watches, per subject: a proportion (each subject counts 0 or 1) or
 * a mean (each subject contributes a value), where higher or lower is better, with the smallest
 * difference worth detecting. A subject for which the metric says nothing (no SLA closed yet, no
 * first touch yet) is left out of that metric's samples.
 *
 * <p>The built-in metrics read what {@link GuardrailCollector} gathered from the audit trail:
 * rejected decisions, actions dropped by a guardrail, dead letters, SLA breaches, the mean of an
 * interval of the metrics definition (time to first touch) and the rate of a milestone (meetings).
 * Immutable and thread-safe if the value function is.
 *
 * <pre>{@code
 * GuardrailMetric breaches = GuardrailMetric.slaBreachRate(0.10);            // 10 points
 * GuardrailMetric firstTouch = GuardrailMetric.meanHours("time to first touch", 1.0); // 1 hour
 * }</pre>
 */
public final class GuardrailMetric {
  /** How a metric aggregates its subjects. */
  public enum Kind {
    /** The share of subjects for which the value is 1 (values are 0 or 1). */
    PROPORTION,
    /** The mean of the subjects' values. */
    MEAN
  }

  /** Which way is better. */
  public enum Better {
    /** A higher candidate value is an improvement (e.g. meeting rate). */
    HIGHER,
    /** A lower candidate value is an improvement (e.g. breach rate, time to first touch). */
    LOWER
  }

  private final String name;
  private final Kind kind;
  private final Better better;
  private final double minimumDetectableEffect;
  private final Function<GuardrailSubject, OptionalDouble> value;

  private GuardrailMetric(
      String name, Kind kind, Better better, double minimumDetectableEffect,
      Function<GuardrailSubject, OptionalDouble> value) {
    this.name = Checks.notBlank(name, "name");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.better = Objects.requireNonNull(better, "better");
    if (!(minimumDetectableEffect > 0) || !Double.isFinite(minimumDetectableEffect)) {
      throw new IllegalArgumentException(String.format(
          Locale.ROOT, "metric '%s' needs a finite minimumDetectableEffect > 0, but was %s",
          name, minimumDetectableEffect));
    }
    this.minimumDetectableEffect = minimumDetectableEffect;
    this.value = Objects.requireNonNull(value, "value");
  }

  /**
   * A metric of your own.
   *
   * @param name its name, shown in status and audit
   * @param kind proportion or mean
   * @param better which way is better
   * @param minimumDetectableEffect the smallest difference worth detecting, in the metric's unit
   * @param value the subject's value, or empty when the subject does not count; 0 or 1 for a
   *     proportion
   * @throws IllegalArgumentException for a blank name or an effect that is not finite and {@code > 0}
   */
  public static GuardrailMetric of(
      String name, Kind kind, Better better, double minimumDetectableEffect,
      Function<GuardrailSubject, OptionalDouble> value) {
    return new GuardrailMetric(name, kind, better, minimumDetectableEffect, value);
  }

  /** The share of subjects with at least one decision rejected as a whole. Lower is better. */
  public static GuardrailMetric rejectedDecisions(double minimumDetectableEffect) {
    return of("rejected decisions", Kind.PROPORTION, Better.LOWER, minimumDetectableEffect,
        s -> s.decisions() == 0 ? OptionalDouble.empty() : flag(s.rejected() > 0));
  }

  /** The share of subjects with at least one action dropped by a guardrail. Lower is better. */
  public static GuardrailMetric droppedActions(double minimumDetectableEffect) {
    return of("dropped actions", Kind.PROPORTION, Better.LOWER, minimumDetectableEffect,
        s -> s.decisions() == 0 ? OptionalDouble.empty() : flag(s.dropped() > 0));
  }

  /** The share of subjects with at least one dead letter. Lower is better. */
  public static GuardrailMetric deadLetters(double minimumDetectableEffect) {
    return of("dead letters", Kind.PROPORTION, Better.LOWER, minimumDetectableEffect,
        s -> flag(s.deadLetters() > 0));
  }

  /**
   * The share of subjects whose SLA breached, among those with an SLA instance that ended (met or
   * breached; open instances do not count yet). Lower is better.
   */
  public static GuardrailMetric slaBreachRate(double minimumDetectableEffect) {
    return slaBreachRate("", minimumDetectableEffect);
  }

  /**
   * The SLA breach rate of the policies whose name starts with {@code policyPrefix} (e.g. {@code
   * first-touch}). Lower is better.
   */
  public static GuardrailMetric slaBreachRate(String policyPrefix, double minimumDetectableEffect) {
    Objects.requireNonNull(policyPrefix, "policyPrefix");
    String name = policyPrefix.isEmpty() ? "sla breach rate" : policyPrefix + " breach rate";
    return of(name, Kind.PROPORTION, Better.LOWER, minimumDetectableEffect, s -> {
      boolean ended = false;
      for (SlaInstance i : s.measure().slas()) {
        if (!i.policy().startsWith(policyPrefix) || i.outcome() == SlaInstance.Outcome.OPEN) {
          continue;
        }
        if (i.outcome() == SlaInstance.Outcome.BREACHED) {
          return flag(true);
        }
        ended = true;
      }
      return ended ? flag(false) : OptionalDouble.empty();
    });
  }

  /**
   * The mean wall-clock duration, in hours, of an interval of the metrics definition (e.g. {@code
   * time to first touch}), over the subjects that completed it. Lower is better.
   */
  public static GuardrailMetric meanHours(String interval, double minimumDetectableEffectHours) {
    Checks.notBlank(interval, "interval");
    return of(interval + " (h)", Kind.MEAN, Better.LOWER, minimumDetectableEffectHours, s -> {
      Duration d = s.measure().wallClock().get(interval);
      return d == null ? OptionalDouble.empty() : OptionalDouble.of(d.toMillis() / 3_600_000.0);
    });
  }

  /**
   * The share of subjects that reached {@code milestone} (e.g. {@code meeting}), among those that
   * reached {@code entry}. Higher is better.
   */
  public static GuardrailMetric milestoneRate(String entry, String milestone, double minimumDetectableEffect) {
    Checks.notBlank(entry, "entry");
    Checks.notBlank(milestone, "milestone");
    return of(milestone + " rate", Kind.PROPORTION, Better.HIGHER, minimumDetectableEffect,
        s -> s.measure().hasReached(entry) ? flag(s.measure().hasReached(milestone)) : OptionalDouble.empty());
  }

  private static OptionalDouble flag(boolean value) {
    return OptionalDouble.of(value ? 1 : 0);
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** Proportion or mean. */
  public Kind kind() {
    return kind;
  }

  /** Which way is better. */
  public Better better() {
    return better;
  }

  /** The smallest difference worth detecting, in the metric's unit. */
  public double minimumDetectableEffect() {
    return minimumDetectableEffect;
  }

  /**
   * The subject's value, or empty when it does not count.
   *
   * @throws IllegalStateException when a proportion's value is not 0 or 1, or a value is not finite
   */
  public OptionalDouble valueOf(GuardrailSubject subject) {
    OptionalDouble v = value.apply(Objects.requireNonNull(subject, "subject"));
    Objects.requireNonNull(v, "value of metric '" + name + "'");
    if (v.isPresent()) {
      double x = v.getAsDouble();
      if (!Double.isFinite(x) || (kind == Kind.PROPORTION && x != 0 && x != 1)) {
        throw new IllegalStateException(String.format(
            Locale.ROOT, "metric '%s' (%s) must give %s, but gave %s for %s",
            name, kind, kind == Kind.PROPORTION ? "0 or 1" : "a finite value", x, subject.subject()));
      }
    }
    return v;
  }

  /** Whether {@code difference} (candidate minus live) is in the worse direction. */
  public boolean worse(double difference) {
    return better == Better.LOWER ? difference > 0 : difference < 0;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%s, %s is better, mde %s)",
        name, kind.name().toLowerCase(Locale.ROOT), better.name().toLowerCase(Locale.ROOT), minimumDetectableEffect);
  }
}
