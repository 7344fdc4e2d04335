package dev.journey.core.rollout;

import dev.journey.core.Signal;
import dev.journey.core.decision.Decision;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneySnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Evaluates each subject with the version its journey's {@linkplain JourneyDeployment deployment}
 * pins it to. The version is chosen once, when the subject enters the journey (its snapshot
 * records no decision of a registered version yet): {@link JourneyDeployment#versionFor}, by
 * stable bucket and pilot scope. The decision of that version is recorded in the snapshot (its
 * {@code ruleSet}, per journey when an engine hosts several), and every later decision of that
 * subject uses the recorded version: a step change, a pause, a promotion or a {@link
 * RollbackMode#NEW_ENTRIES} rollback never flips a pinned subject. After a {@link
 * RollbackMode#MIGRATE_PINNED} rollback, a subject pinned to the rolled-back version moves to the
 * live one at its next decision, which is annotated {@value #MIGRATED} for the audit.
 *
 * <p>The deployment comes from a {@link DeploymentWatcher}, read once per decision: a change
 * stored by anyone reaches this evaluator within one poll interval, and a decision finishes on the
 * deployment it started with. Shadow versions run beside the live version as in {@link
 * ShadowEvaluator} (with several shadows, the annotations name the last one).
 *
 * <p>Annotations (stored with the decision in the audit): {@value #VERSION} the version that
 * decided, {@value #REVISION} the deployment revision, {@value #BUCKET} the subject's bucket,
 * {@value #PIN} {@code entry}, {@code pinned} or {@code migrated}, and {@value #MIGRATED}
 * ({@code from -> to}) on a migration.
 *
 * <p>Thread-safe if the version evaluators are.
 *
 * <pre>{@code
 * JourneyEvaluator evaluator = DeploymentEvaluator.builder(watcher)
 *     .version("1", rulesV1)
 *     .version("2", rulesV2)
 *     .build();
 * }</pre>
 */
public final class DeploymentEvaluator implements JourneyEvaluator {
  /** Annotation: the version that decided. */
  public static final String VERSION = "deploy.version";
  /** Annotation: the deployment's revision the decision used. */
  public static final String REVISION = "deploy.revision";
  /** Annotation: the subject's bucket. */
  public static final String BUCKET = "deploy.bucket";
  /** Annotation: how the version was chosen ({@code entry}, {@code pinned}, {@code migrated}). */
  public static final String PIN = "deploy.pin";
  /** Annotation on a migration: {@code <from> -> <to>}. */
  public static final String MIGRATED = "deploy.migrated";

  private final DeploymentWatcher watcher;
  private final Map<String, JourneyEvaluator> byVersion;
  private final Function<RegisteredVersion, Optional<JourneyEvaluator>> loader;
  private final ConcurrentHashMap<String, JourneyEvaluator> loaded = new ConcurrentHashMap<>();

  private DeploymentEvaluator(Builder b) {
    this.watcher = b.watcher;
    this.byVersion = Map.copyOf(b.byVersion);
    this.loader = b.loader;
  }

  /** Starts a builder reading the deployment through {@code watcher}. */
  public static Builder builder(DeploymentWatcher watcher) {
    return new Builder(watcher);
  }

  /** The watcher. */
  public DeploymentWatcher watcher() {
    return watcher;
  }

  /**
   * The version {@code snapshot} is pinned to in {@code deployment}: the registered version whose
   * key ({@code name@version}) the snapshot records as the rule set that last decided.
   */
  public static Optional<RegisteredVersion> pinned(JourneyDeployment deployment, JourneySnapshot snapshot) {
    return snapshot.ruleSet().flatMap(deployment::byKey);
  }

  @Override
  public Decision evaluate(JourneySnapshot snapshot, Signal signal, Instant now) {
    JourneyDeployment d = watcher.current();
    Optional<RegisteredVersion> pinned = pinned(d, snapshot);
    String version;
    String pin;
    String migratedFrom = null;
    if (pinned.isPresent() && d.migrating().contains(pinned.get().version())) {
      version = d.live();
      pin = "migrated";
      migratedFrom = pinned.get().version();
    } else if (pinned.isPresent()) {
      version = pinned.get().version();
      pin = "pinned";
    } else {
      version = d.versionFor(snapshot.subject(), name -> attribute(name, snapshot, signal));
      pin = "entry";
    }
    RegisteredVersion registered = d.version(version).orElseThrow();
    JourneyEvaluator evaluator = evaluatorFor(d, registered);
    if (version.equals(d.live())) {
      for (String shadow : d.shadows()) {
        evaluator = ShadowEvaluator.of(evaluator, evaluatorFor(d, d.version(shadow).orElseThrow()));
      }
    }
    Decision decision = evaluator.evaluate(snapshot, signal, now);
    if (!decision.ruleSet().key().equals(registered.key())) {
      throw new IllegalStateException(
          "the evaluator given for version '" + version + "' of journey '" + d.journey()
              + "' decided as " + decision.ruleSet().key() + ", but the deployment registers it as "
              + registered.key() + ": register the version under the name and version its rules carry");
    }
    decision = decision
        .withAnnotation(VERSION, version)
        .withAnnotation(REVISION, Long.toString(d.revision()))
        .withAnnotation(BUCKET, Integer.toString(d.bucket(snapshot.subject())))
        .withAnnotation(PIN, pin);
    if (migratedFrom != null) {
      decision = decision.withAnnotation(MIGRATED, migratedFrom + " -> " + version);
    }
    return decision;
  }

  private static Optional<String> attribute(String name, JourneySnapshot snapshot, Signal signal) {
    if (PilotScope.SOURCE.equals(name)) {
      return Optional.of(signal.source());
    }
    Optional<String> fromSignal = signal.stringAttribute(name);
    return fromSignal.isPresent() ? fromSignal : snapshot.property(name);
  }

  private JourneyEvaluator evaluatorFor(JourneyDeployment d, RegisteredVersion v) {
    JourneyEvaluator given = byVersion.get(v.version());
    if (given != null) {
      return given;
    }
    String cacheKey = v.key() + "#" + v.hash();
    JourneyEvaluator cached = loaded.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    Optional<JourneyEvaluator> fromLoader;
    try {
      fromLoader = loader.apply(v);
    } catch (RuntimeException e) {
      throw new DeploymentVersionUnavailableException(d.journey(), v.version(),
          "its loader failed on '" + v.source() + "': " + e.getMessage());
    }
    JourneyEvaluator e = fromLoader.orElseThrow(() -> new DeploymentVersionUnavailableException(
        d.journey(), v.version(), "none was given to the builder and the loader has none (known: "
            + new TreeMap<>(byVersion).keySet() + ")"));
    loaded.putIfAbsent(cacheKey, e);
    return loaded.get(cacheKey);
  }

  /** Configures a {@link DeploymentEvaluator}. Not thread-safe. */
  public static final class Builder {
    private final DeploymentWatcher watcher;
    private final Map<String, JourneyEvaluator> byVersion = new TreeMap<>();
    private Function<RegisteredVersion, Optional<JourneyEvaluator>> loader = v -> Optional.empty();

    Builder(DeploymentWatcher watcher) {
      this.watcher = Objects.requireNonNull(watcher, "watcher");
    }

    /**
     * The evaluator of {@code version}.
     *
     * @throws IllegalStateException when that version has one already
     */
    public Builder version(String version, JourneyEvaluator evaluator) {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(evaluator, "evaluator");
      if (byVersion.putIfAbsent(version, evaluator) != null) {
        throw new IllegalStateException("version '" + version + "' has an evaluator already");
      }
      return this;
    }

    /**
     * Loads the evaluator of a registered version not given with {@link #version} (say, compiles
     * it from its {@link RegisteredVersion#source()}), once per version and hash: how a runtime
     * picks up a version registered after it started. None by default.
     */
    public Builder loader(Function<RegisteredVersion, Optional<JourneyEvaluator>> loader) {
      this.loader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** Builds. */
    public DeploymentEvaluator build() {
      return new DeploymentEvaluator(this);
    }
  }
}
