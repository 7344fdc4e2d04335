package dev.journey.drools;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.spi.RuleSetSources;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.drools.internal.KieCompiler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.drools.base.rule.accessor.GlobalResolver;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.Globals;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.api.runtime.rule.AgendaFilter;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.api.runtime.rule.Match;
import org.kie.api.time.SessionPseudoClock;

/**
 * Evaluates a {@link CompiledRuleSet} as a pure {@link JourneyEvaluator}.
 *
 * <p>Each evaluation inserts one {@link JourneyFacts} fact into a stateful session borrowed from
 * a pool, sets the session's pseudo clock to {@code now}, binds a fresh {@link Decision.Builder}
 * to the global {@code decision}, fires the rules and records each fired rule's {@code @label}
 * in firing order. Afterwards the session is emptied (every fact deleted, the agenda cleared, the
 * global unbound) and checked empty before it goes back to the pool; a session that failed is
 * disposed instead. So an evaluation sees only its own facts, and nothing leaks between
 * evaluations. In the usual case (the rules inserted nothing) the delete of the evaluation's fact
 * reaches the network at the next evaluation's insert, ahead of the new fact, which saves a
 * second pass of the engine per evaluation; otherwise the deletes are flushed at once.
 *
 * <p>The fact is deleted after every evaluation, never kept and {@code update}d with the next
 * one: on Drools 10.2.0 an update of a fact whose rules fired leaves a rule-terminal tuple per
 * evaluation in the session (the rule executor's dormant matches, the family of
 * apache/incubator-kie#6361), about 100 bytes per evaluation for as long as the session lives,
 * where a delete frees them ({@code SessionMemoryTest}).
 *
 * <p>Idle sessions wait in a fixed array of {@link Builder#maxIdleSessions} slots, each thread
 * starting its search at its own slot, so borrowing and returning allocate nothing and a thread
 * usually gets its own last session (warm caches) back.
 *
 * <p>A firing limit ({@link Builder#maxFirings}) stops rules that keep re-activating themselves
 * with a {@link RuleEvaluationException} naming the rule.
 *
 * <p>Thread-safe: sessions are never shared between threads at the same time.
 *
 * <pre>{@code
 * CompiledRuleSet rules = registry.compile(RuleSet.builder("lead-handoff", "2")
 *     .classpath("rules/lead-handoff.drl").build());
 * JourneyDefinition journey = JourneyDefinition.builder("lead-handoff")
 *     .model(JourneyModel.leadHandoff())
 *     .evaluator(DroolsEvaluator.of(rules))
 *     .build();
 * JourneyEngine engine = JourneyEngine.builder().definition(journey).build();
 * }</pre>
 */
public final class DroolsEvaluator implements JourneyEvaluator {
  /** Default firing limit per evaluation: 1,000. */
  public static final int DEFAULT_MAX_FIRINGS = 1_000;
  /**
   * Default time budget per evaluation, counted from when the rules start firing (a session's
   * first creation in a cold JVM is not counted): 2 s.
   */
  public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(2);
  /**
   * Default number of evaluations past their deadline that may still be running (on their own
   * threads) before new evaluations are refused: 2 per available processor.
   */
  public static final int DEFAULT_MAX_RUNAWAY = 2 * Runtime.getRuntime().availableProcessors();
  /** The most idle sessions {@link Builder#maxIdleSessions} accepts: 4,096. */
  public static final int MAX_IDLE_SESSIONS = 4_096;
  /** Default number of idle sessions kept: 2 per available processor. */
  public static final int DEFAULT_MAX_IDLE_SESSIONS =
      Math.min(MAX_IDLE_SESSIONS, 2 * Runtime.getRuntime().availableProcessors());

  private static final Instant EPOCH = Instant.EPOCH;
  private static final Decision.Builder IDLE =
      Decision.builder(
          JourneySnapshot.initial(SubjectRef.contact("idle"), "IDLE", EPOCH),
          new Signal("idle", SubjectRef.contact("idle"), "IDLE", EPOCH, "journey", Map.of()),
          EPOCH,
          RuleSetRef.of("journey-drools-idle", "0"));

