package dev.journey.core.guard;

import dev.journey.core.JourneyException;
import dev.journey.core.internal.Checks;
import dev.journey.core.rollout.Candidate;
import dev.journey.core.rollout.DeploymentChange;
import dev.journey.core.rollout.DeploymentState;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.RollbackMode;
import dev.journey.core.spi.DeadLetter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a journey's rollout and acts on it: at every {@link #check()} it reads the guardrail
 * metrics of the candidate's and the live version's pinned cohorts (subjects that entered since
 * the rollout started), and
 *
 * <ol>
 *   <li>on a regression of any metric (the sequential test rejects "no difference" and the whole
 *       confidence sequence is on the worse side) pauses the rollout and, if {@link
 *       Builder#rollbackOnRegression configured}, rolls it back, as {@value #WHO}, with the
 *       metric's test statistic as the reason, and notifies the {@link GuardListener}s;
 *   <li>otherwise, with {@link Builder#advanceAfter automatic steps}, moves the candidate to its
 *       next step (or promotes it at 100%) once every metric has enough subjects to be tested,
 *       the current step has the minimum sample of candidate subjects and has run for the minimum
 *       time on the clock; with manual steps (the default) it waits for a person. Pick the
 *       minimum sample from {@link SequentialTest#sampleSize}: the sample that detects the
 *       minimum detectable effect with the power you want at the step's share.
 * </ol>
 *
 * Every change goes through {@link Deployments}, so it is compare-and-set and in the deployment's
 * history (who {@value #WHO}, when, why). A check is cheap enough to run every few seconds: hand
 * {@code guard::check} to {@code JourneyRuntime.Builder.task}, or call it by hand. Thread-safe
 * (checks synchronize).
 *
 * <pre>{@code
 * RolloutGuard guard = RolloutGuard.builder(deployments, "lead-handoff", collector, guardrails)
 *     .clock(clock)
 *     .rollbackOnRegression(RollbackMode.NEW_ENTRIES)
 *     .advanceAfter(200, Duration.ofDays(1))
 *     .deadLetters(store::deadLetters)
 *     .build();
 * JourneyRuntime runtime = JourneyRuntime.builder(engine, executor)
 *     .task("guard", Duration.ofMinutes(1), guard::check)
 *     .build();
 * }</pre>
 */
public final class RolloutGuard {
  /** Who the guard's changes are recorded as. */
  public static final String WHO = "guard";

  private static final Logger LOG = LoggerFactory.getLogger(RolloutGuard.class);

  private final Deployments deployments;
  private final String journey;
  private final GuardrailCollector collector;
  private final Guardrails guardrails;
  private final Clock clock;
  private final Optional<RollbackMode> rollback;
  private final boolean automatic;
  private final long minimumSample;
  private final Duration minimumTime;
  private final Supplier<? extends List<DeadLetter>> deadLetters;
  private final List<GuardListener> listeners;

  private RolloutGuard(Builder b) {
    this.deployments = b.deployments;
    this.journey = b.journey;
    this.collector = b.collector;
    this.guardrails = b.guardrails;
    this.clock = b.clock;
    this.rollback = Optional.ofNullable(b.rollback);
    this.automatic = b.automatic;
    this.minimumSample = b.minimumSample;
    this.minimumTime = b.minimumTime;
    this.deadLetters = b.deadLetters;
    this.listeners = List.copyOf(b.listeners);
  }

  /**
   * Starts a builder.
   *
   * @param deployments where the deployment is read and changed
   * @param journey the journey whose rollout to guard
   * @param collector the journey's guardrail collector (registered as the engine's listener)
   * @param guardrails the metrics and the significance level
   */
  public static Builder builder(
      Deployments deployments, String journey, GuardrailCollector collector, Guardrails guardrails) {
    return new Builder(deployments, journey, collector, guardrails);
  }

  /** The guardrails. */
  public Guardrails guardrails() {
    return guardrails;
  }

  /** The instant the current candidate's rollout started (its last {@code START} change). */
  static Instant rolloutStart(JourneyDeployment d) {
    return lastChange(d, List.of(DeploymentChange.Kind.START));
  }

  private static Instant lastChange(JourneyDeployment d, List<DeploymentChange.Kind> kinds) {
    List<DeploymentChange> history = d.history();
    for (int i = history.size() - 1; i >= 0; i--) {
      if (kinds.contains(history.get(i).kind())) {
        return history.get(i).at();
      }
    }
    return history.get(0).at();
  }

  /**
   * Reads the guardrails and acts on them, once.
   *
   * @return what it read and did
   */
  public synchronized GuardCheck check() {
    Instant now = clock.instant();
    Optional<JourneyDeployment> stored = deployments.deployment(journey);
    if (stored.isEmpty() || stored.get().candidate().isEmpty()) {
      return notify(new GuardCheck(now, journey, Optional.empty(), 0, List.of(), GuardCheck.Action.NO_CANDIDATE,
          stored.isEmpty() ? "no deployment of " + journey + " is stored" : "no candidate is rolling out"));
    }
    JourneyDeployment d = stored.get();
    Candidate c = d.candidate().get();
    collector.deadLetters(deadLetters.get());
    List<GuardrailSubject> subjects = collector.subjects();
    List<GuardrailReading> readings = guardrails.read(subjects, d.live(), c.version(), rolloutStart(d));
    Optional<String> candidate = Optional.of(c.version());
    try {
      for (GuardrailReading r : readings) {
        if (r.regression()) {
          return notify(regressed(now, d, c, readings, r));
        }
      }
      if (d.state() == DeploymentState.PAUSED) {
        return notify(new GuardCheck(now, journey, candidate, c.percent(), readings,
            GuardCheck.Action.WAITING_FOR_PERSON, "the rollout is paused; resume it or roll it back"));
      }
      if (!automatic) {
        return notify(new GuardCheck(now, journey, candidate, c.percent(), readings,
            GuardCheck.Action.WAITING_FOR_PERSON, "no regression; steps are manual"));
      }
      Instant stepSince = lastChange(d, List.of(DeploymentChange.Kind.START, DeploymentChange.Kind.STEP,
          DeploymentChange.Kind.RESUME));
      long atStep = subjects.stream()
          .filter(s -> s.version().equals(c.version()) && !s.firstSeen().isBefore(stepSince))
          .count();
      Optional<GuardrailReading> untested = readings.stream()
          .filter(r -> r.comparison().verdict() == Comparison.Verdict.INSUFFICIENT_SAMPLE).findFirst();
      if (untested.isPresent()) {
        return notify(new GuardCheck(now, journey, candidate, c.percent(), readings, GuardCheck.Action.WAITING_FOR_SAMPLE,
            "metric " + untested.get().describe()));
      }
      if (atStep < minimumSample) {
        return notify(new GuardCheck(now, journey, candidate, c.percent(), readings, GuardCheck.Action.WAITING_FOR_SAMPLE,
            String.format(Locale.ROOT, "%d of %d candidate subjects at %d%%", atStep, minimumSample, c.percent())));
      }
      Instant due = stepSince.plus(minimumTime);
      if (now.isBefore(due)) {
        return notify(new GuardCheck(now, journey, candidate, c.percent(), readings, GuardCheck.Action.WAITING_FOR_TIME,
            "the step at " + c.percent() + "% runs until " + due));
      }
      String why = String.format(Locale.ROOT, "no regression after %d candidate subjects and %s at %d%%: %s",
          atStep, Duration.between(stepSince, now), c.percent(), summary(readings));
      GuardCheck done;
      if (c.atLastStep()) {
        deployments.promote(journey, WHO, why);
        done = new GuardCheck(now, journey, candidate, c.percent(), readings, GuardCheck.Action.PROMOTED, why);
      } else {
        deployments.step(journey, WHO, why);
        done = new GuardCheck(now, journey, candidate, c.percent(), readings, GuardCheck.Action.STEPPED, why);
      }
      LOG.info("guard {} {}: {}", done.action(), journey + "@" + c.version(), why);
      listeners.forEach(l -> safely(() -> l.onAdvanced(done)));
      return notify(done);
    } catch (JourneyException e) {
      // someone changed the deployment between our read and our write (CAS), or it no longer allows the change
      return notify(new GuardCheck(now, journey, candidate, c.percent(), readings, GuardCheck.Action.CONFLICT,
          e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private GuardCheck regressed(
      Instant now, JourneyDeployment d, Candidate c, List<GuardrailReading> readings, GuardrailReading r) {
    String why = "regression of " + r.describe();
    Optional<String> candidate = Optional.of(c.version());
    if (d.state() == DeploymentState.RUNNING) {
      deployments.pause(journey, WHO, why);
    } else if (rollback.isEmpty()) {
      return new GuardCheck(now, journey, candidate, c.percent(), readings, GuardCheck.Action.WAITING_FOR_PERSON,
          "the rollout is paused on a " + why);
    }
    GuardCheck done;
    if (rollback.isPresent()) {
      deployments.rollback(journey, rollback.get(), WHO, why);
      done = new GuardCheck(now, journey, candidate, c.percent(), readings, GuardCheck.Action.ROLLED_BACK, why);
    } else {
      done = new GuardCheck(now, journey, candidate, c.percent(), readings, GuardCheck.Action.PAUSED_ON_REGRESSION, why);
    }
    LOG.warn("guard {} {} at {}%: {}", done.action(), journey + "@" + c.version(), c.percent(), why);
    listeners.forEach(l -> safely(() -> l.onRegression(done)));
    return done;
  }

  private static String summary(List<GuardrailReading> readings) {
    List<String> parts = new ArrayList<>();
    for (GuardrailReading r : readings) {
      parts.add(String.format(Locale.ROOT, "%s %+.3f [%+.3f, %+.3f]", r.metric(), r.comparison().difference(),
          r.comparison().low(), r.comparison().high()));
    }
    return String.join("; ", parts);
  }

  private GuardCheck notify(GuardCheck check) {
    listeners.forEach(l -> safely(() -> l.onChecked(check)));
    return check;
  }

  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("a guard listener failed ({}); ignored", e.getClass().getName(), e);
    }
  }

  /** Configures a {@link RolloutGuard}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final Deployments deployments;
    private final String journey;
    private final GuardrailCollector collector;
    private final Guardrails guardrails;
    private Clock clock = Clock.systemUTC();
    private RollbackMode rollback;
    private boolean automatic;
    private long minimumSample;
    private Duration minimumTime = Duration.ZERO;
    private Supplier<? extends List<DeadLetter>> deadLetters = List::of;
    private final List<GuardListener> listeners = new ArrayList<>();

    Builder(Deployments deployments, String journey, GuardrailCollector collector, Guardrails guardrails) {
      this.deployments = Objects.requireNonNull(deployments, "deployments");
      this.journey = Checks.notBlank(journey, "journey");
      this.collector = Objects.requireNonNull(collector, "collector");
      this.guardrails = Objects.requireNonNull(guardrails, "guardrails");
    }

    /** The clock for "now" and the minimum time; {@link Clock#systemUTC()} by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** On a regression, roll back (after pausing) with {@code mode}; by default the guard only pauses. */
    public Builder rollbackOnRegression(RollbackMode mode) {
      this.rollback = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Steps automatically: once the current step has at least {@code subjects} candidate subjects
     * and has run for {@code time}, without regression, the guard moves to the next step, and at
     * the last step promotes. By default steps wait for a person.
     *
     * @throws IllegalArgumentException when {@code subjects < 1} or {@code time} is negative
     */
    public Builder advanceAfter(long subjects, Duration time) {
      Objects.requireNonNull(time, "time");
      if (subjects < 1) {
        throw new IllegalArgumentException("advanceAfter needs at least 1 subject, but was " + subjects);
      }
      if (time.isNegative()) {
        throw new IllegalArgumentException("advanceAfter needs a time >= 0, but was " + time);
      }
      this.automatic = true;
      this.minimumSample = subjects;
      this.minimumTime = time;
      return this;
    }

    /** Where the dead letters are read at each check (e.g. {@code store::deadLetters}); none by default. */
    public Builder deadLetters(Supplier<? extends List<DeadLetter>> deadLetters) {
      this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
      return this;
    }

    /** Adds a listener. */
    public Builder listener(GuardListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Builds. */
    public RolloutGuard build() {
      return new RolloutGuard(this);
    }
  }
}
