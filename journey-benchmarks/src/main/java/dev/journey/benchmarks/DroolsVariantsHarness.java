package dev.journey.benchmarks;

import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.drools.BuildPath;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.JourneyFacts;
import dev.journey.drools.RuleSet;
import dev.journey.drools.RuleSetRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.conf.SequentialOption;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The alternatives to how {@code DroolsEvaluator} drives a session, in CPU time and allocation
 * per evaluation on {@link DroolsOverheadBenchmark}'s recorded inputs (one thread, rounds of
 * {@code ops} evaluations per variant, the variants interleaved, two warm-up rounds left out, the
 * median of the rest, and the
 * median of each round's CPU over the evaluator's in the same round; the thread's {@code ThreadMXBean} clocks, which the other processes of a
 * shared machine disturb far less than a wall clock):
 *
 * <ul>
 *   <li>{@code evaluator}: {@code DroolsEvaluator} on the classic build (what ships);
 *   <li>{@code evaluator_exec}: the same evaluator on the executable-model build (with {@code
 *       exec} as the fourth argument: that build of 1,000 rules takes minutes on a loaded machine);
 *   <li>{@code session_delete_insert}: a bare reused session, a new fact inserted, fired and
 *       deleted per evaluation (the evaluator's pattern without its checks);
 *   <li>{@code session_update}: the same, but the fact handle kept between evaluations and {@code
 *       update(handle, newFact)} instead of delete + insert (what the evaluator did from round 7
 *       to round 13 of issue 23, until it was found to leave a Drools tuple per evaluation in the
 *       session; inserted again when Drools dropped an unmatched fact);
 *   <li>{@code stateless}, {@code stateless_sequential}: a {@code StatelessKieSession} (a session
 *       per evaluation, as Drools runs one) on the rule base, and on one built with {@code
 *       SequentialOption.YES} (Drools refuses a stateful session on a sequential rule base); with
 *       {@code stateless} among the flags (rejected in round 7: 2x the CPU, 7x the bytes).
 * </ul>
 *
 * <p>Every variant's decisions are compared with the evaluator's on all recorded inputs before
 * measuring (state after, actions, timers, counters; the bare sessions record no fired rules), and the count that differ is printed.
 *
 * <pre>{@code
 * java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar dev.journey.benchmarks.DroolsVariantsHarness 32 5 100000
 * java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar dev.journey.benchmarks.DroolsVariantsHarness 1000 3 50000 exec
 * java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar dev.journey.benchmarks.DroolsVariantsHarness 32 5 100000 stateless
 * java -Xmx2g -cp journey-benchmarks/target/benchmarks.jar dev.journey.benchmarks.DroolsVariantsHarness 32 15 50000 \
 *     only=session_delete_insert,session_update
 * }</pre>
 *
 * <p>With {@code only=name,name...} just those variants run (the first is the base of the
 * ratios), so each run's JIT compiles only the measured paths; the decisions are compared in the
 * full run.
 *
 * <pre>{@code
 * }</pre>
 */
public final class DroolsVariantsHarness {
  private static final int WARM_UP_ROUNDS = 2;
  private static final java.util.concurrent.atomic.AtomicLong BUILDS = new java.util.concurrent.atomic.AtomicLong();

  private DroolsVariantsHarness() {}

  /** One way to evaluate a recorded input. */
  private interface Variant {
    Decision evaluate(DroolsOverheadBenchmark.Recorded r);
  }

  /**
   * Runs the harness.
   *
   * @param args rule count (32 for the journey set), measured rounds, evaluations per round,
   *     optionally {@code exec} to add the executable-model build
   */
  public static void main(String[] args) throws Exception {
    int rules = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int ops = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    List<String> flags = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();
    boolean exec = flags.contains("exec");
    boolean withStateless = flags.contains("stateless");
    DroolsOverheadBenchmark.Rig rig = new DroolsOverheadBenchmark.Rig();
    rig.rules = rules;
    rig.subjects = 100_000;
    rig.compile();
    List<String> names = new ArrayList<>();
    List<Variant> variants = new ArrayList<>();
    names.add("evaluator");
    variants.add(r -> rig.evaluator.evaluate(r.snapshot(), r.signal(), r.now()));
    RuleSetRegistry execRegistry = null;
    if (exec) {
      execRegistry = RuleSetRegistry.of(BuildPath.EXECUTABLE_MODEL);
      long t0 = System.nanoTime();
      CompiledRuleSet compiled =
          execRegistry.compile(RuleSet.builder("variants-exec-" + rules, "1").drl("rules.drl", rig.drl).build());
      System.out.printf(Locale.ROOT, "rules=%d executable-model build %d ms%n",
          rules, (System.nanoTime() - t0) / 1_000_000);
      DroolsEvaluator onExec = DroolsEvaluator.builder(compiled).timeBudget(Duration.ofMinutes(1)).build();
      names.add("evaluator_exec");
      variants.add(r -> onExec.evaluate(r.snapshot(), r.signal(), r.now()));
    }
    RuleSetRef ref = RuleSetRef.of("overhead-" + rules, "1");
    KieSession plain = kieBase(rig.drl, false).newKieSession();
    names.add("session_delete_insert");
    variants.add(r -> {
      Decision.Builder decision = Decision.builder(r.snapshot(), r.signal(), r.now(), ref);
      plain.setGlobal("decision", decision);
      FactHandle handle = plain.insert(new JourneyFacts(r.snapshot(), r.signal(), r.now()));
      plain.fireAllRules();
      plain.delete(handle);
      return decision.build();
    });
    KieSession updated = kieBase(rig.drl, false).newKieSession();
    FactHandle[] kept = new FactHandle[1];
    names.add("session_update");
    variants.add(r -> {
      Decision.Builder decision = Decision.builder(r.snapshot(), r.signal(), r.now(), ref);
      updated.setGlobal("decision", decision);
      JourneyFacts facts = new JourneyFacts(r.snapshot(), r.signal(), r.now());
      if (kept[0] != null && updated.getFactCount() == 1) {
        updated.update(kept[0], facts);
      } else {
        kept[0] = updated.insert(facts);
      }
      updated.fireAllRules();
      return decision.build();
    });
    for (boolean seq : withStateless ? new boolean[] {false, true} : new boolean[0]) {
      // a stateless session: Drools refuses a stateful session on a sequential rule base
      StatelessKieSession stateless = kieBase(rig.drl, seq).newStatelessKieSession();
      names.add(seq ? "stateless_sequential" : "stateless");
      variants.add(r -> {
        Decision.Builder decision = Decision.builder(r.snapshot(), r.signal(), r.now(), ref);
        stateless.setGlobal("decision", decision);
        stateless.execute(new JourneyFacts(r.snapshot(), r.signal(), r.now()));
        return decision.build();
      });
    }
    String only = flags.stream().filter(f -> f.startsWith("only=")).findFirst().orElse(null);
    if (only != null) {
      // only the named variants, the first the base of the ratios: the others' code stays cold, so
      // the JIT compiles each measured path on its own profile (pairs of such runs, each with the
      // same control, compare two variants without one's profile polluting the other's); the
      // decisions were compared in the full run
      List<String> keep = List.of(only.substring("only=".length()).split(","));
      List<String> keptNames = new ArrayList<>();
      List<Variant> keptVariants = new ArrayList<>();
      for (String name : keep) {
        int at = names.indexOf(name);
        if (at < 0) {
          throw new IllegalArgumentException("no variant " + name + " among " + names);
        }
        keptNames.add(name);
        keptVariants.add(variants.get(at));
      }
      names = keptNames;
      variants = keptVariants;
    }
    // the decisions first: a variant that decides differently is no alternative
    for (int v = 1; v < (only == null ? variants.size() : 0); v++) {
      int differ = 0;
      for (int pass = 0; pass < 2; pass++) {
        for (DroolsOverheadBenchmark.Recorded r : rig.recorded) {
          Decision expected = rig.evaluator.evaluate(r.snapshot(), r.signal(), r.now());
          Decision actual = variants.get(v).evaluate(r);
          if (pass == 1 && !same(expected, actual)) {
            differ++;
          }
        }
      }
      System.out.printf(Locale.ROOT, "rules=%d %s decides %d of %d recorded inputs as the evaluator%n",
          rules, names.get(v), rig.recorded.size() - differ, rig.recorded.size());
    }

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    List<List<double[]>> results = new ArrayList<>();
    for (int v = 0; v < variants.size(); v++) {
      results.add(new ArrayList<>());
    }
    int input = 0;
    long sink = 0;
    List<DroolsOverheadBenchmark.Recorded> recorded = rig.recorded;
    for (int round = 0; round < rounds + WARM_UP_ROUNDS; round++) {
      for (int k = 0; k < variants.size(); k++) {
        // forwards in even rounds, backwards in odd ones: no variant always runs first or after
        // the same neighbour
        int v = round % 2 == 0 ? k : variants.size() - 1 - k;
        Variant variant = variants.get(v);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long bytes0 = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < ops; i++) {
          sink += variant.evaluate(recorded.get(input++ % recorded.size())).rulesFired().size();
        }
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / (double) ops;
        double bytes = (threads.getThreadAllocatedBytes(thread) - bytes0) / (double) ops;
        if (round >= WARM_UP_ROUNDS) {
          results.get(v).add(new double[] {cpu, bytes});
        }
      }
    }
    double base = 0;
    for (int v = 0; v < variants.size(); v++) {
      List<Double> cpu = new ArrayList<>();
      List<Double> bytes = new ArrayList<>();
      for (double[] r : results.get(v)) {
        cpu.add(r[0]);
        bytes.add(r[1]);
      }
      List<Double> sorted = new ArrayList<>(cpu);
      Collections.sort(sorted);
      Collections.sort(bytes);
      double median = sorted.get(sorted.size() / 2);
      if (v == 0) {
        base = median;
      }
      // each round's CPU over the evaluator's in the same round: the machine's load drifts
      // between rounds far more than between two neighbouring measurements
      List<Double> paired = new ArrayList<>();
      for (int r = 0; r < results.get(v).size(); r++) {
        paired.add(results.get(v).get(r)[0] / results.get(0).get(r)[0]);
      }
      Collections.sort(paired);
      System.out.printf(Locale.ROOT,
          "rules=%d %s: median %.0f CPU ns/op (%.2fx the first; per round %.2fx, quartiles %.2f-%.2f),"
              + " %.0f B/op (rounds: %s)%n",
          rules, names.get(v), median, median / base, paired.get(paired.size() / 2),
          paired.get(paired.size() / 4), paired.get(paired.size() * 3 / 4), bytes.get(bytes.size() / 2),
          cpu.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
    }
    System.out.println("sink " + sink);
    plain.dispose();
    updated.dispose();
    if (execRegistry != null) {
      execRegistry.close();
    }
    rig.tearDown();
  }

  private static boolean same(Decision a, Decision b) {
    return a.stateAfter().equals(b.stateAfter())
        && a.actions().equals(b.actions())
        && a.timerCommands().equals(b.timerCommands())
        && a.counterDeltas().equals(b.counterDeltas());
  }

  private static KieBase kieBase(String drl, boolean sequential) {
    KieServices ks = KieServices.Factory.get();
    ReleaseId id = ks.newReleaseId("dev.journey.bench", "variants", Long.toString(BUILDS.incrementAndGet()));
    KieFileSystem kfs = ks.newKieFileSystem();
    kfs.generateAndWritePomXML(id);
    kfs.write("src/main/resources/variants/rules.drl", drl);
    KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
    if (builder.getResults().hasMessages(Message.Level.ERROR)) {
      throw new IllegalStateException(builder.getResults().toString());
    }
    KieContainer container = ks.newKieContainer(id);
    KieBaseConfiguration conf = ks.newKieBaseConfiguration();
    if (sequential) {
      conf.setOption(SequentialOption.YES);
    }
    return container.newKieBase(conf);
  }
}
