package dev.journey.kafka;

import dev.journey.core.Signal;
import dev.journey.core.action.Action;
import dev.journey.core.spi.AuditRecord;
import dev.journey.kafka.internal.CommitSink;
import dev.journey.kafka.internal.StateStoreJourneyStore;
import dev.journey.kafka.internal.StoreNames;
import dev.journey.testkit.clock.VirtualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import dev.journey.core.SubjectRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A journey topology on a {@link TopologyTestDriver} whose engine reads a {@link VirtualClock}:
 * {@link #receive} and {@link #advanceTo} move the clock exactly as the testkit's {@code
 * JourneyDriver} does (to each due timer's time, then to the target), and fire timers by
 * advancing the driver's wall-clock time, which runs the topology's punctuator.
 */
final class DrivenTopology implements AutoCloseable {
  private static final Duration TICK = Duration.ofMillis(1);
  private static final int MAX_STEPS = 1_000_000;

  final VirtualClock clock;
  final TopologyTestDriver driver;
  final TestInputTopic<String, String> signals;
  final TestOutputTopic<String, Action> actions;
  final TestOutputTopic<String, AuditRecord> audit;
  final TestOutputTopic<String, DeadLetterRecord> deadLetters;
  final StateStoreJourneyStore store;
  private final List<AuditRecord> records = new ArrayList<>();
  /** A model of the pending due times, from the snapshots of the subjects decided on. */
  private final TreeMap<Instant, Integer> due = new TreeMap<>();
  private final Map<SubjectRef, List<Instant>> dueBySubject = new HashMap<>();
  private final Path stateDir;

  /** The engine on a virtual clock; punctuation every millisecond of wall-clock time. */
  DrivenTopology(JourneyTopology.Builder builder, Instant start) {
    this(builder.timerInterval(TICK).purgeInterval(Duration.ofDays(365)), start, true);
  }

  /**
   * With {@code virtual}, the engine reads {@link #clock}; else the stream's wall clock, which
   * starts at {@code start} and moves only with {@code driver.advanceWallClockTime}.
   */
  DrivenTopology(JourneyTopology.Builder builder, Instant start, boolean virtual) {
    this.clock = VirtualClock.at(start);
    if (virtual) {
      builder.clock(clock);
    }
    // In-memory stores: a TopologyTestDriver commits after every input and punctuation, and a
    // commit flushes RocksDB's memtable to disk, which would dominate a replay of a whole log.
    // (The kill-and-rebalance test runs on RocksDB, the default.)
    JourneyTopology journey = builder.inMemoryStores(true).build();
    Properties props = JourneyTopology.streamsConfig("journey-test", "127.0.0.1:1");
    try {
      this.stateDir = Files.createTempDirectory("journey-kafka-ttd");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    this.driver = new TopologyTestDriver(journey.topology(), props, start);
    this.signals =
        driver.createInputTopic(
            journey.signalsTopic(), Serdes.String().serializer(), Serdes.String().serializer());
    this.actions =
        driver.createOutputTopic(
            journey.actionsTopic(), Serdes.String().deserializer(), JourneySerdes.action().deserializer());
    this.audit =
        driver.createOutputTopic(
            journey.auditTopic(), Serdes.String().deserializer(), JourneySerdes.audit().deserializer());
    this.deadLetters =
        driver.createOutputTopic(
            journey.deadLetterTopic(),
            Serdes.String().deserializer(),
            JourneySerdes.deadLetter().deserializer());
    Map<String, KeyValueStore<String, byte[]>> stores = new LinkedHashMap<>();
    for (String name : StoreNames.ALL) {
      stores.put(name, driver.getKeyValueStore(name));
    }
    this.store = new StateStoreJourneyStore(stores, CommitSink.none(), Duration.ofDays(7));
  }

  /** Moves the clock to the signal's time (firing due timers on the way) and pipes it. */
  void receive(Signal signal) {
    advanceTo(signal.occurredAt());
    pipe(signal.subject().toString(), TestJourneys.json(signal), signal.occurredAt());
  }

  void pipe(String key, String value, Instant timestamp) {
    signals.pipeInput(key, value, timestamp);
  }

  /** As {@code JourneyDriver.advanceTo}: step to each due timer, fire, then to the target. */
  void advanceTo(Instant target) {
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<Instant> next = nextTimerDue();
      if (next.isEmpty() || next.get().isAfter(target)) {
        break;
      }
      if (next.get().isAfter(clock.instant())) {
        clock.set(next.get());
      }
      int before = records().size();
      driver.advanceWallClockTime(TICK);
      if (records().size() == before && nextTimerDue().equals(next)) {
        break; // claimed under a lease that has not run out
      }
    }
    if (target.isAfter(clock.instant())) {
      clock.set(target);
    }
  }

  /** As {@code JourneyDriver.advanceToQuiescence}. */
  void advanceToQuiescence(Instant horizon) {
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<Instant> next = nextTimerDue();
      if (next.isEmpty() || next.get().isAfter(horizon)) {
        return;
      }
      Instant before = clock.instant();
      advanceTo(next.get().isAfter(before) ? next.get() : before);
      if (nextTimerDue().equals(next) && clock.instant().equals(before)) {
        return;
      }
    }
  }

  /** Every audit record the topology produced so far, in order. */
  List<AuditRecord> records() {
    for (AuditRecord record : audit.readValuesToList()) {
      records.add(record);
      SubjectRef subject = record.signal().subject();
      for (Instant at : dueBySubject.getOrDefault(subject, List.of())) {
        due.computeIfPresent(at, (k, n) -> n == 1 ? null : n - 1);
      }
      List<Instant> now = new ArrayList<>();
      store.load(subject).ifPresent(s -> s.timers().values().forEach(t -> now.add(t.dueAt())));
      now.forEach(at -> due.merge(at, 1, Integer::sum));
      dueBySubject.put(subject, now);
    }
    return records;
  }

  /**
   * The earliest pending due time, from the subjects' snapshots (as the in-memory store's index
   * would say); the topology's own timer index is what fires them.
   */
  Optional<Instant> nextTimerDue() {
    records();
    return due.isEmpty() ? Optional.empty() : Optional.of(due.firstKey());
  }

  @Override
  public void close() {
    driver.close();
    TempDirs.delete(stateDir);
  }
}
