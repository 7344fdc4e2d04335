package dev.journey.core.rollout;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Murmur3;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which version of a rule set decides for which subject while a candidate version rolls out.
 *
 * <p>Every subject has a stable bucket in {@code 0..9999}: the murmur3 (32-bit, fixed) hash of
 * {@code <rule set name>:<subject>}, modulo 10,000. It depends on nothing else (no version, no
 * clock, no seed), so it is the same across restarts, machines and versions, and different rule
 * sets roll out to independent samples. A subject is on the candidate when its bucket is below
 * {@code percent × 100}. The plan steps 1% → 10% → 50% → 100%; because the threshold only grows,
 * a subject once on the candidate stays on it until a {@link #rollback()}.
 *
 * <p>Immutable and thread-safe; {@link #next()}, {@link #rollback()} and {@link #promote()} return
 * new plans.
 *
 * <pre>{@code
 * RolloutPlan plan = RolloutPlan.start("lead-handoff", "1", "2"); // 1% on version 2
 * plan = plan.next();                                              // 10%
 * String version = plan.versionFor(SubjectRef.contact("1001"));
 * plan = plan.rollback();                                          // everyone back on 1
 * }</pre>
 */
public final class RolloutPlan {
  /** The number of buckets. */
  public static final int BUCKETS = 10_000;
  /** The rollout steps, in percent. */
  public static final List<Integer> STEPS = List.of(1, 10, 50, 100);

  private final String ruleSet;
  private final String live;
  private final Optional<String> candidate;
  private final int percent;

  private RolloutPlan(String ruleSet, String live, Optional<String> candidate, int percent) {
    this.ruleSet = ruleSet;
    this.live = live;
    this.candidate = candidate;
    this.percent = percent;
  }

  /**
   * A plan with every subject on {@code version}.
   *
   * @throws IllegalArgumentException when a name is blank
   */
  public static RolloutPlan pinned(String ruleSet, String version) {
    return new RolloutPlan(notBlank(ruleSet, "ruleSet"), notBlank(version, "version"), Optional.empty(), 0);
  }

  /**
   * Starts rolling {@code candidate} out to the first step (1%) of subjects.
   *
   * @throws IllegalArgumentException when a name is blank or the versions are equal
   */
  public static RolloutPlan start(String ruleSet, String live, String candidate) {
    notBlank(candidate, "candidate");
    if (candidate.equals(live)) {
      throw new IllegalArgumentException(
          "candidate must differ from the live version, but both were '" + live + "'");
    }
    return new RolloutPlan(
        notBlank(ruleSet, "ruleSet"), notBlank(live, "live"), Optional.of(candidate), STEPS.get(0));
  }

  private static String notBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, but was '" + value + "'");
    }
    return value;
  }

  /**
   * The next step: 1% → 10% → 50% → 100% (from a rolled-back plan: 1% again).
   *
   * @throws IllegalStateException when there is no candidate or the plan is already at 100%
   */
  public RolloutPlan next() {
    String c = candidate.orElseThrow(() -> new IllegalStateException(
        "plan for " + ruleSet + " has no candidate version to roll out: use start(...)"));
    if (percent >= 100) {
      throw new IllegalStateException(
          "rollout of " + ruleSet + "@" + c + " is already at 100%: call promote()");
    }
    int next = STEPS.stream().filter(s -> s > percent).findFirst().orElseThrow();
    return new RolloutPlan(ruleSet, live, candidate, next);
  }

  /** Everyone back on the live version (the candidate is kept, at 0%, so {@link #next()} restarts at 1%). */
  public RolloutPlan rollback() {
    return new RolloutPlan(ruleSet, live, candidate, 0);
  }

  /**
   * Makes the candidate the live version for everyone.
   *
   * @throws IllegalStateException unless the plan is at 100%
   */
  public RolloutPlan promote() {
    if (candidate.isEmpty() || percent < 100) {
      throw new IllegalStateException(
          "promote() needs a candidate at 100%, but the plan is " + this);
    }
    return pinned(ruleSet, candidate.get());
  }

  /** The rule set name. */
  public String ruleSet() {
    return ruleSet;
  }

  /** The live version. */
  public String live() {
    return live;
  }

  /** The candidate version, if one is rolling out. */
  public Optional<String> candidate() {
    return candidate;
  }

  /** The share of subjects on the candidate, in percent (0 when none or rolled back). */
  public int percent() {
    return percent;
  }

  /** The subject's stable bucket, {@code 0..9999}. */
  public int bucket(SubjectRef subject) {
    Objects.requireNonNull(subject, "subject");
    return Math.floorMod(Murmur3.hash32(ruleSet + ":" + subject), BUCKETS);
  }

  /** The version that decides for {@code subject}; depends only on the subject and this plan. */
  public String versionFor(SubjectRef subject) {
    return candidate.isPresent() && bucket(subject) < percent * (BUCKETS / 100) ? candidate.get() : live;
  }

  /** The versions this plan can pick. */
  public List<String> versions() {
    return candidate.map(c -> List.of(live, c)).orElseGet(() -> List.of(live));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RolloutPlan other
        && other.ruleSet.equals(ruleSet)
        && other.live.equals(live)
        && other.candidate.equals(candidate)
        && other.percent == percent;
  }

  @Override
  public int hashCode() {
    return Objects.hash(ruleSet, live, candidate, percent);
  }

  /** E.g. {@code lead-handoff: 1 -> 2 at 10%}. */
  @Override
  public String toString() {
    return candidate
        .map(c -> String.format(Locale.ROOT, "%s: %s -> %s at %d%%", ruleSet, live, c, percent))
        .orElseGet(() -> ruleSet + ": " + live);
  }
}
