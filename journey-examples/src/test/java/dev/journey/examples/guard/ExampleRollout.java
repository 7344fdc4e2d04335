package dev.journey.examples.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.config.JourneyConfig;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.AssignOwner;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.guard.GuardCheck;
import dev.journey.core.guard.GuardListener;
import dev.journey.core.guard.GuardrailCollector;
import dev.journey.core.guard.GuardrailFigures;
import dev.journey.core.guard.Guardrails;
import dev.journey.core.guard.RolloutGuard;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rollout.DeploymentEvaluator;
import dev.journey.core.rollout.DeploymentWatcher;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.PilotScope;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.core.rollout.RollbackMode;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.drools.CompiledRuleSet;
import dev.journey.drools.DroolsEvaluator;
import dev.journey.drools.RuleSetRegistry;
import dev.journey.examples.leadhandoff.LeadHandoff;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.clock.VirtualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The example lead-handoff journey (its wiring and v1 DRL rules from {@code docs/examples}) under
 * a guarded rollout, in a {@link JourneyRuntime} on virtual time with the guard as a task lane.
 * Demo requests arrive about every 10 minutes, half of them from webinars; a contact is touched
 * about 40 minutes after it is assigned (to a rep, or to the region's fallback queue when the reps
 * are at their daily caps, which someone works too). The "broken" rules are v1 with
 * the demo-request rule neither routing nor creating a task for webinar leads: those are never
 * touched, so their first-touch SLA breaches.
 */
final class ExampleRollout {
  static final Path EXAMPLE = Path.of("..", "docs", "examples", "lead-handoff");
  static final JourneyConfig WIRING = JourneyConfig.load(LeadHandoff.configFile(EXAMPLE));
  static final Instant START = Instant.parse("2026-03-02T13:00:00Z"); // Monday 08:00 in New York
  static final String JOURNEY = "lead-handoff";

  private static final String DEMO_TASK = "  decision.route(\"inbound-\" + region);\n"
      + "  decision.createTask(\"First touch: demo request\"";
  private static final String NOT_WEBINAR = "if (!\"webinar\".equals($f.attr(\"leadSource\"))) ";

  final VirtualClock clock = VirtualClock.at(START);
  final VirtualScheduler scheduler = VirtualScheduler.on(clock);
  final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  final GuardrailCollector collector =
      GuardrailCollector.create(WIRING.metrics().orElseThrow());
  final Guardrails guardrails;
  final Deployments deployments;
  final RolloutGuard guard;
  final JourneyRuntime runtime;
  /** Per subject, the versions its decisions came from, in order. */
  final Map<SubjectRef, List<String>> versions = new LinkedHashMap<>();
  final List<GuardCheck> changes = new ArrayList<>();
  private final SplittableRandom random;
  private final PriorityQueue<Touch> touches = new PriorityQueue<>();
  private int arrived;

  private record Touch(Instant at, SubjectRef subject) implements Comparable<Touch> {
    @Override
    public int compareTo(Touch o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : subject.compareTo(o.subject);
    }
  }

