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
 *
 * <p>At 10M subjects the inbox and outbox of all subjects at once do not fit a 10 GiB heap: {@code
 * MemoryPerSubject 10000000 --steady} purges the inbox and drains the outbox after every 100,000
 * subjects while filling, so only the steady-state figure is printed; {@code --histogram} adds the
 * top of the live class histogram in the steady state (the JVM's {@code GC.class_histogram}).
 */
public final class MemoryPerSubject {
  private MemoryPerSubject() {}

  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Prints the top {@code lines} of the live class histogram (after a full GC). */
  private static void printHistogram(int lines) {
    try {
      Object text = ManagementFactory.getPlatformMBeanServer().invoke(
          new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
          "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
      text.toString().lines().limit(lines + 3L).forEach(System.out::println);
    } catch (javax.management.JMException e) {
      throw new IllegalStateException("no class histogram from this JVM", e);
    }
  }

  /** Runs the measurement. */
  public static void main(String[] args) {
    int subjects = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    java.util.Set<String> flags = java.util.Set.of(args);
    boolean steadyOnly = flags.contains("--steady");
    boolean histogram = flags.contains("--histogram");
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
    OutboxRelay relay =
        OutboxRelay.builder(store, (action, attempt) -> ExecutionResult.done())
            .clock(Clock.fixed(t0, ZoneOffset.UTC))
            .batchSize(10_000)
            .build();
    long before = usedAfterGc();
    for (int i = 0; i < subjects; i++) {
      if (steadyOnly && i % 100_000 == 0) {
        store.purgeExpired(t0.plusSeconds(2));
        relay.drain();
      }
      engine.accept(
          new Signal(
              "demo-" + i,
              SubjectRef.contact(Integer.toString(10_000_000 + i)),
              SignalTypes.DEMO_REQUESTED,
              t0,
              "bench",
              Map.of()));
    }
    long withInbox = steadyOnly ? 0 : usedAfterGc();
    store.purgeExpired(t0.plusSeconds(2));
    long afterPurge = steadyOnly ? 0 : usedAfterGc();
    relay.drain();
    long steady = usedAfterGc();
    if (steadyOnly) {
      System.out.printf(Locale.ROOT,
          "subjects=%d heap per subject: %.0f B steady state (snapshot with state, owner and a pending"
              + " timer + timer index); -Xmx %d MiB%n",
          subjects, (steady - before) / (double) subjects, Runtime.getRuntime().maxMemory() >> 20);
    } else {
      System.out.printf(
        Locale.ROOT,
        "subjects=%d heap per subject: %.0f B with inbox + outbox, %.0f B after inbox purge,"
            + " %.0f B steady state (snapshot with state, owner and a pending timer + timer index)%n",
        subjects,
        (withInbox - before) / (double) subjects,
        (afterPurge - before) / (double) subjects,
        (steady - before) / (double) subjects);
    }
    if (histogram) {
      printHistogram(30);
    }
    if (store.subjectCount() != subjects) {
      throw new IllegalStateException("expected " + subjects + " subjects");
    }
  }
}
