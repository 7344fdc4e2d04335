package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.drools.BuildPath;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.JourneyFacts;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Where the engine's time around Drools goes, in one run: the same rule set and the same signals
 * through four layers.
 *
 * <ul>
 *   <li>{@code kie_session}: a bare reused {@code KieSession} (insert one {@link JourneyFacts},
 *       fire, delete; the decision builder bound as the global and built), no evaluator around it:
 *       what Drools itself costs.
 *   <li>{@code bare_1_thread}, {@code bare_2_threads}: {@link DroolsEvaluator#evaluate} (pooled
 *       sessions, fired labels, firing limit, deadline, session emptied and checked) on inputs
 *       recorded from the engine: the bare reused-session evaluation the targets compare against.
 *   <li>{@code engine_1_thread}, {@code engine_2_threads}: one new signal through a {@link
 *       JourneyEngine} with that evaluator end to end (intake, dedupe, load, evaluation,
 *       reduction, commit to the in-memory store with audit off), 100,000 subjects, one engine
 *       shared by the threads. Compare with {@code EngineBenchmark -p evaluator=java} in the same
 *       run for the engine without Drools.
 * </ul>
 *
 * <p>{@code rules=32} is the journey rule set ({@code journey-32.drl}, as {@code
 * EvaluationBenchmark}); any other count is {@link GeneratedRules#realistic} of that size. The bare
 * inputs are (snapshot, signal, now) triples the evaluator saw while the engine processed three
 * signals per subject of the same feed, sampled evenly, so every layer decides the same mix of
 * states and signal types.
 *
 * <pre>{@code
 * java -jar journey-benchmarks/target/benchmarks.jar "DroolsOverheadBenchmark|EngineBenchmark.accept" \
 *     -p evaluator=java -p rules=32 -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * }</pre>
 */
public class DroolsOverheadBenchmark {
  private static final int ATTRIBUTE_SETS = 1024;
  private static final int RECORDED = 4096;
  private static final String[] TYPES = CpuRounds.TYPES;
  private static final Instant T0 = EngineBenchmark.T0;
  /** The rule set, the evaluator, the recorded inputs; one engine per iteration. */
  @State(Scope.Benchmark)
  public static class Rig {
    /** {@code 32}: the journey rule set; otherwise that many realistic generated rules. */
    @Param({"32", "200", "1000"})
    public int rules;

    /** How many distinct subjects the signals spread over. */
    @Param({"100000"})
    public int subjects;

    String drl;
    RuleSetRegistry registry;
    CompiledRuleSet compiled;
    DroolsEvaluator evaluator;
    /** The same rules as plain Java ({@link JourneyRules#toJava}, {@link GeneratedRules#java}). */
    JourneyEvaluator java;
    SubjectRef[] refs;
    Map<String, Object>[] attributes;
    List<Recorded> recorded;
    JourneyEngine engine;
    final AtomicInteger threadIds = new AtomicInteger();

    /** Compiles the rules once and records the bare inputs from a first pass of the engine. */
    @Setup(Level.Trial)
    public void compile() throws IOException {
      drl = rules == 32 ? journey32() : GeneratedRules.drl(GeneratedRules.realistic(rules), rules + " rules");
      registry = RuleSetRegistry.of(BuildPath.CLASSIC);
      compiled =
          registry.compile(RuleSet.builder("overhead-" + rules, "1").drl("rules.drl", drl).build());
      // a generous budget: on a loaded machine a collection pause must not fail the benchmark
      evaluator = DroolsEvaluator.builder(compiled).timeBudget(Duration.ofMinutes(1)).build();
      java = rules == 32
          ? JourneyRules.toJava()
          : GeneratedRules.java(GeneratedRules.realistic(rules), "overhead-" + rules);
      refs = CpuRounds.contacts(subjects);
      attributes = GeneratedRules.attributeSets(ATTRIBUTE_SETS, 7);
      recorded = record();
    }

    private List<Recorded> record() {
      int signals = 3 * subjects;
      int stride = Math.max(1, signals / RECORDED);
      List<Recorded> sample = new ArrayList<>(RECORDED);
      int[] seen = {0};
      JourneyEvaluator recording =
          (snapshot, signal, now) -> {
            if (seen[0]++ % stride == 0 && sample.size() < RECORDED) {
              sample.add(new Recorded(snapshot, signal, now));
            }
            return evaluator.evaluate(snapshot, signal, now);
          };
      JourneyEngine first = engine(recording);
      int fired = 0;
      for (int n = 0; n < signals; n++) {
        SignalResult result = first.accept(signal(n, -1, n));
        if (result.status() != SignalResult.Status.DECIDED) {
          throw new IllegalStateException("the rules must only decide, but got " + result);
        }
        fired += ((SignalResult.Decided) result).decision().rulesFired().size();
      }
      if (fired < signals / 2) {
        throw new IllegalStateException("too few rules fire in the recording pass: " + fired);
      }
      return sample;
    }

    JourneyEngine engine(JourneyEvaluator rulesEvaluator) {
      return JourneyEngine.builder()
          .definition(JourneyDefinition.builder("lead-handoff")
              .model(JourneyModel.leadHandoff())
              .evaluator(rulesEvaluator)
              .build())
          .store(InMemoryJourneyStore.builder().auditPerSubject(0).build())
          .clock(Clock.fixed(T0, ZoneOffset.UTC))
          .build();
    }

    Signal signal(long n, int thread, long salt) {
      int subject = (int) Math.floorMod(n * 2654435761L + thread * 7919L, (long) subjects);
      return new Signal(
          (thread < 0 ? "r" : "t" + thread + "-") + salt,
          refs[subject],
          TYPES[(int) (n % TYPES.length)],
          T0,
          "bench",
          attributes[(int) (n & (ATTRIBUTE_SETS - 1))]);
    }

    /** A fresh engine and store per iteration, so the inbox does not grow without bound. */
    @Setup(Level.Iteration)
    public void newEngine() {
      engine = engine(evaluator);
    }

    /** Closes the registry. */
    @TearDown(Level.Trial)
    public void tearDown() {
      registry.close();
    }

    private static String journey32() throws IOException {
      try (InputStream in =
          Objects.requireNonNull(
              DroolsOverheadBenchmark.class.getClassLoader().getResourceAsStream(JourneyRules.RESOURCE),
              JourneyRules.RESOURCE)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  /** One evaluation's input, as the engine handed it to the evaluator. */
  record Recorded(JourneySnapshot snapshot, Signal signal, Instant now) {}

  /** Each thread's position in the feed and in the recorded inputs. */
  @State(Scope.Thread)
  public static class Cursor {
    int thread = -1;
    int input;
    /**
     * The thread's signals for the {@code engine_*} layers, built before the measurement (issue 23,
     * round 8: earlier rounds built one per operation, about 17 % of the layer's CPU and 640 B),
     * started over for each iteration's fresh engine.
     */
    SignalRing ring;

    /** Takes a thread number; builds the thread's feed once and starts it over. */
    @Setup(Level.Iteration)
    public void setUp(Rig rig) {
      if (thread < 0) {
        thread = rig.threadIds.getAndIncrement();
        input = thread * 997;
        int me = thread;
        ring = new SignalRing(EngineBenchmark.RING_FRESH, n -> rig.signal(n, me, n));
      }
      ring.restart();
    }

    /** Says when the ring did not last an iteration. */
    @TearDown(Level.Iteration)
    public void report() {
      if (ring != null) {
        ring.reportInline(thread);
      }
    }

    Recorded nextInput(Rig rig) {
      List<Recorded> inputs = rig.recorded;
      Recorded r = inputs.get(input % inputs.size());
      input++;
      return r;
    }
  }

  /** A bare reused KieSession per thread on the same rules, without the evaluator. */
  @State(Scope.Thread)
  public static class Raw {
    KieSession session;
    RuleSetRef ref;

    /** Builds a KieBase of the same DRL on the classic path and opens one session. */
    @Setup(Level.Trial)
    public void setUp(Rig rig) {
      KieServices ks = KieServices.Factory.get();
      KieFileSystem kfs = ks.newKieFileSystem();
      kfs.write("src/main/resources/raw/rules.drl", rig.drl);
      KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
      if (builder.getResults().hasMessages(Message.Level.ERROR)) {
        throw new IllegalStateException(builder.getResults().toString());
      }
      KieBase kieBase = ks.newKieContainer(ks.getRepository().getDefaultReleaseId()).getKieBase();
      session = kieBase.newKieSession();
      ref = RuleSetRef.of("raw", "1");
    }

    /** Disposes of the session. */
    @TearDown(Level.Trial)
    public void tearDown() {
      session.dispose();
    }
  }

  /** Drools alone: insert, fire, delete on one reused session; the decision built. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public Decision kie_session(Rig rig, Cursor cursor, Raw raw) {
    Recorded r = cursor.nextInput(rig);
    Decision.Builder decision = Decision.builder(r.snapshot(), r.signal(), r.now(), raw.ref);
    raw.session.setGlobal("decision", decision);
    FactHandle handle = raw.session.insert(new JourneyFacts(r.snapshot(), r.signal(), r.now()));
    raw.session.fireAllRules();
    raw.session.delete(handle);
    return decision.build();
  }

  /** The evaluator on the recorded inputs, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public Decision bare_1_thread(Rig rig, Cursor cursor) {
    Recorded r = cursor.nextInput(rig);
    return rig.evaluator.evaluate(r.snapshot(), r.signal(), r.now());
  }

  /** The evaluator on the recorded inputs, two threads sharing it. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public Decision bare_2_threads(Rig rig, Cursor cursor) {
    Recorded r = cursor.nextInput(rig);
    return rig.evaluator.evaluate(r.snapshot(), r.signal(), r.now());
  }

  /** One new signal through the engine with the evaluator, one thread. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public SignalResult engine_1_thread(Rig rig, Cursor cursor) {
    return rig.engine.accept(cursor.ring.next());
  }

  /** One new signal through the engine with the evaluator, two threads sharing the engine. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(2)
  public SignalResult engine_2_threads(Rig rig, Cursor cursor) {
    return rig.engine.accept(cursor.ring.next());
  }
}
