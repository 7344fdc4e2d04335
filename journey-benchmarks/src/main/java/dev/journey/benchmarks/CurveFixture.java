package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

/**
 * What the cost-curve benchmarks and {@link CostCurveHarness} share: an engine on the in-memory
 * store (audit off, inbox retention of one second) and a movable clock, a store pre-populated with
 * {@code subjects} tracked subjects, and a feed of signals spread over them. Between measured
 * rounds {@link #nextRound} purges the inbox of the rounds so far and drains the outbox, so the
 * store holds the tracked subjects' steady state plus one round.
 */
final class CurveFixture {
  /** The signal types of the measured feed (the engine benchmarks' mix). */
  static final String[] TYPES = CpuRounds.TYPES;

  /** How many attribute sets the feed cycles through. */
  static final int ATTRIBUTE_SETS = 1024;
  private static final Duration PURGE_AHEAD = Duration.ofSeconds(2);

  final TimerDrainBenchmark.MovableClock clock;
  final InMemoryJourneyStore store;
  final JourneyEngine engine;
  final SubjectRef[] refs;
  private final Map<String, Object>[] attributes;
  private final OutboxRelay relay;
  private long next;

  private CurveFixture(JourneyEvaluator rules, int subjects, Map<String, Object>[] attributeSets) {
    if (subjects < 1) {
      throw new IllegalArgumentException("subjects must be >= 1, but was " + subjects);
    }
    clock = new TimerDrainBenchmark.MovableClock(EngineBenchmark.T0);
    store = InMemoryJourneyStore.builder().auditPerSubject(0).inboxRetention(Duration.ofSeconds(1)).build();
    engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff")
                .model(JourneyModel.leadHandoff())
                .evaluator(rules)
                .build())
            .store(store)
            .clock(clock)
            .build();
    refs = CpuRounds.contacts(subjects);
    if (attributeSets.length != ATTRIBUTE_SETS) {
      throw new IllegalArgumentException(
          ATTRIBUTE_SETS + " attribute sets expected, but got " + attributeSets.length);
    }
    attributes = attributeSets;
    relay =
        OutboxRelay.builder(store, (action, attempt) -> ExecutionResult.done())
            .clock(clock)
            .batchSize(10_000)
            .build();
  }

  /**
   * An engine with {@code rules} whose store tracks {@code subjects} subjects, each after one demo
   * request (with the 32 journey rules: sales engaged, an owner, a task and a pending SLA timer),
   * in the steady state (inbox purged, outbox drained).
   */
  static CurveFixture populated(JourneyEvaluator rules, int subjects) {
    return populated(rules, subjects, scores());
  }

  /**
   * As {@link #populated(JourneyEvaluator, int)}, the signals carrying {@code attributeSets} (1,024
   * of them, cycled through) instead of fit and intent scores alone.
   */
  static CurveFixture populated(JourneyEvaluator rules, int subjects, Map<String, Object>[] attributeSets) {
    CurveFixture fixture = new CurveFixture(rules, subjects, attributeSets);
    for (int i = 0; i < subjects; i++) {
      fixture.engine.accept(
          new Signal("seed-" + i, fixture.refs[i], SignalTypes.DEMO_REQUESTED, fixture.clock.now, "bench",
              fixture.attributes[i & (ATTRIBUTE_SETS - 1)]));
      if ((i & 0xFFFF) == 0xFFFF) {
        fixture.nextRound();
      }
    }
    fixture.nextRound();
    if (fixture.store.subjectCount() != subjects) {
      throw new IllegalStateException(
          "expected " + subjects + " tracked subjects, the store has " + fixture.store.subjectCount());
    }
    return fixture;
  }

  /**
   * An engine with {@link TimerRules} whose store tracks {@code subjects} subjects, the first
   * {@code timers} of them with one pending (not due) timer each: subject {@code i}'s is due {@code
   * 1 h + i s} from the start, so from then on one timer a second becomes due; a fired timer re-arms
   * {@code timers} seconds after it was due, so the number of pending timers stays {@code timers}
   * and one a second stays due. The others are tracked without a timer (one page view each).
   */
  static CurveFixture withPendingTimers(int subjects, int timers) {
    if (timers < 1 || timers > subjects) {
      throw new IllegalArgumentException(
          "timers must be between 1 and the subjects (" + subjects + "), but was " + timers);
    }
    CurveFixture fixture = new CurveFixture(TimerRules.rules(timers), subjects, scores());
    for (int i = 0; i < subjects; i++) {
      fixture.engine.accept(i < timers
          ? new Signal("seed-" + i, fixture.refs[i], TimerRules.ARM, fixture.clock.now, "bench",
              Map.of(TimerRules.DUE_IN_SECONDS, TimerRules.FIRST_DUE_SECONDS + i))
          : new Signal("seed-" + i, fixture.refs[i], SignalTypes.PRICING_PAGE_VIEWED, fixture.clock.now,
              "bench", Map.of()));
      if ((i & 0xFFFF) == 0xFFFF) {
        fixture.purgeInbox();
      }
    }
    fixture.purgeInbox();
    return fixture;
  }

  /** The engine benchmarks' attribute sets: a fit and an intent score (0-100) each. */
  static Map<String, Object>[] scores() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object>[] sets = new Map[ATTRIBUTE_SETS];
    Random random = new Random(7);
    for (int i = 0; i < ATTRIBUTE_SETS; i++) {
      sets[i] = Map.of("fitScore", random.nextInt(101), "intentScore", random.nextInt(101));
    }
    return sets;
  }

  /** The next signal of the feed: a new id, the type mix, a subject spread by a multiplicative hash. */
  Signal nextSignal() {
    long n = next++;
    int subject = (int) Math.floorMod(n * 2654435761L, (long) refs.length);
    return new Signal("s-" + n, refs[subject], TYPES[(int) (n % TYPES.length)], clock.now, "bench",
        attributes[(int) (n & (ATTRIBUTE_SETS - 1))]);
  }

  /** Purges the inbox of earlier rounds and drains the outbox; the clock does not move. */
  void nextRound() {
    purgeInbox();
    relay.drain();
  }

  private void purgeInbox() {
    // the store purges records received before (now - retention): everything up to now
    store.purgeExpired(clock.now.plus(PURGE_AHEAD));
  }

  /** Moves the clock by {@code step} (timers come due). */
  Instant advance(Duration step) {
    clock.now = clock.now.plus(step);
    return clock.now;
  }

  /** Timer rules of the pending-timers curve. */
  static final class TimerRules {
    /**
     * With {@code dueInSeconds}: arms the subject's timer that far from now; without: re-arms a
     * subject's pending timer one period and an hour from now (subjects without one get none).
     */
    static final String ARM = SignalTypes.FORM_SUBMITTED;
    static final String DUE_IN_SECONDS = "dueInSeconds";
    static final long FIRST_DUE_SECONDS = 3_600;
    static final String TIMER = "sla:first-touch";

    private TimerRules() {}

    /** A period of {@code period} seconds between a timer's firing and its next. */
    static JavaRuleSet rules(long period) {
      return JavaRuleSet.builder("pending-timers", "1")
          .rule("form arms the sla timer",
              f -> f.signal().type().equals(ARM)
                  && (f.signal().attributes().containsKey(DUE_IN_SECONDS) || f.snapshot().timer(TIMER).isPresent()),
              (f, d) -> d.startTimer(TIMER,
                  f.now().plusSeconds(f.signal().longAttribute(DUE_IN_SECONDS).orElse(FIRST_DUE_SECONDS + period))))
          .rule("engagement is counted",
              f -> f.signal().type().equals(SignalTypes.PRICING_PAGE_VIEWED)
                  || f.signal().type().equals(SignalTypes.CONTENT_ENGAGED),
              (f, d) -> d.increment("engagement", 1))
          .rule("a breach escalates and re-arms",
              f -> f.signal().isTimer(TIMER),
              (f, d) -> d.escalate("m-1", 1, "sla breached")
                  .startTimer(TIMER, f.signal().firing().orElseThrow().dueAt().plusSeconds(period)))
          .build();
    }
  }
}
