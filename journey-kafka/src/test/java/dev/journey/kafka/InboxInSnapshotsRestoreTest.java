package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.kafka.internal.StoreNames;
import dev.journey.testkit.clock.VirtualClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real broker (KRaft, in this JVM, loopback): an application deduplicating with the inbox store
 * is restored, on an empty state directory, with {@code inboxInSnapshots(true)}, and restored
 * again: the ids of the inbox store's changelog and those of the format-2 snapshot records both
 * come back from the changelogs, so every redelivery stays a duplicate.
 */
final class InboxInSnapshotsRestoreTest {
  private static final int SUBJECTS = 12;
  private static final String APP = "journey-inbox";
  private static final Duration SLA = Duration.ofMinutes(10);

  @Test
  @Timeout(value = 180)
  void should_keep_every_redelivery_a_duplicate_across_restores_from_the_changelogs_after_the_switch()
      throws Exception {
    List<Path> dirs = new ArrayList<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(
          3,
          JourneyTopology.DEFAULT_SIGNALS_TOPIC,
          JourneyTopology.DEFAULT_ACTIONS_TOPIC,
          JourneyTopology.DEFAULT_AUDIT_TOPIC,
          JourneyTopology.DEFAULT_DEAD_LETTER_TOPIC);
      VirtualClock clock = VirtualClock.at(Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS));
      List<AuditRecord> audit = new ArrayList<>();
      try (KafkaConsumer<String, AuditRecord> consumer = auditConsumer(kafka)) {
        // given: demo requests deduplicated by the inbox store (the default)
        dirs.add(TempDirs.create("journey-kafka-inbox"));
        try (KafkaStreams first = run(kafka, false, clock, dirs.get(0), new ConcurrentSkipListMap<>())) {
          List<Signal> demos = new ArrayList<>();
          for (int i = 0; i < SUBJECTS; i++) {
            demos.add(TestJourneys.demo("demo-" + i, subject(i), clock.instant()));
          }
          send(kafka, demos);
          pollUntil(consumer, audit, SUBJECTS);
          first.close(Duration.ofSeconds(30));
        }
        assertThat(audit).hasSize(SUBJECTS);

        // when: restored on an empty directory with ids kept in snapshots; each subject gets its
        // demo request again and a page view, then, restored once more, both again and a second view
        clock.advance(Duration.ofMinutes(1));
        dirs.add(TempDirs.create("journey-kafka-inbox"));
        Map<String, Long> restored = new ConcurrentSkipListMap<>();
        try (KafkaStreams second = run(kafka, true, clock, dirs.get(1), restored)) {
          List<Signal> again = new ArrayList<>();
          for (int i = 0; i < SUBJECTS; i++) {
            again.add(TestJourneys.demo("demo-" + i, subject(i), clock.instant()));
            again.add(TestJourneys.signal("view-" + i, subject(i), SignalTypes.PRICING_PAGE_VIEWED, clock.instant()));
          }
          send(kafka, again);
          pollUntil(consumer, audit, SUBJECTS * 2);
          second.close(Duration.ofSeconds(30));
        }
        clock.advance(Duration.ofMinutes(1));
        dirs.add(TempDirs.create("journey-kafka-inbox"));
        Map<String, Long> restoredAgain = new ConcurrentSkipListMap<>();
        try (KafkaStreams third = run(kafka, true, clock, dirs.get(2), restoredAgain)) {
          List<Signal> more = new ArrayList<>();
          for (int i = 0; i < SUBJECTS; i++) {
            more.add(TestJourneys.demo("demo-" + i, subject(i), clock.instant()));
            more.add(TestJourneys.signal("view-" + i, subject(i), SignalTypes.PRICING_PAGE_VIEWED, clock.instant()));
            more.add(TestJourneys.signal("view2-" + i, subject(i), SignalTypes.PRICING_PAGE_VIEWED, clock.instant()));
          }
          send(kafka, more);
          // the second view follows the redeliveries in its subject's partition
          pollUntil(consumer, audit, SUBJECTS * 3);
          third.close(Duration.ofSeconds(30));
        }

        // then: only the first view and the second view were decided after the switch
        List<AuditRecord> after = audit.subList(SUBJECTS, audit.size());
        assertThat(after).hasSize(SUBJECTS * 2);
        assertThat(after).extracting(r -> r.signal().id().replaceAll("-[0-9]+$", ""))
            .containsOnly("view", "view2")
            .filteredOn("view"::equals)
            .hasSize(SUBJECTS);
        assertThat(after).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(AuditRecord.Outcome.DECIDED));
        assertThat(restored.getOrDefault(StoreNames.INBOX, 0L)).as("inbox records restored").isEqualTo(SUBJECTS);
        assertThat(restored.getOrDefault(StoreNames.SNAPSHOTS, 0L)).as("snapshots restored").isEqualTo(SUBJECTS);
        assertThat(restoredAgain.getOrDefault(StoreNames.INBOX, 0L))
            .as("no inbox record written after the switch").isEqualTo(SUBJECTS);
        assertThat(restoredAgain.getOrDefault(StoreNames.SNAPSHOTS, 0L))
            .as("the snapshots' records: the first run's and one per view").isEqualTo(SUBJECTS * 2);
      }
    } finally {
      dirs.forEach(TempDirs::delete);
    }
  }

  private static SubjectRef subject(int i) {
    return SubjectRef.contact(Integer.toString(7000 + i));
  }

  private static KafkaStreams run(
      EmbeddedKafka kafka, boolean inSnapshots, VirtualClock clock, Path dir, Map<String, Long> restored)
      throws InterruptedException {
    JourneyTopology journey = JourneyTopology.builder(
            JourneyDefinition.of("kafka-inbox", JourneyModel.leadHandoff(), TestJourneys.rules(SLA)))
        .storeLayout(StoreLayout.IN_MEMORY_STATE_PERSISTENT_INBOX)
        .inboxInSnapshots(inSnapshots)
        .clock(clock)
        .timerInterval(Duration.ofMillis(100))
        .build();
    Properties props = JourneyTopology.streamsConfig(APP, kafka.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    KafkaStreams streams = new KafkaStreams(journey.topology(), props);
    streams.setGlobalStateRestoreListener(new StateRestoreListener() {
      @Override
      public void onRestoreStart(TopicPartition partition, String store, long start, long end) {}

      @Override
      public void onBatchRestored(TopicPartition partition, String store, long end, long count) {}

      @Override
      public void onRestoreEnd(TopicPartition partition, String store, long count) {
        restored.merge(store, count, Long::sum);
      }
    });
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
    });
    streams.start();
    assertThat(running.await(60, TimeUnit.SECONDS)).as("running").isTrue();
    return streams;
  }

  private static void send(EmbeddedKafka kafka, List<Signal> signals) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, Serdes.String().serializer(), Serdes.String().serializer())) {
      for (Signal s : signals) {
        producer.send(new ProducerRecord<>(
            JourneyTopology.DEFAULT_SIGNALS_TOPIC, s.subject().toString(), TestJourneys.json(s)));
      }
      producer.flush();
    }
  }

  private static KafkaConsumer<String, AuditRecord> auditConsumer(EmbeddedKafka kafka) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-inbox");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<String, AuditRecord> consumer =
        new KafkaConsumer<>(p, Serdes.String().deserializer(), JourneySerdes.audit().deserializer());
    consumer.subscribe(List.of(JourneyTopology.DEFAULT_AUDIT_TOPIC));
    return consumer;
  }

  /** Polls (bounded by the embedded broker's timeout) until {@code into} holds {@code size} records. */
  private static void pollUntil(KafkaConsumer<String, AuditRecord> consumer, List<AuditRecord> into, int size) {
    long deadline = System.nanoTime() + EmbeddedKafka.timeout().toNanos();
    while (into.size() < size && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, AuditRecord> r : consumer.poll(Duration.ofMillis(200))) {
        into.add(r.value());
      }
    }
  }
}
