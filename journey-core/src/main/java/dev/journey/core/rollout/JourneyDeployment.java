package dev.journey.core.rollout;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Checks;
import dev.journey.core.internal.Murmur3;
import dev.journey.core.rollout.DeploymentChange.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which versions of a journey's rules exist and which decide, as data: the registered versions,
 * the live version, an optional candidate rolling out with its step and pilot scope, shadow
 * versions, whether the rollout runs or is paused, the versions whose pinned subjects migrate to
 * live, a revision for compare-and-set and the history of every change.
 *
 * <p>Immutable; every change ({@link #register}, {@link #start}, {@link #step}, ...) returns the
 * next deployment with the revision one higher and the change appended to the history, or throws
 * {@link IllegalDeploymentChangeException}. {@link Deployments} applies them against a {@link
 * DeploymentStore} with compare-and-set.
 *
 * <p>A subject's version is chosen once, when it enters the journey ({@link #versionFor}): the
 * candidate when the rollout runs, the subject is in the pilot scope and its stable {@linkplain
 * #bucket bucket} is below the step's share; the live version otherwise. The engine then keeps it
 * (see {@link DeploymentEvaluator}).
 *
 * @param journey the journey's name
 * @param versions the registered versions, in registration order
 * @param live the live version (one of {@code versions})
 * @param candidate the version rolling out, if any
 * @param shadows versions evaluated beside the live one, never applied
 * @param state whether the rollout runs or is paused
 * @param migrating versions whose pinned subjects move to the live version at their next decision
 *     (after a {@link RollbackMode#MIGRATE_PINNED} rollback)
 * @param revision the compare-and-set revision, 1 for the first stored deployment
 * @param history every change, oldest first
 */
public record JourneyDeployment(
    String journey,
    List<RegisteredVersion> versions,
    String live,
    Optional<Candidate> candidate,
    List<String> shadows,
    DeploymentState state,
    List<String> migrating,
    long revision,
    List<DeploymentChange> history) {

  /** The number of buckets, as in {@link RolloutPlan#BUCKETS}. */
  public static final int BUCKETS = RolloutPlan.BUCKETS;

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException when the live, candidate, shadow or migrating versions are not
   *     registered, a version is registered twice, or the revision is below 1
   */
  public JourneyDeployment {
    Checks.notBlank(journey, "journey");
    versions = List.copyOf(versions);
    Checks.notBlank(live, "live");
    Objects.requireNonNull(candidate, "candidate");
    shadows = List.copyOf(new TreeSet<>(shadows));
    Objects.requireNonNull(state, "state");
    migrating = List.copyOf(new TreeSet<>(migrating));
    Checks.atLeast(revision, 1, "revision");
    history = List.copyOf(history);
    TreeSet<String> seen = new TreeSet<>();
    for (RegisteredVersion v : versions) {
      if (!seen.add(v.version())) {
        throw new IllegalArgumentException(
            "version '" + v.version() + "' of journey '" + journey + "' is registered twice");
      }
    }
    requireRegistered(seen, live, "live");
    candidate.ifPresent(c -> requireRegistered(seen, c.version(), "candidate"));
    shadows.forEach(s -> requireRegistered(seen, s, "shadow"));
    migrating.forEach(s -> requireRegistered(seen, s, "migrating"));
  }

  private void requireRegistered(java.util.Set<String> registered, String version, String role) {
    if (!registered.contains(version)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s version '%s' of journey '%s' must be registered, but the registered versions are %s",
              role,
              version,
              journey,
              registered));
    }
  }

  /**
   * The first deployment of a journey: {@code first} registered and live, revision 1.
   *
   * @throws IllegalArgumentException when a name is blank
   */
  public static JourneyDeployment first(
      String journey, RegisteredVersion first, String who, String why, Instant at) {
    Objects.requireNonNull(first, "first");
    DeploymentChange change =
        new DeploymentChange(1, Kind.REGISTER, first.version() + " (live)", who, why, at);
    return new JourneyDeployment(
        journey, List.of(first), first.version(), Optional.empty(), List.of(),
        DeploymentState.RUNNING, List.of(), 1, List.of(change));
  }

  /** The registered version {@code version}, if registered. */
  public Optional<RegisteredVersion> version(String version) {
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }

  /** The registered version that is live. */
  public RegisteredVersion liveVersion() {
    return version(live).orElseThrow();
  }

  /** The version whose decisions a snapshot records as {@code ruleSetKey} ({@code name@version}). */
  public Optional<RegisteredVersion> byKey(String ruleSetKey) {
    return versions.stream().filter(v -> v.key().equals(ruleSetKey)).findFirst();
  }

  /** The candidate's share of entering subjects in scope, in percent (0 without candidate). */
  public int percent() {
    return candidate.map(Candidate::percent).orElse(0);
  }

  /** The subject's stable bucket in {@code 0..9999}: murmur3 of {@code <journey>:<subject>}. */
  public int bucket(SubjectRef subject) {
    Objects.requireNonNull(subject, "subject");
    return Math.floorMod(Murmur3.hash32(journey + ":" + subject), BUCKETS);
  }

  /**
   * The version for a subject entering now: the candidate when the rollout runs, the subject is in
   * the pilot scope (its attributes read with {@code attribute}) and its bucket is below the
   * step's share; the live version otherwise.
   */
  public String versionFor(SubjectRef subject, Function<String, Optional<String>> attribute) {
    if (candidate.isEmpty() || state != DeploymentState.RUNNING) {
      return live;
    }
    Candidate c = candidate.get();
    return bucket(subject) < c.percent() * (BUCKETS / 100) && c.pilot().matches(attribute)
        ? c.version()
        : live;
  }

  private IllegalDeploymentChangeException refuse(Kind kind, String message) {
    return new IllegalDeploymentChangeException(journey, kind, message);
  }

  private JourneyDeployment next(
      Kind kind,
      String detail,
      String who,
      String why,
      Instant at,
      List<RegisteredVersion> newVersions,
      String newLive,
      Optional<Candidate> newCandidate,
      List<String> newShadows,
      DeploymentState newState,
      List<String> newMigrating) {
    List<DeploymentChange> h = new ArrayList<>(history);
    h.add(new DeploymentChange(revision + 1, kind, detail, who, why, at));
    return new JourneyDeployment(
        journey, newVersions, newLive, newCandidate, newShadows, newState, newMigrating,
        revision + 1, h);
  }

  /**
   * Registers another version.
   *
   * @throws IllegalDeploymentChangeException when the version is registered already
   */
  public JourneyDeployment register(RegisteredVersion version, String who, String why, Instant at) {
    Objects.requireNonNull(version, "version");
    Optional<RegisteredVersion> existing = version(version.version());
    if (existing.isPresent()) {
      throw refuse(Kind.REGISTER, "version '" + version.version()
          + "' is registered already (hash '" + existing.get().hash() + "'); register a new version");
    }
    List<RegisteredVersion> v = new ArrayList<>(versions);
    v.add(version);
    return next(Kind.REGISTER, version.version(), who, why, at, v, live, candidate, shadows, state,
        migrating);
  }

  /**
   * Runs a registered version in the shadow of the live one (its decisions are compared, never
   * applied).
   *
   * @throws IllegalDeploymentChangeException when the version is not registered, is live, is the
   *     candidate or is a shadow already
   */
  public JourneyDeployment shadow(String version, String who, String why, Instant at) {
    requireOther(Kind.SHADOW, version);
    if (shadows.contains(version)) {
      throw refuse(Kind.SHADOW, "version '" + version + "' is a shadow already");
    }
    List<String> s = new ArrayList<>(shadows);
    s.add(version);
    return next(Kind.SHADOW, version, who, why, at, versions, live, candidate, s, state, migrating);
  }

  private void requireOther(Kind kind, String version) {
    Checks.notBlank(version, "version");
    if (version(version).isEmpty()) {
      throw refuse(kind, "version '" + version + "' is not registered (registered: "
          + versions.stream().map(RegisteredVersion::version).toList() + ")");
    }
    if (version.equals(live)) {
      throw refuse(kind, "version '" + version + "' is the live version");
    }
    if (candidate.isPresent() && candidate.get().version().equals(version)) {
      throw refuse(kind, "version '" + version + "' is the candidate already");
    }
  }

  /**
   * Starts rolling a registered version out at the first of {@code steps}, to entering subjects
   * in {@code pilot} only. The version stops being a shadow; the rollout runs.
   *
   * @throws IllegalDeploymentChangeException when a candidate is rolling out already, or the
   *     version is not registered or is live
   * @throws IllegalArgumentException when the steps are not valid (see {@link Candidate})
   */
  public JourneyDeployment start(
      String version, List<Integer> steps, PilotScope pilot, String who, String why, Instant at) {
    if (candidate.isPresent()) {
      throw refuse(Kind.START, "candidate '" + candidate.get().version() + "' is rolling out at "
          + percent() + "%; promote or roll it back first");
    }
    requireOther(Kind.START, version);
    Candidate c = new Candidate(version, steps, 0, pilot);
    List<String> s = new ArrayList<>(shadows);
    s.remove(version);
    List<String> m = new ArrayList<>(migrating);
    m.remove(version);
    return next(Kind.START, version + " at " + c.percent() + "% of " + c.steps() + ", pilot " + pilot,
        who, why, at, versions, live, Optional.of(c), s, DeploymentState.RUNNING, m);
  }

  private Candidate requireCandidate(Kind kind) {
    return candidate.orElseThrow(() -> refuse(kind, "no candidate is rolling out; start one first"));
  }

  /**
   * Moves the candidate to its next step. Subjects already pinned keep their version.
   *
   * @throws IllegalDeploymentChangeException without candidate, when paused or at the last step
   */
  public JourneyDeployment step(String who, String why, Instant at) {
    Candidate c = requireCandidate(Kind.STEP);
    if (state == DeploymentState.PAUSED) {
      throw refuse(Kind.STEP, "the rollout of '" + c.version() + "' is paused; resume it first");
    }
    if (c.atLastStep()) {
      throw refuse(Kind.STEP, "candidate '" + c.version() + "' is at its last step (100%); promote it");
    }
    Candidate n = new Candidate(c.version(), c.steps(), c.step() + 1, c.pilot());
    return next(Kind.STEP, c.version() + " " + c.percent() + "% -> " + n.percent() + "%", who, why,
        at, versions, live, Optional.of(n), shadows, state, migrating);
  }

  /**
   * Pauses the rollout: new entries all get the live version; pinned subjects keep theirs.
   *
   * @throws IllegalDeploymentChangeException without candidate or when paused already
   */
  public JourneyDeployment pause(String who, String why, Instant at) {
    Candidate c = requireCandidate(Kind.PAUSE);
    if (state == DeploymentState.PAUSED) {
      throw refuse(Kind.PAUSE, "the rollout of '" + c.version() + "' is paused already");
    }
    return next(Kind.PAUSE, c.version() + " at " + c.percent() + "%", who, why, at, versions, live,
        candidate, shadows, DeploymentState.PAUSED, migrating);
  }

  /**
   * Resumes a paused rollout at the step it was paused at.
   *
   * @throws IllegalDeploymentChangeException unless paused
   */
  public JourneyDeployment resume(String who, String why, Instant at) {
    Candidate c = requireCandidate(Kind.RESUME);
    if (state != DeploymentState.PAUSED) {
      throw refuse(Kind.RESUME, "the rollout of '" + c.version() + "' is not paused");
    }
    return next(Kind.RESUME, c.version() + " at " + c.percent() + "%", who, why, at, versions, live,
        candidate, shadows, DeploymentState.RUNNING, migrating);
  }

  /**
   * Rolls the candidate back: new entries get the live version; with {@link
   * RollbackMode#MIGRATE_PINNED} the subjects pinned to the candidate move to live too.
   *
   * @throws IllegalDeploymentChangeException without candidate
   */
  public JourneyDeployment rollback(RollbackMode mode, String who, String why, Instant at) {
    Objects.requireNonNull(mode, "mode");
    Candidate c = requireCandidate(Kind.ROLLBACK);
    List<String> m = new ArrayList<>(migrating);
    if (mode == RollbackMode.MIGRATE_PINNED) {
      m.add(c.version());
    }
    return next(Kind.ROLLBACK, c.version() + " at " + c.percent() + "% (" + mode + ")", who, why, at,
        versions, live, Optional.empty(), shadows, DeploymentState.RUNNING, m);
  }

  /**
   * Makes the candidate, at its last step, the live version. Subjects pinned to the former live
   * version keep it until they exit.
   *
   * @throws IllegalDeploymentChangeException without candidate or before its last step
   */
  public JourneyDeployment promote(String who, String why, Instant at) {
    Candidate c = requireCandidate(Kind.PROMOTE);
    if (!c.atLastStep()) {
      throw refuse(Kind.PROMOTE, "candidate '" + c.version() + "' is at " + c.percent()
          + "%, not at its last step (100%); step it first");
    }
    return next(Kind.PROMOTE, live + " -> " + c.version(), who, why, at, versions, c.version(),
        Optional.empty(), shadows, DeploymentState.RUNNING, migrating);
  }

  /** E.g. {@code lead-handoff r4: live 1, candidate 2 at 10% (RUNNING)}. */
  @Override
  public String toString() {
    return journey + " r" + revision + ": live " + live
        + candidate.map(c -> ", candidate " + c.version() + " at " + c.percent() + "%"
            + (c.pilot().coversEveryone() ? "" : " of " + c.pilot())).orElse("")
        + (shadows.isEmpty() ? "" : ", shadows " + shadows)
        + (migrating.isEmpty() ? "" : ", migrating " + migrating)
        + " (" + state + ")";
  }
}
