package dev.journey.core.rollout;

import dev.journey.core.internal.Checks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Changes journeys' {@linkplain JourneyDeployment deployments} in a {@link DeploymentStore}:
 * register a version, shadow it, start a rollout (steps and pilot scope), step, pause, resume,
 * roll back, promote; and shows their {@linkplain DeploymentStatus status}. Every change reads the
 * stored deployment, applies the change with who and why and the time from the clock, and writes
 * it back with compare-and-set: when someone else changed it in between, the change fails with
 * {@link DeploymentConflictException} and nothing is written (re-read and decide again).
 *
 * <p>Thread-safe. Build with {@link #builder(DeploymentStore)}:
 *
 * <pre>{@code
 * Deployments deployments = Deployments.builder(store).clock(clock).build();
 * deployments.register("lead-handoff", v2, "ana", "faster first touch");
 * deployments.start("lead-handoff", "2", Candidate.DEFAULT_STEPS, PilotScope.everyone(), "ana", "pilot");
 * deployments.step("lead-handoff", "ana", "1% looks fine");
 * }</pre>
 */
public final class Deployments {
  private final DeploymentStore store;
  private final Clock clock;
  private final DeploymentMetrics metrics;

  private Deployments(Builder b) {
    this.store = b.store;
    this.clock = b.clock;
    this.metrics = b.metrics;
  }

  /** Starts a builder over {@code store}. */
  public static Builder builder(DeploymentStore store) {
    return new Builder(store);
  }

  /** The store. */
  public DeploymentStore store() {
    return store;
  }

  /** The stored deployment of {@code journey}, if any. */
  public Optional<JourneyDeployment> deployment(String journey) {
    return store.deployment(Checks.notBlank(journey, "journey"));
  }

  /**
   * The stored deployment of {@code journey}.
   *
   * @throws DeploymentNotFoundException when none is stored
   */
  public JourneyDeployment require(String journey) {
    return deployment(journey)
        .orElseThrow(() -> new DeploymentNotFoundException(journey, store.deployedJourneys()));
  }

  /**
   * Registers a version; the first version of a journey becomes its live version.
   *
   * @throws IllegalDeploymentChangeException when the version is registered already
   * @throws DeploymentConflictException when the deployment changed concurrently
   */
  public JourneyDeployment register(String journey, RegisteredVersion version, String who, String why) {
    Objects.requireNonNull(version, "version");
    Optional<JourneyDeployment> current = deployment(journey);
    JourneyDeployment next =
        current.isPresent()
            ? current.get().register(version, who, why, clock.instant())
            : JourneyDeployment.first(journey, version, who, why, clock.instant());
    store.saveDeployment(next, current.map(JourneyDeployment::revision).orElse(0L));
    return next;
  }

  /** Shadows a registered version ({@link JourneyDeployment#shadow}). */
  public JourneyDeployment shadow(String journey, String version, String who, String why) {
    return change(journey, d -> d.shadow(version, who, why, clock.instant()));
  }

  /** Starts a rollout ({@link JourneyDeployment#start}). */
  public JourneyDeployment start(
      String journey, String version, List<Integer> steps, PilotScope pilot, String who, String why) {
    return change(journey, d -> d.start(version, steps, pilot, who, why, clock.instant()));
  }

  /** Steps the rollout ({@link JourneyDeployment#step}). */
  public JourneyDeployment step(String journey, String who, String why) {
    return change(journey, d -> d.step(who, why, clock.instant()));
  }

  /** Pauses the rollout ({@link JourneyDeployment#pause}). */
  public JourneyDeployment pause(String journey, String who, String why) {
    return change(journey, d -> d.pause(who, why, clock.instant()));
  }

  /** Resumes the rollout ({@link JourneyDeployment#resume}). */
  public JourneyDeployment resume(String journey, String who, String why) {
    return change(journey, d -> d.resume(who, why, clock.instant()));
  }

  /** Rolls the candidate back ({@link JourneyDeployment#rollback}). */
  public JourneyDeployment rollback(String journey, RollbackMode mode, String who, String why) {
    return change(journey, d -> d.rollback(mode, who, why, clock.instant()));
  }

  /** Promotes the candidate ({@link JourneyDeployment#promote}). */
  public JourneyDeployment promote(String journey, String who, String why) {
    return change(journey, d -> d.promote(who, why, clock.instant()));
  }

  /**
   * Applies {@code change} to the stored deployment and writes the result with compare-and-set.
   *
   * @throws DeploymentNotFoundException when none is stored
   * @throws DeploymentConflictException when it changed concurrently (nothing written)
   */
  public JourneyDeployment change(String journey, UnaryOperator<JourneyDeployment> change) {
    JourneyDeployment current = require(journey);
    JourneyDeployment next = Objects.requireNonNull(change.apply(current), "change result");
    store.saveDeployment(next, current.revision());
    return next;
  }

  /**
   * The status of {@code journey}: every version with its role, share, pinned cohort and
   * guardrail figures.
   *
   * @throws DeploymentNotFoundException when none is stored
   */
  public DeploymentStatus status(String journey) {
    JourneyDeployment d = require(journey);
    Map<String, RegisteredVersion> byKey = new LinkedHashMap<>();
    d.versions().forEach(v -> byKey.put(v.key(), v));
    Map<String, Long> pinned = store.pinnedCounts(journey, byKey.keySet());
    List<VersionStatus> out = new ArrayList<>();
    for (RegisteredVersion v : d.versions()) {
      VersionStatus.Role role;
      int percent = 0;
      if (v.version().equals(d.live())) {
        role = VersionStatus.Role.LIVE;
        percent = 100 - (d.state() == DeploymentState.RUNNING ? d.percent() : 0);
      } else if (d.candidate().isPresent() && d.candidate().get().version().equals(v.version())) {
        role = VersionStatus.Role.CANDIDATE;
        percent = d.state() == DeploymentState.RUNNING ? d.percent() : 0;
      } else if (d.shadows().contains(v.version())) {
        role = VersionStatus.Role.SHADOW;
      } else if (d.migrating().contains(v.version())) {
        role = VersionStatus.Role.MIGRATING;
      } else {
        role = VersionStatus.Role.REGISTERED;
      }
      out.add(new VersionStatus(v, role, percent, pinned.getOrDefault(v.key(), 0L),
          metrics.figures(d, v)));
    }
    return new DeploymentStatus(d, out);
  }

  /** Configures {@link Deployments}. Not thread-safe. */
  public static final class Builder {
    private final DeploymentStore store;
    private Clock clock = Clock.systemUTC();
    private DeploymentMetrics metrics = DeploymentMetrics.NONE;

    Builder(DeploymentStore store) {
      this.store = Objects.requireNonNull(store, "store");
    }

    /** The clock changes are stamped with; {@link Clock#systemUTC()} by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The guardrail figures {@link #status} shows; {@link DeploymentMetrics#NONE} by default. */
    public Builder metrics(DeploymentMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** Builds. */
    public Deployments build() {
      return new Deployments(this);
    }
  }
}
