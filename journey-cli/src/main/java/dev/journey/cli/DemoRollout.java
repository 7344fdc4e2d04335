package dev.journey.cli;

import dev.journey.core.Signal;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.guard.GuardrailCollector;
import dev.journey.core.guard.GuardrailMetric;
import dev.journey.core.guard.GuardrailReading;
import dev.journey.core.guard.Guardrails;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.rollout.DeploymentChange;
import dev.journey.core.rollout.DeploymentEvaluator;
import dev.journey.core.rollout.DeploymentWatcher;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.PilotScope;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.core.rollout.RollbackMode;
import dev.journey.core.spi.AuditRecord;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.testkit.JourneyDriver;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.replay.JsonLines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The demo's live rollout: the example's signals run through the journey with its deployment in
 * a store; v2 starts at 10% of new entries, steps to 50% after two weeks and is rolled back (new
 * entries only) after four, while every subject keeps the version it entered with. Prints the
 * cohort sizes per version after each change and at the end, and how many subjects ever changed
 * version (none may).
 */
final class DemoRollout {
  /** When v2 steps from 10% to 50%, after the first signal. */
  static final Duration STEP_AFTER = Duration.ofDays(14);
  /** When v2 is rolled back, after the first signal. */
  static final Duration ROLLBACK_AFTER = Duration.ofDays(28);
  /** How often the engine re-reads the deployment. */
  static final Duration POLL = Duration.ofMinutes(1);

  /**
   * What the run left: the deployment, its store, the audit records and the cohorts after each
   * change (for the guarded rollout's figures too).
   *
   * @param deployment the deployment at the end
   * @param cohorts pinned subjects per version, after each change and at the end, in order
   * @param records the audit records of the run
   * @param flipped subjects whose decisions used more than one version (0 unless migrated)
   */
  record Result(
      JourneyDeployment deployment, Map<String, Map<String, Long>> cohorts, List<AuditRecord> records, int flipped) {}

  private DemoRollout() {}

  static Result run(Path example) {
    Wiring wiring = Wiring.load(example);
    try (RuleSetRegistry registry = RuleSetRegistry.ofDefaults()) {
      CompiledRuleSet v1 = wiring.compile(registry, wiring.rules("v1"));
      CompiledRuleSet v2 = wiring.compile(registry, wiring.rules("v2"));
      List<Signal> signals = JsonLines.readSignals(example.resolve("signals.jsonl"));
      Instant start = signals.stream().map(Signal::occurredAt).min(Comparator.naturalOrder())
          .orElse(JourneyDriver.DEFAULT_START);
      VirtualClock clock = VirtualClock.at(start);
      InMemoryJourneyStore deployStore = InMemoryJourneyStore.create();
      Deployments deployments = Deployments.builder(deployStore).clock(clock).build();
      JourneyDefinition probe = LeadHandoff.definition(wiring.config(), DroolsEvaluator.of(v1));
      String journey = probe.name();
      deployments.register(journey, RegisteredVersion.of(v1.ref(), "rules/v1", start), "demo", "the example's rules");
      deployments.register(journey, RegisteredVersion.of(v2.ref(), "rules/v2", start), "demo", "faster first touch");
      deployments.start(journey, v2.ref().version(), List.of(10, 50, 100), PilotScope.everyone(), "demo", "canary");
      DeploymentEvaluator evaluator =
          DeploymentEvaluator.builder(DeploymentWatcher.of(deployStore, journey, clock, POLL))
              .version(v1.ref().version(), DroolsEvaluator.of(v1))
              .version(v2.ref().version(), DroolsEvaluator.of(v2))
              .build();
      JourneyDriver driver =
          JourneyDriver.builder().definition(probe.withEvaluator(evaluator)).clock(clock).build();
      Set<String> keys = Set.of(v1.ref().key(), v2.ref().key());
      Map<String, Map<String, Long>> cohorts = new LinkedHashMap<>();
      List<Instant> changes = List.of(start.plus(STEP_AFTER), start.plus(ROLLBACK_AFTER));
      int next = 0;
      for (Signal signal : signals) {
        while (next < changes.size() && !signal.occurredAt().isBefore(changes.get(next))) {
          driver.advanceTo(changes.get(next));
          String label = next == 0 ? "10% of entries (2 weeks)" : "50% of entries (2 weeks)";
          cohorts.put(label, driver.store().pinnedCounts(journey, keys));
          if (next == 0) {
            deployments.step(journey, "demo", "no regression at 10%");
          } else {
            deployments.rollback(journey, RollbackMode.NEW_ENTRIES, "demo", "rolled back for new entries");
          }
          next++;
        }
        driver.receive(signal);
      }
      driver.advanceToQuiescence(clock.instant().plus(Duration.ofDays(30)));
      cohorts.put("end (rolled back for new entries)", driver.store().pinnedCounts(journey, keys));
      List<AuditRecord> records = driver.records();
      Map<SubjectRef, Set<String>> versions = new HashMap<>();
      for (AuditRecord r : records) {
        String v = r.decision().annotations().get(DeploymentEvaluator.VERSION);
        if (v != null) {
          versions.computeIfAbsent(r.signal().subject(), s -> new HashSet<>()).add(v);
        }
      }
      int flipped = (int) versions.values().stream().filter(s -> s.size() > 1).count();
      return new Result(deployments.require(journey), cohorts, new ArrayList<>(records), flipped);
    }
  }