  private static final AgendaFilter NOTHING = match -> false;
  private static final long WAIT_SLICE_MILLIS = 5;
  private static final AtomicInteger WORKER_IDS = new AtomicInteger();
  /** Evaluation threads: reused while busy callers keep them warm, gone after a minute idle. */
  private static final ExecutorService WORKERS =
      new ThreadPoolExecutor(
          0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "journey-drools-eval-" + WORKER_IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private final CompiledRuleSet rules;
  private final RuleSetRef ref;
  private final int maxFirings;
  private final long budgetMillis;
  private final Clock clock;
  private final boolean isolated;
  private final int maxRunaway;
  private final AtomicInteger runaway = new AtomicInteger();
  private final KieBase kieBase;
  private final KieSessionConfiguration sessionConf;
  private final Map<Rule, String> labels = new IdentityHashMap<>();
  /** Idle sessions, one slot each (null when empty): borrowing and returning allocate nothing. */
  private final AtomicReferenceArray<Pooled> idle;
  private final AtomicInteger created = new AtomicInteger();
  /** How many resets took the full path (delete everything, flush, clear): for tests. */
  private final LongAdder fullResets = new LongAdder();

  private DroolsEvaluator(Builder b) {
    this.rules = b.rules;
    this.ref = b.rules.ref();
    this.maxFirings = b.maxFirings;
    this.budgetMillis = b.timeBudget.toMillis();
    this.clock = b.clock;
    this.isolated = b.isolated;
    this.maxRunaway = b.maxRunaway;
    this.idle = new AtomicReferenceArray<>(b.maxIdleSessions);
    this.kieBase = b.rules.kieBase();
    this.sessionConf = KieServices.Factory.get().newKieSessionConfiguration();
    sessionConf.setOption(ClockTypeOption.PSEUDO);
    if (!isolated) {
      // A pooled session is used by one thread at a time (the pool's compare-and-set hands it over
      // with a happens-before edge), and only an isolated evaluation halts it from another thread:
      // without isolation the session's own locks and concurrent state machine are pure cost.
      sessionConf.setOption(ThreadSafeOption.NO);
    }
    for (KiePackage pkg : kieBase.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        labels.put(rule, KieCompiler.label(rule));
      }
    }
  }

  /** An evaluator with the default limits. */
  public static DroolsEvaluator of(CompiledRuleSet rules) {
    return builder(rules).build();
  }

  /** Starts configuring an evaluator of {@code rules}. */
  public static Builder builder(CompiledRuleSet rules) {
    return new Builder(rules);
  }

  /** The rule set evaluated. */
  public CompiledRuleSet ruleSet() {
    return rules;
  }

