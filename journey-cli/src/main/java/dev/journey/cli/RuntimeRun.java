package dev.journey.cli;

import dev.journey.core.ObjectType;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.CrossJourneyPolicy;
import dev.journey.core.engine.HostedJourney;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.runtime.JourneyRuntime;
import dev.journey.core.runtime.RuntimeScheduler;
import dev.journey.core.runtime.StopReport;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.testkit.clock.VirtualClock;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A signal log driven through a {@link JourneyRuntime} on a virtual clock: every signal goes in
 * through {@link JourneyRuntime#accept} at its time, the runtime's timer lane fires each timer at
 * its due time (as {@code Replay} does, so the decisions are the same), and its relay lanes hand
 * the actions to a real executor as virtual time passes. After the last signal it runs on until no
 * timer is pending, then until the outbox is empty (both bounded), and closes the runtime.
 */
final class RuntimeRun {
  /**
   * How often the relay runs, in virtual time: long enough that each run finds several subjects'
   * actions to batch (a relay claims one action per subject at a time), short next to the SLAs.
   */
  static final Duration RELAY_INTERVAL = Duration.ofMinutes(10);
  /** Bound on running to quiescence after the last signal, as {@code Replay}'s default. */
  static final Duration QUIESCENCE_HORIZON = Duration.ofDays(400);
  /** Bound on the relay's drain after the last timer. */
  static final Duration DRAIN_HORIZON = Duration.ofDays(7);
  /** Most timer steps at one instant before giving up (a timer that never completes). */
  private static final int MAX_TIMER_STEPS = 1_000_000;

  /**
   * What the run produced.
   *
   * @param records every audit record, in commit order
   * @param snapshots the final snapshots
   * @param duplicates signals recognised as redeliveries
   * @param timersFired timer firings audited (stale ones included)
   * @param startedAt the first signal's time
   * @param endedAt the virtual time at the end (after the drain)
   * @param pendingActions actions still in the outbox at the end
   * @param pendingTimers timers still pending at the end
   * @param deadLetters the dead letters at the end
   * @param stop the runtime's stop report
   */
  record Result(
      List<AuditRecord> records,
      Map<SubjectRef, JourneySnapshot> snapshots,
      int duplicates,
      int timersFired,
      Instant startedAt,
      Instant endedAt,
      int pendingActions,
      int pendingTimers,
      List<DeadLetter> deadLetters,
      StopReport stop) {}

  /** Observes the run: each signal after it was accepted, each committed record. */
  interface Progress {
    void onSignal(int index, int total, Signal signal);

    void onRecord(AuditRecord record);
  }

  private RuntimeRun() {}

  /**
   * Runs {@code signals} through a runtime over {@code definition} whose relay hands actions to
   * the executor {@code executorOn} builds on the run's clock.
   */
  static Result run(
      JourneyDefinition definition, List<Signal> signals, Function<VirtualClock, ActionExecutor> executorOn,
      Progress progress) {
    return run(List.of(), Optional.empty(), definition, signals, executorOn, progress);
  }

  /**
   * Runs {@code signals} through a runtime over an engine hosting {@code journeys} (the first is
   * the primary one) under {@code policy}; with no journeys, over {@code definition} alone.
   */
  static Result run(
      List<HostedJourney> journeys, Optional<CrossJourneyPolicy> policy, JourneyDefinition definition,
      List<Signal> signals, Function<VirtualClock, ActionExecutor> executorOn, Progress progress) {
    Instant start = signals.stream().map(Signal::occurredAt).min(Comparator.naturalOrder())
        .orElse(Instant.parse("2026-03-02T08:00:00Z"));
    VirtualClock clock = VirtualClock.at(start);
    SteppedScheduler scheduler = new SteppedScheduler(clock);
    InMemoryJourneyStore store = InMemoryJourneyStore.create();
    List<AuditRecord> records = new ArrayList<>();
    AtomicInteger duplicates = new AtomicInteger();
    JourneyEngine.Builder builder = JourneyEngine.builder();
    if (journeys.isEmpty()) {
      builder.definition(definition);
    } else {
      journeys.forEach(builder::journey);
      policy.ifPresent(builder::policy);
    }
    JourneyEngine engine =
        builder
            .store(store)
            .clock(clock)
            .listener(new JourneyListener() {
              @Override
              public void onCommitted(AuditRecord record) {
                records.add(record);
                progress.onRecord(record);
              }

              @Override
              public void onDuplicate(String signalId) {
                duplicates.incrementAndGet();
              }
            })
            .build();
    JourneyRuntime runtime =
        JourneyRuntime.builder(engine, executorOn.apply(clock))
            .scheduler(scheduler)
            .relayInterval(RELAY_INTERVAL)
            .healthInterval(Duration.ofHours(1))
            .build();
    runtime.start();
    Instant last = start;
    for (int i = 0; i < signals.size(); i++) {
      Signal signal = signals.get(i);
      advanceTo(signal.occurredAt(), clock, scheduler, store, records);
      runtime.accept(signal);
      if (signal.occurredAt().isAfter(last)) {
        last = signal.occurredAt();
      }
      progress.onSignal(i, signals.size(), signal);
    }
    Instant horizon = last.plus(QUIESCENCE_HORIZON);
    for (int step = 0; step < MAX_TIMER_STEPS; step++) {
      Optional<Instant> next = store.nextTimerDue();
      if (next.isEmpty() || next.get().isAfter(horizon)) {
        break;
      }
      Instant before = clock.instant();
      advanceTo(next.get().isAfter(before) ? next.get() : before, clock, scheduler, store, records);
      if (store.nextTimerDue().equals(next) && clock.instant().equals(before)) {
        break; // leased and not progressing
      }
    }
    Instant limit = clock.instant().plus(DRAIN_HORIZON);
    while (!store.pendingActions().isEmpty() && clock.instant().isBefore(limit)) {
      Instant next = scheduler.nextRun();
      clock.set(next.isAfter(limit) ? limit : next.isAfter(clock.instant()) ? next : clock.instant());
      scheduler.runDue();
    }
    StopReport stop = runtime.close(Duration.ofSeconds(10));
    int pendingTimers = 0;
    for (JourneySnapshot snapshot : store.snapshots().values()) {
      pendingTimers += snapshot.timers().size();
    }
    int timers = (int) records.stream().filter(r -> r.decision().signalType().equals(SignalTypes.TIMER_FIRED)).count();
    return new Result(
        List.copyOf(records), store.snapshots(), duplicates.get(), timers, start, clock.instant(),
        store.pendingActions().size(), pendingTimers, store.deadLetters(), stop);
  }

  /**
   * Moves the clock to {@code target}, stopping at each due timer on the way and running the
   * runtime's timer lane there (so the timer fires at its due time, as the testkit's driver
   * fires it), and the relay and health lanes whenever their interval has passed.
   */
  private static void advanceTo(
      Instant target, VirtualClock clock, SteppedScheduler scheduler, InMemoryJourneyStore store, List<AuditRecord> records) {
    for (int step = 0; step < MAX_TIMER_STEPS; step++) {
      Optional<Instant> next = store.nextTimerDue();
      if (next.isEmpty() || next.get().isAfter(target)) {
        break;
      }
      if (next.get().isAfter(clock.instant())) {
        clock.set(next.get());
      }
      int committed = records.size();
      scheduler.run(TIMERS);
      scheduler.runDue();
      if (records.size() == committed) {
        break; // the earliest timer is claimed under a lease that has not run out: nothing to do now
      }
    }
    if (target.isAfter(clock.instant())) {
      clock.set(target);
    }
    scheduler.runDue();
  }

  /** The runtime's timer lane's name. */
  private static final String TIMERS = "timers";

  /**
   * Runs the runtime's lanes when the run says: the timer lane on demand (at each due timer), the
   * others when their interval has passed on the virtual clock. Single-threaded: every lane runs
   * on the caller's thread.
   */
  private static final class SteppedScheduler implements RuntimeScheduler {
    private final VirtualClock clock;
    private final Map<String, SteppedLane> lanes = new java.util.LinkedHashMap<>();

    SteppedScheduler(VirtualClock clock) {
      this.clock = clock;
    }

    @Override
    public Lane repeat(String lane, Duration interval, Runnable task) {
      SteppedLane l = new SteppedLane(interval, task, clock.instant());
      lanes.put(lane, l);
      return l;
    }

    void run(String lane) {
      SteppedLane l = lanes.get(lane);
      if (l != null && !l.cancelled) {
        l.run(clock.instant());
      }
    }

    /** Runs every lane but the timer lane whose next run is due. */
    void runDue() {
      Instant now = clock.instant();
      for (Map.Entry<String, SteppedLane> e : lanes.entrySet()) {
        SteppedLane l = e.getValue();
        if (!e.getKey().equals(TIMERS) && !l.cancelled && !l.next.isAfter(now)) {
          l.run(now);
        }
      }
    }

    /** When the next lane but the timer lane is due. */
    Instant nextRun() {
      Instant next = Instant.MAX;
      for (Map.Entry<String, SteppedLane> e : lanes.entrySet()) {
        if (!e.getKey().equals(TIMERS) && !e.getValue().cancelled && e.getValue().next.isBefore(next)) {
          next = e.getValue().next;
        }
      }
      return next;
    }

    @Override
    public void shutdown() {
      lanes.values().forEach(SteppedLane::cancel);
    }
  }

  private static final class SteppedLane implements RuntimeScheduler.Lane {
    final Duration interval;
    final Runnable task;
    Instant next;
    boolean cancelled;

    SteppedLane(Duration interval, Runnable task, Instant first) {
      this.interval = interval;
      this.task = task;
      this.next = first;
    }

    void run(Instant now) {
      task.run();
      next = now.plus(interval);
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public boolean awaitIdle(Duration timeout) {
      return true; // lanes run on the caller's thread, never concurrently with close()
    }
  }

  /** Subjects of the log by type, for seeding a CRM. */
  static Map<ObjectType, List<String>> subjects(List<Signal> signals) {
    Map<ObjectType, List<String>> out = new java.util.EnumMap<>(ObjectType.class);
    java.util.Set<SubjectRef> seen = new java.util.HashSet<>();
    for (Signal s : signals) {
      if (seen.add(s.subject())) {
        out.computeIfAbsent(s.subject().type(), t -> new ArrayList<>()).add(s.subject().id());
      }
    }
    return out;
  }
}
