package dev.journey.kafka;

import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.kafka.internal.StoreNames;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * CPU time and allocation per signal of the journey processor without a broker, measured with this
 * thread's own counters (so the figure depends much less on the machine's load than a wall-clock
 * rate). The same workload as {@link KafkaThroughputBenchmark} (20,000 subjects, one signal in ten
 * a demo request), each round on fresh stores; the last round's figures are the ones to read (the
 * earlier ones warm the JIT up). Not a unit test: run it by hand (command in docs/benchmarks.md).
 *
 * <p>Three variants per round, interleaved:
 *
 * <ul>
 *   <li>{@code processor}: the journey processor alone on a {@code MockProcessorContext} (signal
 *       JSON in, engine, state stores, the forwarded actions and audit records handed over and
 *       dropped unserialized);
 *   <li>{@code processor+serde}: the same, each forwarded record also serialized by its sink's
 *       serializer, as the stream thread does before it hands the bytes to the producer: the
 *       journey's share of a stream thread's work;
 *   <li>{@code driver}: the whole topology on a {@code TopologyTestDriver} (source, processor,
 *       sinks, the driver's commit after every record and its capture of every output record),
 *       which earlier rounds measured and whose own capture dominated the figure.
 * </ul>
 *
 * <p>The mock context holds the stores without changelog and without record cache (it offers
 * neither), so the processor variants leave out Kafka Streams' per-record machinery: the record
 * cache, changelog sends, punctuation checks, record queues.
 *
 * <p>Arguments: {@code signals rounds [rocksdb(true|false)]}.
 */
final class ProcessorCostHarness {
  private ProcessorCostHarness() {}

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

  public static void main(String[] args) {
    int signals = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    boolean rocksdb = args.length > 2 && Boolean.parseBoolean(args[2]);
    List<String> keys = new ArrayList<>(signals);
    List<String> values = new ArrayList<>(signals);
    for (int i = 0; i < signals; i++) {
      SubjectRef subject = SubjectRef.contact(Integer.toString(100_000 + i % 20_000));
      String type = i % 10 == 0 ? SignalTypes.DEMO_REQUESTED : SignalTypes.PRICING_PAGE_VIEWED;
      keys.add(subject.toString());
      values.add(TestJourneys.json(TestJourneys.signal("s-" + i, subject, type, NOW)));
    }
    for (int round = 1; round <= rounds; round++) {
      processor(round, keys, values, rocksdb, false);
      processor(round, keys, values, rocksdb, true);
      driver(round, keys, values, rocksdb);
    }
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static void processor(
      int round, List<String> keys, List<String> values, boolean rocksdb, boolean serialize) {
    Path dir = TempDirs.create("journey-cost");
    try {
      Properties props = JourneyTopology.streamsConfig("journey-cost", "127.0.0.1:1");
      props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
      MockProcessorContext<String, Object> context = new MockProcessorContext<>(props);
      context.setCurrentSystemTimeMs(NOW.toEpochMilli()); // the stream clock of the driver variant
      List<KeyValueStore<String, byte[]>> opened = new ArrayList<>();
      for (String name : StoreNames.ALL) {
        KeyValueStore<String, byte[]> store =
            Stores.keyValueStoreBuilder(
                    rocksdb ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name),
                    Serdes.String(),
                    Serdes.ByteArray())
                .withLoggingDisabled()
                .withCachingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        opened.add(store);
      }
      JourneyTopology journey = JourneyTopology.builder(TestJourneys.definition()).build();
      Processor<String, byte[], String, Object> processor = journey.processor();
      processor.init(context);
      Serializer<String> keySerializer = Serdes.String().serializer();
      Serializer<Object> actions = anyValue(JourneySerdes.action().serializer());
      Serializer<Object> audit = JourneySerdes.anyJson().serializer();
      Serializer<Object> deadLetters = anyValue(JourneySerdes.deadLetter().serializer());
      List<byte[]> bytes = new ArrayList<>(values.size());
      values.forEach(v -> bytes.add(v.getBytes(StandardCharsets.UTF_8)));
      long self = Thread.currentThread().getId();
      long cpu0 = THREADS.getThreadCpuTime(self);
      long alloc0 = THREADS.getThreadAllocatedBytes(self);
      long outputs = 0;
      long outputBytes = 0;
      long ts = NOW.toEpochMilli();
      for (int i = 0; i < keys.size(); i++) {
        context.setRecordMetadata(journey.signalsTopic(), 0, i);
        processor.process(new Record<>(keys.get(i), bytes.get(i), ts));
        for (MockProcessorContext.CapturedForward<? extends String, ?> f : context.forwarded()) {
          outputs++;
          if (serialize) {
            String child = f.childName().orElse("");
            Serializer<Object> value =
                child.equals(JourneyTopology.ACTIONS)
                    ? actions
                    : child.equals(JourneyTopology.AUDIT) ? audit : deadLetters;
            String topic = child.equals(JourneyTopology.ACTIONS) ? journey.actionsTopic() : journey.auditTopic();
            byte[] k = keySerializer.serialize(topic, f.record().key());
            byte[] v = value.serialize(topic, f.record().headers(), f.record().value());
            outputBytes += k.length + v.length;
          }
        }
        context.resetForwards();
      }
      long cpu = THREADS.getThreadCpuTime(self) - cpu0;
      long alloc = THREADS.getThreadAllocatedBytes(self) - alloc0;
      processor.close();
      opened.forEach(KeyValueStore::close);
      print(round, serialize ? "processor+serde" : "processor", keys.size(), rocksdb, outputs, cpu, alloc,
          serialize ? outputBytes / keys.size() : 0);
    } finally {
      TempDirs.delete(dir);
    }
  }

  /** A sink's value serializer, as the sink node applies it to what the processor forwards. */
  @SuppressWarnings("unchecked")
  private static Serializer<Object> anyValue(Serializer<?> serializer) {
    return (Serializer<Object>) serializer;
  }

  private static void driver(int round, List<String> keys, List<String> values, boolean rocksdb) {
    Path dir = TempDirs.create("journey-cost");
    try {
      Properties props = JourneyTopology.streamsConfig("journey-cost", "127.0.0.1:1");
      props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
      JourneyTopology journey =
          JourneyTopology.builder(TestJourneys.definition()).inMemoryStores(!rocksdb).build();
      try (TopologyTestDriver driver = new TopologyTestDriver(journey.topology(), props, NOW)) {
        TestInputTopic<String, String> in =
            driver.createInputTopic(
                journey.signalsTopic(), Serdes.String().serializer(), Serdes.String().serializer());
        var actions = driver.createOutputTopic(
            journey.actionsTopic(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        var audit = driver.createOutputTopic(
            journey.auditTopic(), Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        long self = Thread.currentThread().getId();
        long cpu0 = THREADS.getThreadCpuTime(self);
        long alloc0 = THREADS.getThreadAllocatedBytes(self);
        long outputs = 0;
        for (int i = 0; i < keys.size(); i++) {
          in.pipeInput(keys.get(i), values.get(i), NOW);
          if (i % 1_000 == 999) {
            // drain what the driver captured, as a consumer would (bounded memory)
            outputs += actions.readRecordsToList().size() + audit.readRecordsToList().size();
          }
        }
        outputs += actions.readRecordsToList().size() + audit.readRecordsToList().size();
        long cpu = THREADS.getThreadCpuTime(self) - cpu0;
        long alloc = THREADS.getThreadAllocatedBytes(self) - alloc0;
        print(round, "driver", keys.size(), rocksdb, outputs, cpu, alloc, 0);
      }
    } finally {
      TempDirs.delete(dir);
    }
  }

  private static void print(
      int round, String variant, int signals, boolean rocksdb, long outputs, long cpu, long alloc, long outBytes) {
    System.out.printf(
        Locale.ROOT,
        "round=%d variant=%s signals=%d stores=%s outputs=%d cpu-ns-per-signal=%d signals-per-cpu-second=%.0f"
            + " bytes-per-signal=%d%s%n",
        round, variant, signals, rocksdb ? "rocksdb" : "in-memory", outputs, cpu / signals,
        signals / (cpu / 1e9), alloc / signals,
        outBytes > 0 ? " output-bytes-per-signal=" + outBytes : "");
  }
}