  /** The v1 rules under {@code version}'s name in {@code root}, broken for webinar leads or not. */
  static Path rules(Path root, String version, boolean broken) {
    try {
      Path dir = Files.createDirectories(root.resolve(version));
      try (var files = Files.list(LeadHandoff.rules(EXAMPLE, "v1"))) {
        for (Path f : files.toList()) {
          String text = Files.readString(f);
          if (broken && f.getFileName().toString().equals("20-entry.drl")) {
            assertThat(text).contains(DEMO_TASK);
            text = text.replace(DEMO_TASK, "  " + NOT_WEBINAR + DEMO_TASK.substring(2).replace(
                "\n  decision.createTask", "\n  " + NOT_WEBINAR + "decision.createTask"));
          }
          Files.writeString(dir.resolve(f.getFileName()), text);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ExampleRollout(
      RuleSetRegistry registry, Path live, Path candidate, Guardrails guardrails, long seed,
      List<Integer> steps, long stepSample, Duration stepTime) {
    this.random = new SplittableRandom(seed);
    this.guardrails = guardrails;
    CompiledRuleSet v1 = registry.compile(WIRING.ruleSet(live));
    CompiledRuleSet v2 = registry.compile(WIRING.ruleSet(candidate));
    deployments = Deployments.builder(store).clock(clock).metrics(GuardrailFigures.of(collector, guardrails)).build();
    deployments.register(JOURNEY, RegisteredVersion.of(v1.ref(), live.toString(), clock.instant()), "ana", "live");
    deployments.register(JOURNEY, RegisteredVersion.of(v2.ref(), candidate.toString(), clock.instant()), "ana", "candidate");
    DeploymentEvaluator evaluator = DeploymentEvaluator.builder(DeploymentWatcher.of(store, JOURNEY, clock, Duration.ofSeconds(5)))
        .version(v1.ref().version(), DroolsEvaluator.of(v1))
        .version(v2.ref().version(), DroolsEvaluator.of(v2))
        .build();
    JourneyEngine engine = JourneyEngine.builder()
        .definition(LeadHandoff.definition(WIRING, evaluator))
        .store(store)
        .clock(clock)
        .listener(collector)
        .listener(new JourneyListener() {
          @Override
          public void onCommitted(AuditRecord record) {
            versions.computeIfAbsent(record.signal().subject(), s -> new ArrayList<>())
                .add(record.decision().ruleSet().version());
          }
        })
        .build();
    guard = RolloutGuard.builder(deployments, JOURNEY, collector, guardrails)
        .clock(clock)
        .rollbackOnRegression(RollbackMode.NEW_ENTRIES)
        .advanceAfter(stepSample, stepTime)
        .deadLetters(store::deadLetters)
        .listener(new GuardListener() {
          @Override
          public void onChecked(GuardCheck check) {
            if (check.changed()) {
              changes.add(check);
            }
          }
        })
        .build();
    runtime = JourneyRuntime.builder(engine, (action, attempt) -> ExecutionResult.done())
        .scheduler(scheduler)
        .timerInterval(Duration.ofMinutes(1))
        .relayInterval(Duration.ofMinutes(1))
        .healthInterval(Duration.ofDays(30))
        .task("guard", Duration.ofMinutes(30), guard::check)
        .build();
    deployments.start(JOURNEY, v2.ref().version(), steps, PilotScope.everyone(), "ana", "guarded rollout");
    runtime.start();
  }

  /**
   * Runs until {@code maxArrivals} contacts arrived, or until {@code stop} says so after a guard
   * change (checked after each event); afterwards lets pending touches and SLAs play out for a
   * day.
   */
  ExampleRollout run(int maxArrivals, Consumer<Integer> afterEachArrival, java.util.function.BooleanSupplier stop) {
    Instant nextArrival = clock.instant();
    Instant end = null;
    for (int guardRail = 0; guardRail < 10 * maxArrivals + 100_000; guardRail++) {
      Instant touch = touches.isEmpty() ? Instant.MAX : touches.peek().at();
      Instant next = nextArrival.isBefore(touch) ? nextArrival : touch;
      if (end != null && next.isAfter(end)) {
        scheduler.advanceUntil(() -> false, end);
        break;
      }
      scheduler.advanceUntil(() -> false, next);
      if (next.equals(touch)) {
        SubjectRef subject = touches.poll().subject();
        runtime.accept(Signal.builder().id("touch-" + subject.id()).subject(subject).type(SignalTypes.SALES_ACTIVITY)
            .occurredAt(clock.instant()).source("crm").attribute("activityType", "CALL").build());
        continue;
      }
      SubjectRef subject = SubjectRef.contact(Integer.toString(1_000_000 + arrived));
      SignalResult result = runtime.accept(demoRequest(subject, arrived % 2 == 0 ? "webinar" : "referral"));
      if (result instanceof SignalResult.Decided d
          && d.decision().actions().stream().anyMatch(a -> a instanceof AssignOwner)) {
        long minutes = Math.max(1, Math.round(-40 * Math.log(1 - random.nextDouble())));
        touches.add(new Touch(clock.instant().plus(Duration.ofMinutes(minutes)), subject));
      }
      arrived++;
      afterEachArrival.accept(arrived);
      if (arrived >= maxArrivals || stop.getAsBoolean()) {
        end = clock.instant().plus(Duration.ofDays(1));
        nextArrival = Instant.MAX;
      } else {
        nextArrival = clock.instant().plus(Duration.ofSeconds(Math.max(1, Math.round(-600 * Math.log(1 - random.nextDouble())))));
      }
    }
    runtime.close(Duration.ofSeconds(1));
    return this;
  }

  private Signal demoRequest(SubjectRef subject, String source) {
    return Signal.builder().id("demo-" + subject.id()).subject(subject).type(SignalTypes.DEMO_REQUESTED)
        .occurredAt(clock.instant()).source("web")
        .attribute("segment", "MID_MARKET").attribute("region", "NA").attribute("country", "US")
        .attribute("timeZone", "America/New_York").attribute("leadSource", source).attribute("fitScore", 72L)
        .attribute("formId", "demo-request").attribute("pageUrl", "/demo")
        .attribute("recentPages", List.of("/pricing")).attribute("companyDomainId", "dom-" + subject.id())
        .build();
  }

  int arrived() {
    return arrived;
  }
}