  static void print(Result result, PrintWriter out, double seconds) {
    out.println();
    out.printf(Locale.ROOT, "Live rollout (%.1f s): %s%n", seconds, result.deployment());
    out.println("  v2 started at 10% of new entries, stepped to 50% after 2 weeks, rolled back for new entries after 4;");
    out.println("  each contact keeps the version it entered with (pinned in its snapshot).");
    List<String> versions = new ArrayList<>();
    result.cohorts().values().forEach(m -> m.keySet().forEach(k -> {
      if (!versions.contains(k)) {
        versions.add(k);
      }
    }));
    versions.sort(Comparator.naturalOrder());
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-36s", "pinned subjects after"));
    versions.forEach(v -> header.append(String.format(Locale.ROOT, " %16s", v)));
    out.println(header);
    result.cohorts().forEach((label, counts) -> {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-36s", label));
      versions.forEach(v -> line.append(String.format(Locale.ROOT, " %,16d", counts.getOrDefault(v, 0L))));
      out.println(line);
    });
    out.printf(Locale.ROOT, "  subjects that changed version mid-journey: %d; history: %d changes, revision %d%n",
        result.flipped(), result.deployment().history().size(), result.deployment().revision());
    out.println("  the same with a store: ./journey deploy status --store sqlite:<file> --journey lead-handoff");
    printGuardrails(result, out);
  }

  /**
   * The guardrail table: v2's pinned cohort against v1's, over the subjects that entered since the
   * rollout started, from the run's audit records (mSPRT at alpha 0.05 split over the metrics).
   */
  static void printGuardrails(Result result, PrintWriter out) {
    Instant since = result.deployment().history().stream()
        .filter(c -> c.kind() == DeploymentChange.Kind.START).map(DeploymentChange::at).findFirst()
        .orElse(Instant.MIN);
    GuardrailCollector collector = GuardrailCollector.of(MetricsDefinition.leadHandoff().build(), result.records());
    Guardrails guardrails = Guardrails.builder()
        .metric(GuardrailMetric.slaBreachRate(0.10))
        .metric(GuardrailMetric.rejectedDecisions(0.05))
        .metric(GuardrailMetric.droppedActions(0.05))
        .metric(GuardrailMetric.meanHours("time to first touch", 1))
        .metric(GuardrailMetric.milestoneRate("handoff", "meeting", 0.05))
        .alpha(0.05)
        .build();
    List<GuardrailReading> readings = guardrails.read(collector.subjects(), "v1", "v2", since);
    out.println("  guardrails, v2's cohort against v1's (entered since the start; mSPRT, alpha 0.05 over 5 metrics):");
    GuardrailReading.table(readings).lines().forEach(l -> out.println("    " + l));
  }
}
