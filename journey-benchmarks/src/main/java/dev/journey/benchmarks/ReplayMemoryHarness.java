package dev.journey.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import dev.journey.jackson.JourneyJson;
import dev.journey.testkit.clock.VirtualClock;
import dev.journey.testkit.replay.JsonLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Replays a generated signal log far larger than the heap: writes N signals (default 1,000,000,
 * about 400 bytes of JSON each) for S subjects (default 20,000) into a temporary directory, streams
 * them back with {@link JsonLines#streamSignals(Path)} through an engine on a virtual clock that
 * follows the log (due timers fire as time passes), and reports throughput and the retained heap
 * after full GCs every tenth of the log. The store keeps no audit, purges its inbox older than a day
 * of virtual time and a relay drains the outbox as it goes, so what is retained is the subjects'
 * snapshots; the reading itself holds one line at a time. With {@code --list} it then reads the same
 * file with {@link JsonLines#readSignals(Path)} (the whole log as a list) for comparison. The
 * temporary directory is deleted at the end.
 *
 * <p>Run (not part of the test suite): {@code java -Xmx256m -cp
 * journey-benchmarks/target/benchmarks.jar dev.journey.benchmarks.ReplayMemoryHarness 1000000 20000
 * --list}
 */
public final class ReplayMemoryHarness {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final String[] TYPES = {
    SignalTypes.PRICING_PAGE_VIEWED, SignalTypes.CONTENT_ENGAGED, SignalTypes.CONTENT_ENGAGED,
    SignalTypes.DEMO_REQUESTED, SignalTypes.SALES_ACTIVITY, SignalTypes.PRICING_PAGE_VIEWED
  };

  private ReplayMemoryHarness() {}

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Runs the harness: {@code [signals] [subjects] [--list]}. */
  public static void main(String[] args) throws IOException {
    int signals = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int subjects = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    boolean alsoList = List.of(args).contains("--list");
    Path dir = Files.createTempDirectory("journey-replay-harness-");
    Path log = dir.resolve("signals.jsonl");
    try {
      long genStart = System.nanoTime();
      write(log, signals, subjects);
      long bytes = Files.size(log);
      System.out.printf(
          Locale.ROOT, "generated %,d signals for %,d subjects: %,d bytes (%.0f B/signal) in %.1f s; max heap %,d MB%n",
          signals, subjects, bytes, bytes / (double) signals, (System.nanoTime() - genStart) / 1e9,
          Runtime.getRuntime().maxMemory() >> 20);
      replay(log, signals);
      if (alsoList) {
        listRead(log);
      }
    } finally {
      Files.deleteIfExists(log);
      Files.deleteIfExists(dir);
    }
  }

  private static void write(Path log, int signals, int subjects) throws IOException {
    ObjectMapper mapper = JourneyJson.mapper();
    String padding = "x".repeat(178);
    try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      for (int i = 0; i < signals; i++) {
        int subject = i % subjects;
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("segment", subject % 3 == 0 ? "ENTERPRISE" : "SMB");
        attributes.put("region", subject % 2 == 0 ? "na" : "emea");
        attributes.put("fitScore", subject % 100);
        attributes.put("utmCampaign", "spring-" + (i % 17));
        attributes.put("note", padding);
        Signal signal =
            new Signal(
                "s-" + i, SubjectRef.contact(Integer.toString(1_000_000 + subject)), TYPES[(i / subjects) % TYPES.length],
                T0.plusSeconds(2L * i), "harness", attributes);
        out.write(JourneyJson.toJson(mapper, signal));
        out.write('\n');
      }
    }
  }

  private static void replay(Path log, int expected) {
    VirtualClock clock = VirtualClock.at(T0);
    InMemoryJourneyStore store =
        InMemoryJourneyStore.builder().auditPerSubject(0).inboxRetention(Duration.ofDays(1)).build();
    JourneyDefinition definition =
        JourneyDefinition.builder("bench").model(JourneyModel.leadHandoff()).evaluator(PlainRules.rules()).build();
    JourneyEngine engine = JourneyEngine.builder().definition(definition).store(store).clock(clock).build();
    OutboxRelay relay =
        OutboxRelay.builder(store, (action, attempt) -> ExecutionResult.done()).clock(clock).batchSize(10_000).build();
    long baseline = usedAfterGc();
    List<String> samples = new ArrayList<>();
    long started = System.nanoTime();
    int count = 0;
    int timers = 0;
    int tenth = Math.max(1, expected / 10);
    try (Stream<Signal> stream = JsonLines.streamSignals(log)) {
      Iterator<Signal> it = stream.iterator();
      while (it.hasNext()) {
        Signal signal = it.next();
        if (signal.occurredAt().isAfter(clock.instant())) {
          clock.set(signal.occurredAt());
          timers += engine.fireDueTimers();
        }
        engine.accept(signal);
        count++;
        if (count % 10_000 == 0) {
          store.purgeExpired(clock.instant());
          relay.drain();
        }
        if (count % tenth == 0) {
          samples.add(String.format(Locale.ROOT, "%,d: %,d MB", count, (usedAfterGc() - baseline) >> 20));
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (count != expected) {
      throw new IllegalStateException("replayed " + count + " signals, expected " + expected);
    }
    System.out.printf(
        Locale.ROOT, "replayed %,d signals (%,d timer firings) in %.1f s: %,.0f signals/s; %,d subjects%n",
        count, timers, seconds, count / seconds, store.subjectCount());
    System.out.println("retained heap above baseline after full GC, by signals replayed: " + String.join(", ", samples));
  }

  private static void listRead(Path log) {
    long started = System.nanoTime();
    try {
      List<Signal> all = JsonLines.readSignals(log);
      System.out.printf(
          Locale.ROOT, "readSignals (whole log as a list): %,d signals in %.1f s, %,d MB retained%n",
          all.size(), (System.nanoTime() - started) / 1e9, usedAfterGc() >> 20);
    } catch (OutOfMemoryError e) {
      System.out.printf(
          Locale.ROOT, "readSignals (whole log as a list): OutOfMemoryError after %.1f s%n",
          (System.nanoTime() - started) / 1e9);
    }
  }
}
