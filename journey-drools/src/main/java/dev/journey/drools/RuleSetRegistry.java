package dev.journey.drools;

import dev.journey.core.rollout.RolloutEvaluator;
import dev.journey.core.rollout.RolloutPlan;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.drools.internal.KieCompiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Holds several versions of several rule sets side by side, compiled once per content hash.
 *
 * <p>{@link #compile(RuleSet)} compiles on the calling thread (at startup); {@link #load(RuleSet)}
 * compiles on the registry's background thread and returns at once, so a slow first build (several
 * seconds in a cold JVM) never blocks evaluation of a version that is already loaded. {@link #get} and
 * {@link #evaluator} never block: a version is visible once its compilation succeeded. Compiling
 * the same content twice (even under another name or version) reuses the first result, including
 * a failure.
 *
 * <p>Thread-safe. Close the registry to stop its background thread.
 *
 * <pre>{@code
 * try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
 *   registry.compile(RuleSet.builder("lead-handoff", "1").classpath("rules/v1.drl").build());
 *   registry.load(RuleSet.builder("lead-handoff", "2").classpath("rules/v2.drl").build());
 *   JourneyEvaluator live = registry.evaluator("lead-handoff", "1").orElseThrow();
 * }
 * }</pre>
 */
public final class RuleSetRegistry implements AutoCloseable {
  /** The default build path: {@link BuildPath#CLASSIC}, the faster runtime build. */
  public static final BuildPath DEFAULT_BUILD_PATH = BuildPath.CLASSIC;

  private final BuildPath buildPath;
  private final RuleSandbox sandbox;
  private final Executor executor;
  private final ExecutorService owned;
  private final Map<String, CompletableFuture<KieCompiler.Result>> byHash = new ConcurrentHashMap<>();
  private final Map<String, CompiledRuleSet> byKey = new ConcurrentHashMap<>();
  private final Map<String, DroolsEvaluator> evaluators = new ConcurrentHashMap<>();

  private RuleSetRegistry(BuildPath buildPath, Executor executor) {
    this(buildPath, executor, RuleSandbox.defaults());
  }

  private RuleSetRegistry(BuildPath buildPath, Executor executor, RuleSandbox sandbox) {
    this.buildPath = buildPath;
    this.sandbox = sandbox;
    if (executor == null) {
      this.owned =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "journey-drools-compiler");
                t.setDaemon(true);
                return t;
              });
      this.executor = owned;
    } else {
      this.owned = null;
      this.executor = executor;
    }
  }

  /** A registry with the default build path. */
  public static RuleSetRegistry ofDefaults() {
    return new RuleSetRegistry(DEFAULT_BUILD_PATH, null);
  }

  /** A registry compiling with {@code buildPath}. */
  public static RuleSetRegistry of(BuildPath buildPath) {
    return new RuleSetRegistry(Objects.requireNonNull(buildPath, "buildPath"), null);
  }

  /**
   * A registry compiling with {@code buildPath}, running {@link #load} compilations on {@code
   * executor} (which {@link #close()} leaves running).
   */
  public static RuleSetRegistry of(BuildPath buildPath, Executor executor) {
    return new RuleSetRegistry(
        Objects.requireNonNull(buildPath, "buildPath"), Objects.requireNonNull(executor, "executor"));
  }

  /**
   * Starts configuring a registry: build path, compiler executor and the {@link RuleSandbox}
   * allowlist rules are checked against.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The build path. */
  public BuildPath buildPath() {
    return buildPath;
  }

  /** The allowlist every rule set is checked against at load. */
  public RuleSandbox sandbox() {
    return sandbox;
  }

  /**
   * Lints and compiles on the calling thread (or waits for a compilation of the same content in
   * progress) and registers the version.
   *
   * @throws RuleCompilationException listing every lint and compile problem
   * @throws IllegalStateException when {@code name@version} is registered with other content
   */
  public CompiledRuleSet compile(RuleSet ruleSet) {
    Objects.requireNonNull(ruleSet, "ruleSet");
    checkNotConflicting(ruleSet);
    CompletableFuture<KieCompiler.Result> mine = new CompletableFuture<>();
    CompletableFuture<KieCompiler.Result> existing = byHash.putIfAbsent(ruleSet.hash(), mine);
    if (existing == null) {
      runCompile(ruleSet, mine);
      existing = mine;
    }
    try {
      return register(ruleSet, existing.join());
    } catch (CompletionException e) {
      throw rethrow(ruleSet, e);
    }
  }

  /**
   * Starts linting and compiling on the registry's background thread and returns at once; the
   * version is registered when the future completes successfully.
   *
   * @return the compiled rule set, or a future failed with {@link RuleCompilationException}
   */
  public CompletableFuture<CompiledRuleSet> load(RuleSet ruleSet) {
    Objects.requireNonNull(ruleSet, "ruleSet");
    checkNotConflicting(ruleSet);
    CompletableFuture<KieCompiler.Result> mine = new CompletableFuture<>();
    CompletableFuture<KieCompiler.Result> existing = byHash.putIfAbsent(ruleSet.hash(), mine);
    if (existing == null) {
      executor.execute(() -> runCompile(ruleSet, mine));
      existing = mine;
    }
    return existing.handle(
        (result, failure) -> {
          if (failure != null) {
            throw rethrow(ruleSet, failure);
          }
          return register(ruleSet, result);
        });
  }

  private void runCompile(RuleSet ruleSet, CompletableFuture<KieCompiler.Result> into) {
    try {
      into.complete(KieCompiler.compile(ruleSet, buildPath, sandbox));
    } catch (KieCompiler.Failure f) {
      into.completeExceptionally(f);
    } catch (RuntimeException e) {
      // Drools itself failed (not the rules): report it typed, and do not cache it
      byHash.remove(ruleSet.hash(), into);
      String key = ruleSet.ref().key();
      into.completeExceptionally(
          new RuleCompilationException(
              key,
              List.of(
                  new RuleProblem(
                      RuleProblem.Level.ERROR, key, 0, 0,
                      "the Drools compiler failed: " + e.getClass().getName() + ": " + e.getMessage())),
              e));
    } catch (Error e) {
      byHash.remove(ruleSet.hash(), into);
      into.completeExceptionally(e);
      throw e;
    }
  }

  private static RuntimeException rethrow(RuleSet ruleSet, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof KieCompiler.Failure compileFailure) {
      return new RuleCompilationException(ruleSet.ref().key(), compileFailure.problems());
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new CompletionException(cause);
  }

  private void checkNotConflicting(RuleSet ruleSet) {
    CompiledRuleSet existing = byKey.get(ruleSet.ref().key());
    if (existing != null && !existing.ruleSet().hash().equals(ruleSet.hash())) {
      throw new IllegalStateException(
          "rule set " + ruleSet.ref().key() + " is already registered with content "
              + existing.ruleSet().hash().substring(0, 12) + ", but was given content "
              + ruleSet.hash().substring(0, 12) + "; give changed rules a new version");
    }
  }

  private CompiledRuleSet register(RuleSet ruleSet, KieCompiler.Result result) {
    return byKey.computeIfAbsent(
        ruleSet.ref().key(), k -> new CompiledRuleSet(ruleSet, buildPath, result));
  }

  /** The compiled version, if registered; never blocks. */
  public Optional<CompiledRuleSet> get(String name, String version) {
    return Optional.ofNullable(byKey.get(name + "@" + version));
  }

  /**
   * A (cached) evaluator of the version with default limits, if registered; never blocks.
   */
  public Optional<DroolsEvaluator> evaluator(String name, String version) {
    return get(name, version)
        .map(c -> evaluators.computeIfAbsent(c.ref().key(), k -> DroolsEvaluator.of(c)));
  }

  /**
   * A rollout over this registry's compiled versions: each subject is evaluated with the version
   * {@code plan} assigns it.
   *
   * @throws IllegalStateException when a version of the plan is not compiled (yet)
   */
  public RolloutEvaluator rollout(RolloutPlan plan) {
    Objects.requireNonNull(plan, "plan");
    Map<String, JourneyEvaluator> byVersion = new TreeMap<>();
    for (String version : plan.versions()) {
      byVersion.put(
          version,
          evaluator(plan.ruleSet(), version)
              .orElseThrow(
                  () -> new IllegalStateException(
                      "rule set " + plan.ruleSet() + "@" + version + " must be compiled before"
                          + " rolling out, but the registry has " + versions(plan.ruleSet()))));
    }
    return RolloutEvaluator.of(plan, byVersion);
  }

  /** The registered versions of {@code name}, sorted. */
  public List<String> versions(String name) {
    List<String> versions = new ArrayList<>();
    for (CompiledRuleSet c : byKey.values()) {
      if (c.ruleSet().name().equals(name)) {
        versions.add(c.ruleSet().version());
      }
    }
    versions.sort(null);
    return versions;
  }

  /**
   * Forgets a version (its compiled content stays cached while another version shares it).
   *
   * @return whether it was registered
   */
  public boolean remove(String name, String version) {
    String key = name + "@" + version;
    evaluators.remove(key);
    CompiledRuleSet removed = byKey.remove(key);
    if (removed != null
        && byKey.values().stream().noneMatch(c -> c.ruleSet().hash().equals(removed.ruleSet().hash()))) {
      byHash.remove(removed.ruleSet().hash());
    }
    return removed != null;
  }

  /** Stops the registry's own compiler thread (not a given executor); compilations in progress finish. */
  @Override
  public void close() {
    if (owned != null) {
      owned.shutdown();
    }
  }

  /** Configures a {@link RuleSetRegistry}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private BuildPath buildPath = DEFAULT_BUILD_PATH;
    private Executor executor;
    private RuleSandbox sandbox = RuleSandbox.defaults();

    Builder() {}

    /** The build path; default {@link #DEFAULT_BUILD_PATH}. */
    public Builder buildPath(BuildPath path) {
      this.buildPath = Objects.requireNonNull(path, "buildPath");
      return this;
    }

    /** Runs {@link #load} compilations on {@code executor} (which {@link #close()} leaves running). */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The allowlist rules are checked against; default {@link RuleSandbox#defaults()}. */
    public Builder sandbox(RuleSandbox sandbox) {
      this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
      return this;
    }

    /**
     * Adds {@code className} with every public member to the sandbox (see {@link
     * RuleSandbox.Builder#allowClass}).
     */
    public Builder allowClass(String className) {
      this.sandbox = sandbox.toBuilder().allowClass(className).build();
      return this;
    }

    /** Adds the named members of {@code className} to the sandbox (see {@link RuleSandbox.Builder#allowMembers}). */
    public Builder allowMembers(String className, String... members) {
      this.sandbox = sandbox.toBuilder().allowMembers(className, members).build();
      return this;
    }

    /** Builds the registry. */
    public RuleSetRegistry build() {
      return new RuleSetRegistry(buildPath, executor, sandbox);
    }
  }
}
