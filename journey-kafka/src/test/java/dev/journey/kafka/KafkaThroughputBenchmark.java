package dev.journey.kafka;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Signals per second end to end on a real loopback broker (KRaft, in this JVM): the signals
 * topic is filled first, then 1 or 2 stream instances (one thread each) are started, and the
 * clock runs from the moment all are RUNNING until the audit topic holds one committed record per
 * signal (read with {@code read_committed}: every signal decided, its actions and audit produced
 * and, with EOS, committed). It also prints the CPU time the whole JVM (broker, stream instances and
 * the admin polls) used meanwhile, so that a figure from a loaded machine can be read. Not a unit test: run it by hand (command in docs/benchmarks.md).
 *
 * <p>Arguments: {@code signals instances eos(true|false) partitions [commit.interval.ms
 * [compactAudit(true|false)]]}, e.g. {@code 200000 1 true 6} (a commit interval of 0 or none:
 * Kafka Streams' default; full audit records unless told).
 */
final class KafkaThroughputBenchmark {
  private KafkaThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int signals = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    boolean eos = args.length > 2 ? Boolean.parseBoolean(args[2]) : true;
    int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 6;
    // 0: Kafka Streams' default (100 ms with EOS, 30 s without)
    long commitIntervalMs = args.length > 4 ? Long.parseLong(args[4]) : 0;
    boolean compactAudit = args.length > 5 && Boolean.parseBoolean(args[5]);
    List<Path> dirs = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(
          partitions,
          JourneyTopology.DEFAULT_SIGNALS_TOPIC,
          JourneyTopology.DEFAULT_ACTIONS_TOPIC,
          JourneyTopology.DEFAULT_AUDIT_TOPIC,
          JourneyTopology.DEFAULT_DEAD_LETTER_TOPIC);
      long total = produce(kafka, signals, partitions);
      List<KafkaStreams> running = new ArrayList<>();
      CountDownLatch started = new CountDownLatch(instances);
      String app = "journey-bench";
      for (int i = 0; i < instances; i++) {
        Path dir = TempDirs.create("journey-bench-" + i);
        dirs.add(dir);
        Properties props = JourneyTopology.streamsConfig(app, kafka.bootstrapServers());
        if (!eos) {
          props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        }
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        if (commitIntervalMs > 0) {
          props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        }
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
        // any StreamsConfig entry (producer. and consumer. prefixed ones included) from
        // -Djourney.bench.streams.<key>=<value>, e.g. -Djourney.bench.streams.producer.batch.size=262144
        System.getProperties().stringPropertyNames().stream()
            .filter(k -> k.startsWith(STREAMS_PREFIX))
            .forEach(k -> props.put(k.substring(STREAMS_PREFIX.length()), System.getProperty(k)));
        KafkaStreams streams =
            new KafkaStreams(
                JourneyTopology.builder(TestJourneys.definition())
                    .compactAudit(compactAudit)
                    .storeLayout(LAYOUT).snapshotCache(SNAPSHOT_CACHE).inboxInSnapshots(INBOX_IN_SNAPSHOTS).auditRecords(AUDIT)
                    .build()
                    .topology(),
                props);
        streams.setStateListener(
            (now, before) -> {
              if (now == KafkaStreams.State.RUNNING) {
                started.countDown();
              }
            });
        running.add(streams);
      }
      running.forEach(KafkaStreams::start);
      started.await(120, TimeUnit.SECONDS);
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpu0 = os.getProcessCpuTime();
      long stream0 = streamThreadCpuNanos();
      Map<String, Long> groups0 = cpuByThreadGroup();
      Map<String, Long> native0 = nativeThreadTicks();
      long gc0 = gcMillis();
      long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      long t0 = System.nanoTime();
      // the second half of the run on its own: the JIT has compiled most of the broker's and the
      // clients' code by then, which a run of a few minutes otherwise counts in its CPU
      long[] half = new long[5];
      Map<String, Long> halfNative = new java.util.TreeMap<>();
      awaitCommitted(kafka, total, Duration.ofMinutes(10), seenAtHalf -> {
        half[4] = seenAtHalf;
        half[0] = System.nanoTime();
        half[1] = os.getProcessCpuTime();
        half[2] = streamThreadCpuNanos();
        half[3] = cpuByThreadGroup().getOrDefault("stream-threads", 0L);
        halfNative.putAll(nativeThreadTicks());
      });
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (half[0] != 0) {
        long rest = total - half[4];
        double s2 = (System.nanoTime() - half[0]) / 1e9;
        double cpu2 = (os.getProcessCpuTime() - half[1]) / 1e9;
        double stream2 = (streamThreadCpuNanos() - half[2]) / 1e9;
        double own2 = (cpuByThreadGroup().getOrDefault("stream-threads", 0L) - half[3]) / 1e9;
        double jit2 = (nativeThreadTicks().getOrDefault("jit", 0L) - halfNative.getOrDefault("jit", 0L)) / 100.0;
        System.out.printf(Locale.ROOT,
            "second-half signals=%d seconds=%.2f signals/s=%.0f jvm-cpu-seconds=%.1f signals-per-cpu-second=%.0f"
                + " signals-per-stream-thread-cpu-second=%.0f (with its producer's network thread)"
                + " stream-thread-alone-us-per-signal=%.1f jit-cpu-seconds=%.1f(%.0f%%)"
                + " signals-per-cpu-second-without-jit=%.0f%n",
            rest, s2, rest / s2, cpu2, rest / cpu2, rest / stream2, own2 * 1e6 / rest, jit2, 100 * jit2 / cpu2,
            rest / (cpu2 - jit2));
      }
      double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
      double streamSeconds = (streamThreadCpuNanos() - stream0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "signals=%d instances=%d eos=%s partitions=%d commit-interval-ms=%d compact-audit=%s stores=%s snapshot-cache=%s inbox-in-snapshots=%s audit=%s seconds=%.2f signals/s=%.0f per-instance=%.0f"
              + " jvm-cpu-seconds=%.1f signals-per-cpu-second=%.0f stream-thread-cpu-seconds=%.1f"
              + " signals-per-stream-thread-cpu-second=%.0f%n",
          total,
          instances,
          eos,
          partitions,
          commitIntervalMs,
          compactAudit,
          LAYOUT,
          SNAPSHOT_CACHE,
          INBOX_IN_SNAPSHOTS,
          AUDIT,
          seconds,
          total / seconds,
          total / seconds / instances,
          cpuSeconds,
          total / cpuSeconds,
          streamSeconds,
          total / streamSeconds);
      Map<String, Long> groups1 = cpuByThreadGroup();
      StringBuilder split = new StringBuilder("cpu-split");
      long javaThreads = 0;
      for (Map.Entry<String, Long> g : groups1.entrySet()) {
        long used = g.getValue() - groups0.getOrDefault(g.getKey(), 0L);
        javaThreads += used;
        split.append(String.format(Locale.ROOT, " %s=%.1fs(%.0f%%)", g.getKey(), used / 1e9, 100 * used / 1e9 / cpuSeconds));
      }
      double rest = cpuSeconds - javaThreads / 1e9;
      split.append(String.format(Locale.ROOT, " gc+jit+native=%.1fs(%.0f%%)", rest, 100 * rest / cpuSeconds));
      // wall time, not CPU: collections (G1's concurrent work is not in it) and compilation
      split.append(String.format(Locale.ROOT, " [gc-time=%.1fs jit-time=%.1fs]", (gcMillis() - gc0) / 1e3,
          (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0) / 1e3));
      System.out.println(split);
      Map<String, Long> native1 = nativeThreadTicks();
      StringBuilder hidden = new StringBuilder("cpu-split-of-the-rest (from /proc, 10 ms ticks)");
      for (Map.Entry<String, Long> g : native1.entrySet()) {
        double used = (g.getValue() - native0.getOrDefault(g.getKey(), 0L)) / 100.0;
        hidden.append(String.format(Locale.ROOT, " %s=%.1fs(%.0f%%)", g.getKey(), used, 100 * used / cpuSeconds));
      }
      System.out.println(hidden);
      System.out.printf(Locale.ROOT, "streams-overrides=%s%n", System.getProperties().stringPropertyNames().stream()
          .filter(k -> k.startsWith(STREAMS_PREFIX)).sorted().map(k -> k.substring(STREAMS_PREFIX.length()) + "=" + System.getProperty(k)).toList());
      for (KafkaStreams s : running) {
        s.close(Duration.ofSeconds(30));
      }
      printRecordsPerSignal(kafka, total);
      if (Boolean.getBoolean("journey.bench.restart")) {
        // the first instance again, on its own state directory: what a restart costs
        restore(kafka, app, dirs.get(0), commitIntervalMs, compactAudit, "restart");
      }
      if (Boolean.getBoolean("journey.bench.restore")) {
        Path dir = TempDirs.create("journey-bench-restore");
        dirs.add(dir);
        restore(kafka, app, dir, commitIntervalMs, compactAudit, "restore");
      }
    } finally {
      dirs.forEach(TempDirs::delete);
    }
  }

  private static final String STREAMS_PREFIX = "journey.bench.streams.";
  /**
   * {@code -Djourney.bench.layout=ROCKSDB|IN_MEMORY|IN_MEMORY_STATE_PERSISTENT_INBOX}: where the
   * state stores live (all changelogged); {@code -Djourney.bench.inMemoryStores=true} is {@code
   * IN_MEMORY}.
   */
  /** {@code -Djourney.bench.snapshotCache=false}: the snapshot store without the record cache. */
  private static final boolean SNAPSHOT_CACHE =
      Boolean.parseBoolean(System.getProperty("journey.bench.snapshotCache", "true"));
  /** {@code -Djourney.bench.inboxInSnapshots=true}: signal ids kept in the subjects' snapshot records. */
  private static final boolean INBOX_IN_SNAPSHOTS = Boolean.getBoolean("journey.bench.inboxInSnapshots");
  /**
   * {@code -Djourney.bench.audit=false}: no audit records; the run then ends when the application's
   * committed input offsets reach the signals topic's end (read every 100 ms).
   */
  private static final boolean AUDIT = Boolean.parseBoolean(System.getProperty("journey.bench.audit", "true"));
  private static final StoreLayout LAYOUT = StoreLayout.valueOf(System.getProperty("journey.bench.layout",
      Boolean.getBoolean("journey.bench.inMemoryStores") ? "IN_MEMORY" : "ROCKSDB"));

  /**
   * The records each topic holds after the run (its end offsets summed over partitions), per
   * signal: the actions and audit topics and every changelog. With EOS an offset is also taken by
   * each transaction's commit marker on each partition it wrote (one per partition and commit).
   */
  private static void printRecordsPerSignal(EmbeddedKafka kafka, long total) throws Exception {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (var description : admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().values()) {
        for (var partition : description.partitions()) {
          latest.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
        }
      }
      Map<String, Long> byTopic = new java.util.TreeMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> byTopic.merge(tp.topic(), info.offset(), Long::sum));
      StringBuilder line = new StringBuilder("offsets-per-signal");
      long written = 0;
      for (Map.Entry<String, Long> e : byTopic.entrySet()) {
        if (e.getKey().equals(JourneyTopology.DEFAULT_SIGNALS_TOPIC) || e.getKey().startsWith("__")) {
          continue;
        }
        written += e.getValue();
        line.append(String.format(Locale.ROOT, " %s=%.3f", e.getKey().replace("journey-bench-", ""), (double) e.getValue() / total));
      }
      line.append(String.format(Locale.ROOT, " all-written=%.3f", (double) written / total));
      System.out.println(line);
      // the bytes of each topic's log segments on the broker's disk, per signal
      Map<String, Long> bytes = new java.util.TreeMap<>();
      for (var dirs : admin.describeLogDirs(List.of(1)).allDescriptions().get().values()) {
        for (var dir : dirs.values()) {
          dir.replicaInfos().forEach((tp, info) -> bytes.merge(tp.topic(), info.size(), Long::sum));
        }
      }
      StringBuilder sizes = new StringBuilder("log-bytes-per-signal");
      long all = 0;
      for (Map.Entry<String, Long> e : bytes.entrySet()) {
        if (e.getKey().equals(JourneyTopology.DEFAULT_SIGNALS_TOPIC) || e.getKey().startsWith("__")) {
          continue;
        }
        all += e.getValue();
        sizes.append(String.format(Locale.ROOT, " %s=%.1f", e.getKey().replace("journey-bench-", ""), (double) e.getValue() / total));
      }
      sizes.append(String.format(Locale.ROOT, " all-written=%.1f", (double) all / total));
      System.out.println(sizes);
    }
  }

  /**
   * A new instance before it runs: label "restore" on an empty state directory (it restores every
   * store from its changelog, what a RocksDB store does when its disk is lost), "restart" on the
   * run's own directory (it restores only what the layout keeps in memory). Prints the time from
   * start to RUNNING, the records restored per store and the heap used after a collection.
   */
  private static void restore(
      EmbeddedKafka kafka, String app, Path dir, long commitIntervalMs, boolean compactAudit, String label)
      throws InterruptedException {
    Properties props = JourneyTopology.streamsConfig(app, kafka.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    if (commitIntervalMs > 0) {
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    }
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith(STREAMS_PREFIX))
        .forEach(k -> props.put(k.substring(STREAMS_PREFIX.length()), System.getProperty(k)));
    CountDownLatch running = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicLong restored = new java.util.concurrent.atomic.AtomicLong();
    Map<String, Long> byStore = new java.util.concurrent.ConcurrentSkipListMap<>();
    try (KafkaStreams streams = new KafkaStreams(
        JourneyTopology.builder(TestJourneys.definition()).compactAudit(compactAudit).storeLayout(LAYOUT).snapshotCache(SNAPSHOT_CACHE).inboxInSnapshots(INBOX_IN_SNAPSHOTS).auditRecords(AUDIT)
            .build().topology(), props)) {
      streams.setGlobalStateRestoreListener(new org.apache.kafka.streams.processor.StateRestoreListener() {
        @Override
        public void onRestoreStart(TopicPartition partition, String store, long start, long end) {}

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long end, long count) {}

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long count) {
          restored.addAndGet(count);
          byStore.merge(store, count, Long::sum);
        }
      });
      streams.setStateListener((now, before) -> {
        if (now == KafkaStreams.State.RUNNING) {
          running.countDown();
        }
      });
      long t0 = System.nanoTime();
      streams.start();
      boolean ran = running.await(5, TimeUnit.MINUTES);
      double took = (System.nanoTime() - t0) / 1e9;
      System.gc();
      java.lang.management.MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      System.out.printf(Locale.ROOT,
          "%s stores=%s running=%s seconds-to-running=%.2f records-restored=%d by-store=%s heap-used-after-gc-mb=%.0f%n",
          label, LAYOUT, ran, took, restored.get(), byStore, heap.getUsed() / 1048576.0);
      streams.close(Duration.ofSeconds(30));
    }
  }

  private static long gcMillis() {
    long sum = 0;
    for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  /**
   * CPU time so far by group of threads: the stream threads (processing, state stores, commits),
   * their producers' network threads, the broker's request handlers, the broker's network
   * threads, the rest of the broker (controller, raft, coordinators, transaction markers), and
   * the rest (the harness's audit consumer, admin clients).
   */
  private static Map<String, Long> cpuByThreadGroup() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> groups = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      String name = info.getThreadName();
      String group;
      if (name.startsWith("kafka-producer-network-thread") && name.contains("StreamThread")) {
        group = "streams-producer-network";
      } else if (name.contains("StreamThread") || name.contains("StateUpdater")) {
        group = "stream-threads";
      } else if (name.startsWith("data-plane-kafka-request-handler")) {
        group = "broker-request-handlers";
      } else if (name.startsWith("data-plane-kafka-network-thread") || name.contains("socket-acceptor")) {
        group = "broker-network";
      } else if (name.startsWith("kafka-") || name.contains("Txn") || name.contains("raft")
          || name.contains("coordinator-event") || name.contains("ExpirationReaper")
          || name.contains("log-") || name.startsWith("broker-") || name.startsWith("controller-")
          || name.startsWith("quorum") || name.contains("metadata")) {
        group = name.contains("kafka-coordinator-heartbeat") || name.contains("adminclient")
            ? "harness-clients" : "broker-other";
      } else {
        group = "harness-clients";
      }
      groups.merge(group, Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
    }
    return groups;
  }

  /**
   * CPU ticks (utime + stime, 1/100 s) so far of the threads no {@code ThreadMXBean} reports,
   * from {@code /proc/self/task/<tid>/stat} by thread name: the JIT compilers, the garbage
   * collector's threads, RocksDB's background threads (flushes, compactions) and the JVM's
   * other threads. Empty where there is no {@code /proc} (not Linux). Threads that ended within
   * the window are not counted.
   */
  private static Map<String, Long> nativeThreadTicks() {
    Map<String, Long> groups = new java.util.TreeMap<>();
    java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
    if (tasks == null) {
      return groups;
    }
    for (java.io.File task : tasks) {
      String stat;
      try {
        stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
      } catch (java.io.IOException e) {
        continue; // the thread ended
      }
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      if (open < 0 || close < open) {
        continue;
      }
      String name = stat.substring(open + 1, close);
      String[] fields = stat.substring(close + 2).split(" ");
      // fields[0] is field 3 (state): utime is field 14, stime field 15
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      String group;
      if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
        group = "jit";
      } else if (name.startsWith("G1 ") || name.startsWith("GC Thread") || name.startsWith("VM Thread")) {
        group = "gc+vm-thread";
      } else if (name.startsWith("rocksdb")) {
        group = "rocksdb";
      } else if (name.equals("VM Periodic Tas") || name.startsWith("Service Thread")
          || name.startsWith("Monitor Deflati") || name.startsWith("Common-Cleaner")
          || name.startsWith("JFR ")) {
        group = "jvm-other";
      } else {
        continue; // a Java thread: counted by ThreadMXBean above
      }
      groups.merge(group, ticks, Long::sum);
    }
    return groups;
  }

  /** The CPU time of the stream threads so far (the journey processing, without the broker). */
  private static long streamThreadCpuNanos() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains("StreamThread")) {
        long t = threads.getThreadCpuTime(info.getThreadId());
        sum += Math.max(0, t);
      }
    }
    return sum;
  }

  /**
   * One subject in ten gets a demo request (two actions and a timer); the rest page views.
   *
   * @return the records on the signals topic (its end offsets), which the run waits for
   */
  private static long produce(EmbeddedKafka kafka, int count, int partitions) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    Instant now = Clock.systemUTC().instant();
    java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, Serdes.String().serializer(), Serdes.String().serializer())) {
      for (int i = 0; i < count; i++) {
        SubjectRef subject = SubjectRef.contact(Integer.toString(100_000 + i % 20_000));
        String type = i % 10 == 0 ? SignalTypes.DEMO_REQUESTED : SignalTypes.PRICING_PAGE_VIEWED;
        Signal signal = TestJourneys.signal("s-" + i, subject, type, now);
        producer.send(
            new ProducerRecord<>(
                JourneyTopology.DEFAULT_SIGNALS_TOPIC, subject.toString(), TestJourneys.json(signal)),
            (metadata, e) -> {
              if (e != null) {
                failed.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
    for (int i = 0; i < partitions; i++) {
      latest.put(new TopicPartition(JourneyTopology.DEFAULT_SIGNALS_TOPIC, i), OffsetSpec.latest());
    }
    long total = 0;
    try (Admin admin = kafka.admin()) {
      for (ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(latest).all().get().values()) {
        total += info.offset();
      }
    }
    System.out.printf(Locale.ROOT, "produced=%d failed-sends=%d on-topic=%d%n", count, failed.get(), total);
    return total;
  }

  /**
   * Waits until the audit topic holds one committed record per signal (read with {@code
   * read_committed}: with EOS, only decisions whose transaction committed). The consumer's
   * bounded poll paces the loop; the whole wait is bounded by {@code max}.
   */
  private static void awaitCommitted(EmbeddedKafka kafka, long total, Duration max, java.util.function.LongConsumer atHalf) {
    if (!AUDIT) {
      awaitInputCommitted(kafka, total, max, atHalf);
      return;
    }
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "journey-bench-audit");
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    long deadline = System.nanoTime() + max.toNanos();
    long seen = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            c, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())) {
      consumer.subscribe(List.of(JourneyTopology.DEFAULT_AUDIT_TOPIC));
      boolean halfway = false;
      while (seen < total && System.nanoTime() < deadline) {
        seen += consumer.poll(Duration.ofMillis(200)).count();
        if (!halfway && seen >= total / 2) {
          halfway = true;
          atHalf.accept(seen);
        }
      }
    }
    if (seen < total) {
      throw new IllegalStateException(
          "only " + seen + " of " + total + " audit records were committed within " + max);
    }
  }

  /** Without audit records: until the application's committed offsets on the signals topic sum to {@code total}. */
  private static void awaitInputCommitted(
      EmbeddedKafka kafka, long total, Duration max, java.util.function.LongConsumer atHalf) {
    long deadline = System.nanoTime() + max.toNanos();
    long seen = 0;
    boolean halfway = false;
    try (Admin admin = kafka.admin()) {
      while (seen < total && System.nanoTime() < deadline) {
        long sum = 0;
        for (var e : admin.listConsumerGroupOffsets("journey-bench").partitionsToOffsetAndMetadata().get().entrySet()) {
          if (e.getKey().topic().equals(JourneyTopology.DEFAULT_SIGNALS_TOPIC) && e.getValue() != null) {
            sum += e.getValue().offset();
          }
        }
        seen = sum;
        if (!halfway && seen >= total / 2) {
          halfway = true;
          atHalf.accept(seen);
        }
        if (seen < total) {
          Thread.sleep(100); // a benchmark's main, not a test: polls the group's offsets
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the committed offsets", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("could not read the committed offsets", e);
    }
    if (seen < total) {
      throw new IllegalStateException("only " + seen + " of " + total + " signals were committed within " + max);
    }
  }
}
