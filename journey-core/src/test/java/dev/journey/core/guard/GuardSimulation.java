package dev.journey.core.guard;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.CreateTask;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.fixture.MutableClock;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.metrics.MetricsDefinition;
import dev.journey.core.rollout.DeploymentEvaluator;
import dev.journey.core.rollout.DeploymentWatcher;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.PilotScope;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.core.rollout.RollbackMode;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A small synthetic journey under a guarded rollout, on a mutable clock, through the real engine,
 * deployment evaluator, collector and guard. Contacts arrive about every 6 minutes with a demo
 * request; a version's rules hand them to sales, create a first-touch task and start a 2-hour SLA
 * timer. The simulated sales team touches a contact only when a task was created for it, after
 * an exponential delay of mean 45 minutes (so about 7% breach by chance). A "broken" version
 * creates no task for contacts with an even number: those always breach.
 */
final class GuardSimulation {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final String JOURNEY = "lead-handoff";

  enum Rules {
    /** A task for every contact. */
    GOOD,
    /** No task for even contacts. */
    BROKEN
  }

  final MutableClock clock = MutableClock.at(START.toString());
  final InMemoryJourneyStore store = InMemoryJourneyStore.create();
  final Deployments deployments = Deployments.builder(store).clock(clock).build();
  final GuardrailCollector collector = GuardrailCollector.create(MetricsDefinition.leadHandoff().build());
  final Map<SubjectRef, Set<String>> versionsSeen = new LinkedHashMap<>();
  final List<GuardCheck> changes = new ArrayList<>();
  final RolloutGuard guard;
  private final JourneyEngine engine;
  private final SplittableRandom random;
  private final PriorityQueue<Touch> touches = new PriorityQueue<>();
  private int next;

  private record Touch(Instant at, SubjectRef subject) implements Comparable<Touch> {
    @Override
    public int compareTo(Touch o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : subject.compareTo(o.subject);
    }
  }

  GuardSimulation(long seed, Rules live, Rules candidate, Guardrails guardrails, long stepSample, List<Integer> steps) {
    this.random = new SplittableRandom(seed);
    deployments.register(JOURNEY, RegisteredVersion.of(RuleSetRef.of(JOURNEY, "1"), "", START), "ana", "live");
    deployments.register(JOURNEY, RegisteredVersion.of(RuleSetRef.of(JOURNEY, "2"), "", START), "ana", "candidate");
    DeploymentWatcher watcher = DeploymentWatcher.of(store, JOURNEY, clock, Duration.ofSeconds(5));
    DeploymentEvaluator evaluator = DeploymentEvaluator.builder(watcher)
        .version("1", rules("1", live))
        .version("2", rules("2", candidate))
        .build();
    engine = JourneyEngine.builder()
        .definition(JourneyDefinition.of(JOURNEY, JourneyModel.leadHandoff(), evaluator))
        .store(store)
        .clock(clock)
        .listener(collector)
        .listener(new JourneyListener() {
          @Override
          public void onCommitted(AuditRecord record) {
            versionsSeen.computeIfAbsent(record.signal().subject(), s -> new LinkedHashSet<>())
                .add(record.decision().ruleSet().version());
          }
        })
        .build();
    RolloutGuard.Builder b = RolloutGuard.builder(deployments, JOURNEY, collector, guardrails)
        .clock(clock)
        .rollbackOnRegression(RollbackMode.NEW_ENTRIES)
        .deadLetters(store::deadLetters)
        .listener(new GuardListener() {
          @Override
          public void onChecked(GuardCheck check) {
            if (check.changed()) {
              changes.add(check);
            }
          }
        });
    if (stepSample > 0) {
      b.advanceAfter(stepSample, Duration.ofHours(4));
    }
    guard = b.build();
    deployments.start(JOURNEY, "2", steps, PilotScope.everyone(), "ana", "guarded rollout");
  }

  static JavaRuleSet rules(String version, Rules behaviour) {
    return JavaRuleSet.builder(JOURNEY, version)
        .rule("demo request goes to sales",
            f -> f.signal().type().equals(SignalTypes.DEMO_REQUESTED),
            (f, d) -> {
              d.transitionTo(JourneyModel.SALES_ENGAGED)
                  .startTimer("sla:first-touch", f.now().plus(Duration.ofHours(2)));
              if (behaviour == Rules.GOOD || Integer.parseInt(f.snapshot().subject().id()) % 2 == 1) {
                d.createTask("First touch", "demo request", f.now().plus(Duration.ofHours(2)));
              }
            })
        .rule("a touch meets the SLA",
            f -> f.signal().type().equals(SignalTypes.SALES_ACTIVITY) && f.snapshot().timer("sla:first-touch").isPresent(),
            (f, d) -> d.cancelTimer("sla:first-touch").increment("sla.first-touch.met", 1))
        .rule("a due SLA timer is a breach",
            f -> f.signal().isTimer(),
            (f, d) -> d.increment("sla.first-touch.breached", 1))
        .build();
  }

  /**
   * Runs until {@code arrivals} contacts arrived (and 3 more hours for their SLAs), checking the
   * guard every 30 minutes, or until the guard rolled back or promoted.
   */
  GuardSimulation run(int arrivals) {
    return run(arrivals, Duration.ofMinutes(30));
  }

  /** Runs as {@link #run(int)}, checking the guard every {@code checkEvery}. */
  GuardSimulation run(int arrivals, Duration checkEvery) {
    Instant nextArrival = START;
    Instant nextCheck = START.plus(checkEvery);
    Instant end = null;
    for (int guardRail = 0; guardRail < 100 * arrivals + 10_000; guardRail++) {
      Instant touch = touches.isEmpty() ? Instant.MAX : touches.peek().at();
      Instant now = min(min(nextArrival, touch), nextCheck);
      if (end != null && now.isAfter(end)) {
        break;
      }
      clock.set(now);
      engine.fireDueTimers();
      if (now.equals(nextCheck)) {
        GuardCheck check = guard.check();
        nextCheck = now.plus(checkEvery);
        if (check.action() == GuardCheck.Action.ROLLED_BACK || check.action() == GuardCheck.Action.PROMOTED) {
          return this;
        }
      } else if (now.equals(touch)) {
        Touch t = touches.poll();
        accept(t.subject(), SignalTypes.SALES_ACTIVITY);
      } else {
        SubjectRef subject = SubjectRef.contact(Integer.toString(next++));
        SignalResult result = accept(subject, SignalTypes.DEMO_REQUESTED);
        if (result instanceof SignalResult.Decided decided
            && decided.decision().actions().stream().anyMatch(a -> a instanceof CreateTask)) {
          long minutes = Math.round(-45 * Math.log(1 - random.nextDouble()));
          touches.add(new Touch(now.plus(Duration.ofMinutes(minutes)), subject));
        }
        nextArrival = next >= arrivals ? Instant.MAX
            : now.plus(Duration.ofSeconds(Math.max(1, Math.round(-360 * Math.log(1 - random.nextDouble())))));
        if (next >= arrivals) {
          end = now.plus(Duration.ofHours(3));
        }
      }
    }
    return this;
  }

  private SignalResult accept(SubjectRef subject, String type) {
    return engine.accept(Signal.builder().id(type + "-" + subject.id() + "-" + clock.instant().toEpochMilli())
        .subject(subject).type(type).occurredAt(clock.instant()).source("simulation").build());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** Contacts whose decisions came from more than one version. */
  List<SubjectRef> flipped() {
    return versionsSeen.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
  }
}
