package dev.journey.benchmarks;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Heap per tracked subject in the in-memory store: drives N subjects (default 1,000,000) through
 * a demo request each (state, owner property, a pending SLA timer, two outbox entries), then
 * reports retained heap per subject after a full GC: with everything, after purging the inbox, and
 * after the relay drained the outbox (the steady state of a tracked subject).
 *
 * <p>Run: {@code java -Xmx4g -cp journey-benchmarks/target/benchmarks.jar
 * dev.journey.benchmarks.MemoryPerSubject 1000000}
 */
public final class MemoryPerSubject {
  private MemoryPerSubject() {}

  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Runs the measurement. */
  public static void main(String[] args) {
    int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Instant t0 = EngineBenchmark.T0;
    InMemoryJourneyStore store = InMemoryJourneyStore.builder()
            .auditPerSubject(0)
            .inboxRetention(java.time.Duration.ofSeconds(1))
            .build();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(JourneyDefinition.builder("lead-handoff")
                .model(JourneyModel.leadHandoff())
                .evaluator(PlainRules.rules())
                .build())
            .store(store)
            .clock(Clock.fixed(t0, ZoneOffset.UTC))
            .build();
    long before = usedAfterGc();
    for (int i = 0; i < subjects; i++) {
      engine.accept(
          new Signal(
              "demo-" + i,
              SubjectRef.contact(Integer.toString(10_000_000 + i)),
              SignalTypes.DEMO_REQUESTED,
              t0,
              "bench",
              Map.of()));
    }
    long withInbox = usedAfterGc();
    store.purgeExpired(t0.plusSeconds(2));
    long afterPurge = usedAfterGc();
    OutboxRelay.builder(store, (action, attempt) -> ExecutionResult.done())
        .clock(Clock.fixed(t0, ZoneOffset.UTC))
        .batchSize(10_000)
        .build()
        .drain();
    long steady = usedAfterGc();
    System.out.printf(
        Locale.ROOT,
        "subjects=%d heap per subject: %.0f B with inbox + outbox, %.0f B after inbox purge,"
            + " %.0f B steady state (snapshot with state, owner and a pending timer + timer index)%n",
        subjects,
        (withInbox - before) / (double) subjects,
        (afterPurge - before) / (double) subjects,
        (steady - before) / (double) subjects);
    if (store.subjectCount() != subjects) {
      throw new IllegalStateException("expected " + subjects + " subjects");
    }
  }
}
