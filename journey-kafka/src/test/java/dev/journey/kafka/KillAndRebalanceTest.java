package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real broker (KRaft, in this JVM, loopback), 3 partitions, two stream instances. Instance A
 * crashes mid-run: its stream thread dies inside a transaction (an {@link Error} thrown while it
 * evaluates) and its client shuts down without committing; the rebalance moves its partitions to
 * B, which restores their state from the changelogs and processes what A had not committed.
 * Read committed, every signal is decided once, every action is produced once, every timer
 * fires once, and the relay executes every action once.
 */
final class KillAndRebalanceTest {
  private static final int SUBJECTS = 300;
  private static final Duration SLA = Duration.ofSeconds(4);

  /** Thrown inside instance A to kill its stream thread mid-transaction. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash() {
      super("instance A crashes here", null, false, false);
    }
  }

  @Test
  @Timeout(value = 150)
  void should_decide_every_signal_and_fire_every_timer_once_when_an_instance_dies() throws Exception {
    Path dirA = TempDirs.create("journey-kafka-a");
    Path dirB = TempDirs.create("journey-kafka-b");
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      // given
      kafka.createTopics(
          3,
          JourneyTopology.DEFAULT_SIGNALS_TOPIC,
          JourneyTopology.DEFAULT_ACTIONS_TOPIC,
          JourneyTopology.DEFAULT_AUDIT_TOPIC,
          JourneyTopology.DEFAULT_DEAD_LETTER_TOPIC,
          "journey.actions-completed");
      AtomicInteger untilCrash = new AtomicInteger(100);
      JourneyEvaluator rules = TestJourneys.rules(SLA);
      JourneyEvaluator crashing =
          (snapshot, signal, now) -> {
            if (untilCrash.decrementAndGet() == 0) {
              throw new SimulatedCrash();
            }
            return rules.evaluate(snapshot, signal, now);
          };
      KafkaStreams a = streams(kafka, definition(crashing), dirA);
      KafkaStreams b = streams(kafka, definition(rules), dirB);
      CountDownLatch running = new CountDownLatch(2);
      for (KafkaStreams s : List.of(a, b)) {
        s.setStateListener(
            (now, before) -> {
              if (now == KafkaStreams.State.RUNNING && before == KafkaStreams.State.REBALANCING) {
                running.countDown();
              }
            });
        s.start();
      }
      assertThat(running.await(60, TimeUnit.SECONDS)).as("both instances running").isTrue();
      List<Signal> sent = send(kafka);
      long distinct = sent.stream().map(Signal::id).distinct().count();

      // when: A dies at its 100th evaluation; B takes over; wait for every decision and timer
      Map<String, Integer> decidedBySignal = new HashMap<>();
      List<AuditRecord> audit = new ArrayList<>();
      try (KafkaConsumer<String, AuditRecord> consumer =
          consumer(kafka, JourneySerdes.audit(), JourneyTopology.DEFAULT_AUDIT_TOPIC)) {
        pollUntil(consumer, audit, () -> audit.size() >= distinct + SUBJECTS);
        // a little longer: anything decided twice would show up now
        pollFor(consumer, audit, Duration.ofSeconds(3));
      }
      for (AuditRecord r : audit) {
        decidedBySignal.merge(r.signal().id(), 1, Integer::sum);
      }
      List<Action> actions = new ArrayList<>();
      try (KafkaConsumer<String, Action> consumer =
          consumer(kafka, JourneySerdes.action(), JourneyTopology.DEFAULT_ACTIONS_TOPIC)) {
        long expectedActions =
            audit.stream().mapToLong(r -> r.decision().actions().size()).sum();
        pollUntil(consumer, actions, () -> actions.size() >= expectedActions);
        pollFor(consumer, actions, Duration.ofSeconds(1));
      }
      Map<String, Integer> executed = new ConcurrentHashMap<>();
      ActionExecutor executor =
          (action, attempt) -> {
            executed.merge(action.id(), 1, Integer::sum);
            return ExecutionResult.done();
          };
      long deadline = System.nanoTime() + EmbeddedKafka.timeout().toNanos();
      // tag::relay[]
      Properties consumer = new Properties();
      consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "journey-relay");
      Properties completed = new Properties(); // where completed ids are kept (compacted topic)
      completed.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (ActionTopicRelay relay = ActionTopicRelay.builder(consumer, executor)
          .completedTopic("journey.actions-completed", completed)
          .build()) {
        while (executed.size() < actions.size() && System.nanoTime() < deadline) {
          relay.pollOnce(Duration.ofMillis(200)); // read_committed, offsets committed after each batch
        }
      }
      // end::relay[]
      // a relay restarted with no committed offset (a new group) is handed every action again
      // and, having read the completed ids, executes none of them
      consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "journey-relay-restarted");
      long skipped;
      long loaded;
      try (ActionTopicRelay restarted = ActionTopicRelay.builder(consumer, executor)
          .completedTopic("journey.actions-completed", completed)
          .build()) {
        loaded = restarted.completedIdsLoaded();
        while (restarted.duplicatesSkipped() < actions.size() && System.nanoTime() < deadline) {
          restarted.pollOnce(Duration.ofMillis(200));
        }
        skipped = restarted.duplicatesSkipped();
      }
      b.close(Duration.ofSeconds(20));
      a.close(Duration.ofSeconds(5));

      // then
      assertThat(untilCrash.get()).as("instance A crashed").isLessThanOrEqualTo(0);
      assertThat(a.state()).isIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
      assertThat(decidedBySignal).hasSize((int) distinct + SUBJECTS);
      assertThat(decidedBySignal.values()).as("decisions per signal id").containsOnly(1);
      long timers = audit.stream().filter(r -> r.signal().type().equals(SignalTypes.TIMER_FIRED)).count();
      assertThat(timers).as("timers fired").isEqualTo(SUBJECTS);
      assertThat(audit).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(AuditRecord.Outcome.DECIDED));
      Map<String, Integer> producedById = new HashMap<>();
      actions.forEach(x -> producedById.merge(x.id(), 1, Integer::sum));
      assertThat(producedById.values()).as("records per action id").containsOnly(1);
      assertThat(producedById).hasSize(actions.size());
      assertThat(executed.keySet()).isEqualTo(producedById.keySet());
      assertThat(executed.values()).as("executions per action id").containsOnly(1);
      assertThat(loaded).as("completed ids read back").isEqualTo(actions.size());
      assertThat(skipped).as("redelivered actions skipped after the restart").isEqualTo(actions.size());
    } finally {
      TempDirs.delete(dirA);
      TempDirs.delete(dirB);
    }
  }

  private static JourneyDefinition definition(JourneyEvaluator evaluator) {
    return JourneyDefinition.of("kafka-rebalance", JourneyModel.leadHandoff(), evaluator);
  }

  private static KafkaStreams streams(EmbeddedKafka kafka, JourneyDefinition definition, Path dir) {
    JourneyTopology journey =
        JourneyTopology.builder(definition).timerInterval(Duration.ofMillis(200)).build();
    Properties props = JourneyTopology.streamsConfig("journey-rebalance", kafka.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 50);
    KafkaStreams streams = new KafkaStreams(journey.topology(), props);
    streams.setUncaughtExceptionHandler(
        e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    return streams;
  }

  /** Two signals per subject (a demo request starting the SLA timer, a page view), and redeliveries. */
  private static List<Signal> send(EmbeddedKafka kafka) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    List<Signal> sent = new ArrayList<>();
    Instant now = Clock.systemUTC().instant();
    for (int i = 0; i < SUBJECTS; i++) {
      SubjectRef subject = SubjectRef.contact(Integer.toString(2000 + i));
      sent.add(TestJourneys.demo("demo-" + i, subject, now));
      sent.add(TestJourneys.signal("view-" + i, subject, SignalTypes.PRICING_PAGE_VIEWED, now));
      if (i % 10 == 0) {
        sent.add(TestJourneys.demo("demo-" + i, subject, now)); // a redelivery
      }
    }
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, Serdes.String().serializer(), Serdes.String().serializer())) {
      for (Signal s : sent) {
        producer.send(
            new ProducerRecord<>(
                JourneyTopology.DEFAULT_SIGNALS_TOPIC,
                s.subject().toString(),
                TestJourneys.json(s)));
      }
      producer.flush();
    }
    return sent;
  }

  private static <V> KafkaConsumer<String, V> consumer(
      EmbeddedKafka kafka, org.apache.kafka.common.serialization.Serde<V> serde, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + topic);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(p, Serdes.String().deserializer(), serde.deserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static <V> void pollUntil(KafkaConsumer<String, V> consumer, List<V> into, BooleanSupplier done) {
    long deadline = System.nanoTime() + EmbeddedKafka.timeout().toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
        into.add(r.value());
      }
    }
  }

  private static <V> void pollFor(KafkaConsumer<String, V> consumer, List<V> into, Duration d) {
    long deadline = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
        into.add(r.value());
      }
    }
  }
}
