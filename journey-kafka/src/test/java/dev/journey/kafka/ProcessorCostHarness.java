package dev.journey.kafka;

import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * CPU time and allocation per signal of the journey topology without a broker: a {@code
 * TopologyTestDriver} on this thread runs the source, the journey processor (signal JSON, engine,
 * state stores, actions and audit serialized for the sinks) and the driver's own capture of the
 * output records, all measured with this thread's own counters, so the figure does not depend on
 * the machine's load the way a wall-clock rate does. The driver commits after every record (a
 * real instance commits every {@code commit.interval.ms}), so the per-commit work (cache flush)
 * is counted once per signal here. Not a unit test: run it by hand (command in docs/benchmarks.md).
 *
 * <p>Arguments: {@code signals rounds [rocksdb(true|false)]}: the same workload as {@link
 * KafkaThroughputBenchmark} (20,000 subjects, one signal in ten a demo request), each round a fresh
 * topology; the last round's figures are the ones to read (the earlier ones warm the JIT up).
 */
final class ProcessorCostHarness {
  private ProcessorCostHarness() {}

  public static void main(String[] args) {
    int signals = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    boolean rocksdb = args.length > 2 && Boolean.parseBoolean(args[2]);
    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    List<String> keys = new ArrayList<>(signals);
    List<String> values = new ArrayList<>(signals);
    for (int i = 0; i < signals; i++) {
      SubjectRef subject = SubjectRef.contact(Integer.toString(100_000 + i % 20_000));
      String type = i % 10 == 0 ? SignalTypes.DEMO_REQUESTED : SignalTypes.PRICING_PAGE_VIEWED;
      keys.add(subject.toString());
      values.add(TestJourneys.json(TestJourneys.signal("s-" + i, subject, type, now)));
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    for (int round = 1; round <= rounds; round++) {
      Path dir = TempDirs.create("journey-cost");
      try {
        Properties props = JourneyTopology.streamsConfig("journey-cost", "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        JourneyTopology journey =
            JourneyTopology.builder(TestJourneys.definition()).inMemoryStores(!rocksdb).build();
        try (TopologyTestDriver driver = new TopologyTestDriver(journey.topology(), props, now)) {
          TestInputTopic<String, String> in =
              driver.createInputTopic(
                  journey.signalsTopic(), Serdes.String().serializer(), Serdes.String().serializer());
          var actions = driver.createOutputTopic(
              journey.actionsTopic(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
          var audit = driver.createOutputTopic(
              journey.auditTopic(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
          long cpu0 = threads.getThreadCpuTime(self);
          long bytes0 = threads.getThreadAllocatedBytes(self);
          long outputs = 0;
          for (int i = 0; i < signals; i++) {
            in.pipeInput(keys.get(i), values.get(i), now);
            if (i % 1_000 == 999) {
              // drain what the driver captured, as a consumer would (bounded memory)
              outputs += actions.readRecordsToList().size() + audit.readRecordsToList().size();
            }
          }
          outputs += actions.readRecordsToList().size() + audit.readRecordsToList().size();
          long cpu = threads.getThreadCpuTime(self) - cpu0;
          long bytes = threads.getThreadAllocatedBytes(self) - bytes0;
          System.out.printf(
              Locale.ROOT,
              "round=%d signals=%d stores=%s outputs=%d cpu-ns-per-signal=%d signals-per-cpu-second=%.0f"
                  + " bytes-per-signal=%d%n",
              round, signals, rocksdb ? "rocksdb" : "in-memory", outputs, cpu / signals,
              signals / (cpu / 1e9), bytes / signals);
        }
      } finally {
        TempDirs.delete(dir);
      }
    }
  }
}