  /** The rule set's DRL files, under {@code rules/} by their source names. */
  @Override
  public List<RuleSetSources> sources() {
    RuleSet set = rules.ruleSet();
    Map<String, String> files = new java.util.TreeMap<>();
    for (DrlSource source : set.sources()) {
      files.put(RuleSetSources.RULES + source.name(), source.text());
    }
    return List.of(new RuleSetSources(set.hash(), set.name(), set.version(), files));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The evaluation has a deadline: its {@linkplain Builder#timeBudget time budget} on the
   * evaluator's {@linkplain Builder#clock clock}. Between firings the session is halted once the
   * deadline has passed (loops and recursion in rule code are refused at load, so a firing is
   * straight-line code). When {@linkplain Builder#isolated isolated} (off by default: it costs a
   * thread hand-off per evaluation, docs/benchmarks.md) the rules run on a worker thread while the
   * caller waits at most until the deadline, so even a single call that never returns (a regular
   * expression that backtracks for minutes) does not hold the caller, nor the engine's lock for
   * the subject. The abandoned session is halted and disposed when its thread ends; while {@link
   * Builder#maxRunaway} such evaluations are still running, new evaluations are refused at once.
   *
   * @throws RuleEvaluationException when a rule's consequence throws, the firing limit is
   *     exceeded, the deadline passes, or too many runaway evaluations are still running; names the
   *     rule when one is at fault
   */
  @Override
  public Decision evaluate(JourneySnapshot snapshot, Signal signal, Instant now) {
    if (!isolated) {
      return evaluateHere(snapshot, signal, now, null);
    }
    int stuck = runaway.get();
    if (stuck >= maxRunaway) {
      throw new RuleEvaluationException(
          ref.key(), null,
          String.format(
              Locale.ROOT,
              "rule set %s refused signal %s: %d evaluations past their deadline are still running"
                  + " (the limit is %d); fix the rule named in their errors",
              ref.key(), signal.id(), stuck, maxRunaway),
          null);
    }
    Running running = new Running();
    FutureTask<Decision> task =
        new FutureTask<>(() -> {
          try {
            return evaluateHere(snapshot, signal, now, running);
          } finally {
            if (running.abandoned) {
              runaway.decrementAndGet();
            }
          }
        });
    long called = clock.millis();
    WORKERS.execute(task);
    // bounded on the clock: by the deadline once the rules fire, by ten budgets before that
    // (borrowing or creating a session); every pass waits at most a slice of real time
    while (true) {
      try {
        return task.get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        long deadline = running.deadline;
        long nowMillis = clock.millis();
        boolean late = deadline != 0 ? nowMillis >= deadline : nowMillis >= called + 10 * budgetMillis;
        if (late && running.abandon()) {
          runaway.incrementAndGet();
          throw deadlinePassed(signal, running.rule());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (running.abandon()) {
          runaway.incrementAndGet();
        }
        throw new RuleEvaluationException(ref.key(), running.rule(),
            "evaluation of signal " + signal.id() + " by rule set " + ref.key() + " was interrupted", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new RuleEvaluationException(ref.key(), running.rule(), rootMessage(cause), cause);
      }
    }
  }

  private RuleEvaluationException deadlinePassed(Signal signal, String rule) {
    return new RuleEvaluationException(
        ref.key(),
        rule,
        String.format(
            Locale.ROOT,
            "rule set %s did not finish signal %s within its time budget of %d ms; %s; the evaluation was"
                + " halted and abandoned",
            ref.key(), signal.id(), budgetMillis,
            rule == null ? "no rule had fired yet (a condition was still being evaluated)"
                : "it was running rule '" + rule + "'"),
        null);
  }

  /** What one evaluation is doing, shared between its worker and the waiting caller. */
  private static final class Running {
    volatile Pooled pooled;
    volatile long deadline;
    volatile boolean abandoned;
    private boolean finished;

    synchronized boolean abandon() {
      if (finished || abandoned) {
        return false;
      }
      abandoned = true;
      Pooled p = pooled;
      if (p != null) {
        p.session.halt();
      }
      return true;
    }

    synchronized boolean finish() {
      finished = true;
      return !abandoned;
    }

    String rule() {
      Pooled p = pooled;
      if (p == null) {
        return null;
      }
      return p.listener.current != null ? p.listener.current : p.listener.last;
    }
  }

  /**
   * Evaluates on the caller's thread; {@code running} is null when not {@linkplain
   * Builder#isolated isolated} (nobody waits on another thread, so there is nothing to share).
   */
  private Decision evaluateHere(JourneySnapshot snapshot, Signal signal, Instant now, Running running) {
    Decision.Builder decision = Decision.builder(snapshot, signal, now, ref);
    Pooled pooled = borrow();
    long deadline = clock.millis() + budgetMillis;
    if (running != null) {
      running.pooled = pooled;
      running.deadline = deadline;
    }
    boolean clean = false;
    FactHandle fact = null;
    JourneyFacts facts = null;
    try {
      pooled.listener.begin(decision, clock, deadline);
      if (rules.hasDecisionGlobal()) {
        pooled.bind(decision);
      }
      SessionPseudoClock sessionClock = pooled.session.getSessionClock();
      long advance = now.toEpochMilli() - sessionClock.getCurrentTime();
      if (advance != 0) {
        sessionClock.advanceTime(advance, TimeUnit.MILLISECONDS);
      }
      facts = new JourneyFacts(snapshot, signal, now);
      fact = pooled.session.insert(facts);
      int fired;
      try {
        fired = pooled.session.fireAllRules(pooled.listener, maxFirings + 1);
      } catch (RuntimeException e) {
        String rule = pooled.listener.current != null ? pooled.listener.current : pooled.listener.last;
        throw new RuleEvaluationException(
            ref.key(),
            rule,
            String.format(
                Locale.ROOT,
                "rule '%s' of rule set %s failed on signal %s: %s",
                rule, ref.key(), signal.id(), rootMessage(e)),
            e);
      }
      if (pooled.listener.overdue != null) {
        throw deadlinePassed(signal, pooled.listener.overdue);
      }
      if (fired > maxFirings) {
        throw new RuleEvaluationException(
            ref.key(),
            pooled.listener.last,
            String.format(
                Locale.ROOT,
                "rule set %s fired more than %d rules on signal %s; the last was '%s', which"
                    + " probably re-activates itself (update/modify/insert in its consequence)",
                ref.key(), maxFirings, signal.id(), pooled.listener.last),
            null);
      }
      clean = running == null || running.finish();
      return decision.build();
    } finally {
      if (running != null) {
        running.finish();
      }
      release(pooled, clean, fact, facts);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** A slot to start looking at: threads tend to find their own last session again. */
  private int home() {
    return (int) (Thread.currentThread().getId() % idle.length());
  }

  private Pooled borrow() {
    int slots = idle.length();
    if (slots > 0) {
      int home = home();
      for (int i = 0; i < slots; i++) {
        int slot = (home + i) % slots;
        Pooled pooled = idle.get(slot);
        if (pooled != null && idle.compareAndSet(slot, pooled, null)) {
          return pooled;
        }
      }
    }
    created.incrementAndGet();
    KieSession session = kieBase.newKieSession(sessionConf, null);
    Listener listener = new Listener(labels, session);
    DecisionGlobal global = null;
    if (rules.hasDecisionGlobal() && session instanceof StatefulKnowledgeSessionImpl impl) {
      global = new DecisionGlobal(impl.getGlobalResolver());
      impl.setGlobalResolver(global);
    }
    return new Pooled(session, listener, global);
  }

  private void release(Pooled pooled, boolean clean, FactHandle fact, JourneyFacts facts) {
    boolean empty = false;
    if (clean) {
      try {
        empty = empty(pooled, fact, facts);
      } catch (RuntimeException e) {
        empty = false;
      }
    }
    if (empty) {
      int slots = idle.length();
      int home = slots > 0 ? home() : 0;
      for (int i = 0; i < slots; i++) {
        int slot = (home + i) % slots;
        if (idle.get(slot) == null && idle.compareAndSet(slot, null, pooled)) {
          return;
        }
      }
    }
    pooled.session.dispose();
  }

  /**
   * Deletes every fact, flushes the deletes through the network, clears the agenda and unbinds the
   * global; true when provably empty. Only called after a clean evaluation (all activations fired
   * within the limit): a session that failed is disposed without being emptied.
   */
  private boolean empty(Pooled pooled, FactHandle fact, JourneyFacts facts) {
    KieSession session = pooled.session;
    long count = session.getFactCount();
    if (count == 0) {
      // Nothing is left: a fact that matched nothing (no node keeps it) is dropped by Drools
      // itself when the rule base is immutable (an "orphan": it leaves no trace in the network),
      // and the rules deleted whatever they inserted. Nothing to delete, nothing to flush.
    } else if (fact != null && count == 1 && session.getFactHandle(facts) == fact) {
      // The usual case: only the evaluation's own fact is there, and every activation fired (a
      // clean evaluation), so the agenda is empty. (getFactHandle is a look-up in the session's
      // identity map; getObject(handle) would stream over every handle the session holds, an
      // allocation per evaluation.)
      // Its delete propagates lazily: at the next evaluation's insert, before that fact reaches
      // the network (Drools propagates in order), so the next rules never see this fact, and a
      // second fire here to flush it is saved.
      session.delete(fact);
    } else {
      // the rules inserted facts of their own (or deleted the input): delete whatever is there,
      // flush the deletes (firing nothing; clearing the agenda first would drop them and leave
      // the old facts in the network's memory), then clear the agenda
      for (FactHandle handle : new ArrayList<FactHandle>(session.getFactHandles())) {
        session.delete(handle);
      }
      session.fireAllRules(NOTHING);
      session.getAgenda().clear();
      fullResets.increment();
    }
    if (rules.hasDecisionGlobal()) {
      // Drools ignores setGlobal(name, null) once a value was set, so park an inert builder
      pooled.bind(IDLE);
    }
    pooled.listener.end();
    return session.getFactCount() == 0
        && (!rules.hasDecisionGlobal() || pooled.bound() == IDLE);
  }

  /** For tests: the inert builder idle sessions hold (nothing may ever be written to it). */
  static Decision.Builder idleBuilder() {
    return IDLE;
  }

  /**
   * For tests: per idle session, {facts, 1 if the global is not the idle
   * builder, 1 if the listener still holds a builder}; all must be zero.
   */
  List<long[]> idleSessionContents() {
    List<long[]> contents = new ArrayList<>();
    for (int slot = 0; slot < idle.length(); slot++) {
      Pooled pooled = idle.get(slot);
      if (pooled == null) {
        continue;
      }
      long global = rules.hasDecisionGlobal() && pooled.session.getGlobal(KieCompiler.DECISION_GLOBAL) != IDLE ? 1 : 0;
      long others = pooled.session.getFactCount();
      contents.add(new long[] {others, global, pooled.listener.builder == null ? 0 : 1});
    }
    return contents;
  }

  /** For tests: how many resets deleted every fact and flushed (rules inserted facts of their own). */
  long fullResets() {
    return fullResets.sum();
  }

  /** For tests: how many sessions were created. */
  int sessionsCreated() {
    return created.get();
  }

  @Override
  public String toString() {
    return "DroolsEvaluator[" + ref + "]";
  }

  private static final class Pooled {
    final KieSession session;
    final Listener listener;
    /** The session's resolver of the decision global; null where the session takes none. */
    final DecisionGlobal global;

    Pooled(KieSession session, Listener listener, DecisionGlobal global) {
      this.session = session;
      this.listener = listener;
      this.global = global;
    }

    /**
     * The builder the rules see as the decision global: the resolver's field (the session's {@code
     * getGlobal} goes through the rule base's read lock and a session operation, which the check of
     * every reset paid: 4 % of the evaluator's CPU samples with 1,000 rules, docs/benchmarks.md,
     * issue 23, round 7), or the session's own global as a fallback.
     */
    Object bound() {
      return global != null ? global.decision : session.getGlobal(KieCompiler.DECISION_GLOBAL);
    }

    /** Binds the decision global: a field write, or the session's own setGlobal as a fallback. */
    void bind(Decision.Builder decision) {
      if (global != null) {
        global.decision = decision;
      } else {
        session.setGlobal(KieCompiler.DECISION_GLOBAL, decision);
      }
    }
  }

  /**
   * A pooled session's globals: the decision global is a plain field, which binding per
   * evaluation only writes. The session's own {@code setGlobal} takes the rule base's read lock,
   * opens and closes a session operation, looks up the global's declared type and writes a
   * concurrent map, and the evaluator called it twice per evaluation (bind, then park the idle
   * builder): about a sixth of the evaluator's CPU in the profile (docs/benchmarks.md, issue 23,
   * round 6). Rules read globals through the resolver ({@code getGlobal}), so they see exactly
   * the bound builder; any other global stays in the session's own resolver. Only the thread
   * that holds the session (borrowed from the pool) reads or writes it.
   */
  private static final class DecisionGlobal implements GlobalResolver, Globals {
    private final GlobalResolver others;
    Decision.Builder decision = IDLE;

    DecisionGlobal(GlobalResolver others) {
      this.others = others;
    }

    @Override
    public Object resolveGlobal(String identifier) {
      return KieCompiler.DECISION_GLOBAL.equals(identifier) ? decision : others.resolveGlobal(identifier);
    }

    @Override
    public void setGlobal(String identifier, Object value) {
      if (KieCompiler.DECISION_GLOBAL.equals(identifier)) {
        decision = (Decision.Builder) value;
      } else {
        others.setGlobal(identifier, value);
      }
    }

    @Override
    public void removeGlobal(String identifier) {
      if (KieCompiler.DECISION_GLOBAL.equals(identifier)) {
        decision = IDLE;
      } else {
        others.removeGlobal(identifier);
      }
    }

    @Override
    public void clear() {
      decision = IDLE;
      others.clear();
    }

    @Override
    public Object get(String identifier) {
      return resolveGlobal(identifier);
    }

    @Override
    public void set(String identifier, Object value) {
      setGlobal(identifier, value);
    }

    @Override
    public void setDelegate(Globals delegate) {
      if (others instanceof Globals g) {
        g.setDelegate(delegate);
      }
    }

    @Override
    public Collection<String> getGlobalKeys() {
      List<String> keys = new ArrayList<>();
      keys.add(KieCompiler.DECISION_GLOBAL);
      if (others instanceof Globals g) {
        for (String key : g.getGlobalKeys()) {
          if (!KieCompiler.DECISION_GLOBAL.equals(key)) {
            keys.add(key);
          }
        }
      }
      return keys;
    }
  }

  /**
   * Records fired labels in firing order, halts the session once the deadline has passed and
   * remembers the rule firing, for error messages. It is the agenda filter every firing passes
   * ({@code fireAllRules(filter, max)}), not an agenda event listener: with a listener registered
   * the session allocates an event object for every match created, cancelled, about to fire and
   * fired (docs/benchmarks.md, issue 23, round 6).
   */
  private static final class Listener implements AgendaFilter {
    /**
     * Writes {@link #current} and {@link #last} with release semantics: an isolated evaluation's
     * waiting caller still reads them (volatile reads) for its error message and sees every value
     * in order, but the writer pays no store fence (a volatile write is a locked instruction on
     * x86, two per firing and three per evaluation, on the path of every evaluation although only
     * an isolated evaluation past its deadline ever reads them from another thread).
     */
    private static final VarHandle CURRENT;
    private static final VarHandle LAST;

    static {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        CURRENT = lookup.findVarHandle(Listener.class, "current", String.class);
        LAST = lookup.findVarHandle(Listener.class, "last", String.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Map<Rule, String> labels;
    private final KieSession session;
    Decision.Builder builder;
    /** The rule firing (its consequence running, or the last one to fire); null before any. */
    volatile String current;
    /** The last rule that started firing; null before any. */
    volatile String last;
    String overdue;
    Clock clock;
    long deadline;

    Listener(Map<Rule, String> labels, KieSession session) {
      this.labels = labels;
      this.session = session;
    }

    void begin(Decision.Builder decision, Clock clock, long deadline) {
      builder = decision;
      CURRENT.setRelease(this, (String) null);
      LAST.setRelease(this, (String) null);
      overdue = null;
      this.clock = clock;
      this.deadline = deadline;
    }

    void end() {
      builder = null;
      CURRENT.setRelease(this, (String) null);
    }

    @Override
    public boolean accept(Match match) {
      Rule rule = match.getRule();
      String name = rule.getName();
      CURRENT.setRelease(this, name);
      LAST.setRelease(this, name);
      if (overdue == null && clock != null && clock.millis() >= deadline) {
        // past the deadline between firings: halt; fireAllRules returns after this firing
        overdue = name;
        session.halt();
      }
      String label = labels.get(rule);
      if (builder != null) {
        builder.fired(label != null ? label : KieCompiler.label(rule));
      }
      return true;
    }
  }

  /** Configures a {@link DroolsEvaluator}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private final CompiledRuleSet rules;
    private int maxFirings = DEFAULT_MAX_FIRINGS;
    private int maxIdleSessions = DEFAULT_MAX_IDLE_SESSIONS;
    private Duration timeBudget = DEFAULT_TIME_BUDGET;
    private Clock clock = Clock.systemUTC();
    private boolean isolated = false;
    private int maxRunaway = DEFAULT_MAX_RUNAWAY;

    Builder(CompiledRuleSet rules) {
      this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * The most rule firings one evaluation may take; default {@link #DEFAULT_MAX_FIRINGS}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxFirings(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("maxFirings must be >= 1, but was " + limit);
      }
      this.maxFirings = limit;
      return this;
    }

    /**
     * How many idle sessions to keep for reuse; default {@link #DEFAULT_MAX_IDLE_SESSIONS}.
     *
     * @throws IllegalArgumentException when negative or more than {@value #MAX_IDLE_SESSIONS}
     */
    public Builder maxIdleSessions(int sessions) {
      if (sessions < 0 || sessions > MAX_IDLE_SESSIONS) {
        throw new IllegalArgumentException(
            "maxIdleSessions must be between 0 and " + MAX_IDLE_SESSIONS + ", but was " + sessions);
      }
      this.maxIdleSessions = sessions;
      return this;
    }

    /**
     * How long one evaluation may take, measured on {@link #clock}; default {@link
     * #DEFAULT_TIME_BUDGET}.
     *
     * @throws IllegalArgumentException when not positive or longer than an hour
     */
    public Builder timeBudget(Duration budget) {
      Objects.requireNonNull(budget, "budget");
      if (budget.isNegative() || budget.isZero() || budget.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "timeBudget must be more than 0 and at most 1 hour, but was " + budget);
      }
      this.timeBudget = budget;
      return this;
    }

    /** The clock the time budget is measured on; default the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether rules run on a worker thread the caller stops waiting for at the deadline (default
     * {@code false}). When {@code false} they run on the caller's thread and are halted between
     * firings: one call inside a firing or a condition that never returns (a catastrophic regular
     * expression in {@code matches}) then holds the caller until it ends. {@code true} bounds that
     * too, at the cost of a thread hand-off per evaluation (docs/benchmarks.md).
     */
    public Builder isolated(boolean isolated) {
      this.isolated = isolated;
      return this;
    }

    /**
     * How many evaluations past their deadline may still be running before new ones are refused;
     * default {@link #DEFAULT_MAX_RUNAWAY}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxRunaway(int evaluations) {
      if (evaluations < 1) {
        throw new IllegalArgumentException("maxRunaway must be >= 1, but was " + evaluations);
      }
      this.maxRunaway = evaluations;
      return this;
    }

    /** Builds the evaluator. */
    public DroolsEvaluator build() {
      return new DroolsEvaluator(this);
    }
  }
}
