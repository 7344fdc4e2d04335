package dev.journey.kafka;

import dev.journey.core.action.Action;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.engine.RetryPolicy;
import dev.journey.core.spi.ActionExecutor;
import dev.journey.core.spi.ExecutionResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documented consumer of the actions topic: reads it with {@code isolation.level=
 * read_committed} (only actions whose decision committed), hands each action to an {@link
 * ActionExecutor} in partition order (so one subject's actions run in order), and commits the
 * consumer offsets after the batch is executed.
 *
 * <p>Effectively once: an action is redelivered only when the relay stopped between executing it
 * and committing the offset; the relay skips action ids it completed recently (a bounded
 * in-memory set), {@link Builder#commitEach} makes the committed offset a durable record after
 * every action (so at most the action in flight is redelivered), and the executor must be
 * idempotent on {@link Action#id()} across restarts, as the HubSpot executor is. With {@link
 * Builder#completedTopic} the completed ids are also written to a compacted topic and read back
 * when a relay starts, so a restarted relay skips the actions of an uncommitted batch that its
 * predecessor completed. Transient and ambiguous failures are retried with exponential backoff
 * and jitter, by the same {@link RetryPolicy} as journey-core's {@link OutboxRelay} (the relay
 * waits, holding back that partition), up to {@link Builder#maxAttempts}; a permanent
 * failure or the last failed attempt goes to the {@link FailedActionHandler} (by default logged at
 * WARN without the action's values), and the relay moves on.
 *
 * <pre>{@code
 * Properties consumer = new Properties();
 * consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
 * consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "journey-hubspot-relay");
 * try (ActionTopicRelay relay = ActionTopicRelay.builder(consumer, hubspotExecutor).build()) {
 *   while (running) {
 *     relay.pollOnce(Duration.ofSeconds(1));
 *   }
 * }
 * }</pre>
 *
 * <p>Not thread-safe (like the consumer it wraps): call it from one thread.
 */
public final class ActionTopicRelay implements AutoCloseable {
  /** Default attempts per action: 8. */
  public static final int DEFAULT_MAX_ATTEMPTS = 8;
  /** Default first backoff: 1 second. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  /** Default longest wait between attempts: 1 minute. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(1);
  /** Default number of completed action ids remembered: 100,000. */
  public static final int DEFAULT_REMEMBERED_IDS = 100_000;

  /** Default time a starting relay reads the completed-ids topic for: 30 seconds. */
  public static final Duration DEFAULT_LOAD_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(ActionTopicRelay.class);
  private static final int MAX_LOAD_POLLS = 100_000;
  private static final Duration LOAD_POLL = Duration.ofMillis(100);

  private final Consumer<String, Action> consumer;
  private final ActionExecutor executor;
  private final RetryPolicy retry;
  private final Waiter waiter;
  private final FailedActionHandler failed;
  private final Map<String, Boolean> completed;
  private final boolean commitEach;
  private final Optional<Producer<String, String>> completions;
  private final String completedTopic;
  private final int remembered;
  private long duplicatesSkipped;
  private long completedLoaded;

  private ActionTopicRelay(
      Builder b,
      Consumer<String, Action> consumer,
      Optional<Producer<String, String>> completions,
      Optional<Consumer<String, String>> completedReader) {
    this.executor = b.executor;
    this.retry = new RetryPolicy(b.maxAttempts, b.initialBackoff, b.maxBackoff, b.jitter);
    this.waiter = b.waiter;
    this.failed = b.failed;
    int remembered = b.rememberedIds;
    this.remembered = remembered;
    this.commitEach = b.commitEach;
    this.completions = completions;
    this.completedTopic = b.completedTopic;
    this.completed =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > remembered;
          }
        };
    this.consumer = consumer;
    try {
      completedReader.ifPresent(reader -> load(reader, b.loadTimeout));
    } catch (RuntimeException e) {
      completions.ifPresent(Producer::close);
      consumer.close();
      throw e;
    }
    consumer.subscribe(List.of(b.topic));
  }

  /**
   * Reads the completed-ids topic from its beginning to its end offsets as of now, remembering the
   * last {@code rememberedIds} ids, then closes the reader.
   *
   * @throws CompletedIdsUnavailableException when the topic cannot be read to its end in time
   */
  private void load(Consumer<String, String> reader, Duration timeout) {
    try (reader) {
      List<PartitionInfo> infos = reader.partitionsFor(completedTopic, timeout);
      if (infos == null || infos.isEmpty()) {
        throw new CompletedIdsUnavailableException(completedTopic, "the topic has no partitions (create it,"
            + " compacted, before the relay starts)");
      }
      List<TopicPartition> partitions = new ArrayList<>();
      infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
      reader.assign(partitions);
      reader.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = reader.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      for (int poll = 0; poll < MAX_LOAD_POLLS; poll++) {
        if (caughtUp(reader, end)) {
          LOG.debug("read {} completed action ids from {}", completedLoaded, completedTopic);
          return;
        }
        if (System.nanoTime() - deadline > 0) {
          break;
        }
        for (ConsumerRecord<String, String> r : reader.poll(LOAD_POLL)) {
          if (r.key() != null && r.value() != null) {
            completed.put(r.key(), Boolean.TRUE);
            completedLoaded++;
          } else if (r.key() != null) {
            completed.remove(r.key());
          }
        }
      }
      throw new CompletedIdsUnavailableException(completedTopic,
          "it was not read to its end offsets " + end + " within " + timeout);
    }
  }

  private static boolean caughtUp(Consumer<String, String> reader, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (reader.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static KafkaConsumer<String, Action> kafkaConsumer(Properties config) {
    Properties props = new Properties();
    props.putAll(config);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(
        props, Serdes.String().deserializer(), JourneySerdes.action().deserializer());
  }

  /**
   * Starts a builder.
   *
   * @param consumerConfig consumer configuration: at least {@code bootstrap.servers} and {@code
   *     group.id}; the relay sets {@code isolation.level=read_committed} and {@code
   *     enable.auto.commit=false} itself
   * @param executor what executes the actions
   */
  public static Builder builder(Properties consumerConfig, ActionExecutor executor) {
    return new Builder(consumerConfig, executor);
  }

  /**
   * Polls once (waiting up to {@code timeout} for records), executes what came, then commits the
   * offsets.
   *
   * @return how many actions were handed to the executor (duplicates skipped not counted)
   */
  public int pollOnce(Duration timeout) {
    ConsumerRecords<String, Action> records;
    try {
      records = consumer.poll(timeout);
    } catch (RecordDeserializationException e) {
      // not an action: nothing to execute; step over it so it blocks nothing (values not logged)
      LOG.warn(
          "skipping record {} of {}: not an action ({})",
          e.offset(),
          e.topicPartition(),
          e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
      return 0;
    }
    int executed = 0;
    for (ConsumerRecord<String, Action> record : records) {
      Action action = record.value();
      if (action == null) {
        continue;
      }
      if (completed.containsKey(action.id())) {
        duplicatesSkipped++;
        continue;
      }
      execute(action);
      completed.put(action.id(), Boolean.TRUE);
      completions.ifPresent(p -> p.send(new ProducerRecord<>(completedTopic, action.id(),
          record.topic() + "-" + record.partition() + "@" + record.offset())));
      executed++;
      if (commitEach) {
        completions.ifPresent(Producer::flush);
        consumer.commitSync(
            Map.of(
                new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1)));
      }
    }
    if (!records.isEmpty()) {
      completions.ifPresent(Producer::flush);
      consumer.commitSync();
    }
    return executed;
  }

  /** How many completed ids the relay read from the completed-ids topic when it started. */
  public long completedIdsLoaded() {
    return completedLoaded;
  }

  /** How many redelivered actions were skipped by id so far. */
  public long duplicatesSkipped() {
    return duplicatesSkipped;
  }

  private void execute(Action action) {
    int attempt = 1;
    for (int round = 0; round < 4 * retry.maxAttempts(); round++) {
      ExecutionResult result;
      try {
        result = executor.execute(action, attempt);
      } catch (RuntimeException e) {
        result = ExecutionResult.ambiguous(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      if (result instanceof ExecutionResult.Done) {
        return;
      }
      if (result instanceof ExecutionResult.Permanent permanent) {
        failed.failed(action, permanent.reason(), attempt);
        return;
      }
      Duration wait;
      if (result instanceof ExecutionResult.Deferred deferred) {
        wait = deferred.delay();
      } else {
        Optional<Duration> next = retry.nextWait(action.id(), attempt, result);
        if (next.isEmpty()) {
          failed.failed(
              action,
              "gave up after " + attempt + " attempts: " + RetryPolicy.reason(result),
              attempt);
          return;
        }
        wait = next.get();
        attempt++;
      }
      waiter.await(wait.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : wait);
    }
    failed.failed(action, "deferred too often", attempt);
  }

  /** Closes the consumer (offsets of executed batches are already committed). */
  @Override
  public void close() {
    try {
      completions.ifPresent(Producer::close);
    } finally {
      consumer.close();
    }
  }

  /** Where an action the relay gave up on goes. */
  @FunctionalInterface
  public interface FailedActionHandler {
    /**
     * Called once for an action that failed permanently or on its last attempt.
     *
     * @param action the action
     * @param reason why
     * @param attempts attempts made
     */
    void failed(Action action, String reason, int attempts);
  }

  /** How the relay waits between attempts. */
  @FunctionalInterface
  public interface Waiter {
    /** Waits for {@code duration}; the default sleeps the relay thread. */
    void await(Duration duration);
  }

  /** Configures an {@link ActionTopicRelay}. Setters validate immediately. Not thread-safe. */
  public static final class Builder {
    private final Properties consumerConfig;
    private final ActionExecutor executor;
    private String topic = JourneyTopology.DEFAULT_ACTIONS_TOPIC;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private double jitter = OutboxRelay.DEFAULT_JITTER;
    private int rememberedIds = DEFAULT_REMEMBERED_IDS;
    private boolean commitEach;
    private String completedTopic;
    private Properties completedConfig;
    private Duration loadTimeout = DEFAULT_LOAD_TIMEOUT;
    private Waiter waiter = Builder::sleep;
    private FailedActionHandler failed =
        (action, reason, attempts) ->
            LOG.warn(
                "action {} ({} of {}) failed after {} attempt(s); handed to no one",
                action.id(),
                action.kind(),
                action.subject(),
                attempts);

    Builder(Properties consumerConfig, ActionExecutor executor) {
      this.consumerConfig = new Properties();
      this.consumerConfig.putAll(Objects.requireNonNull(consumerConfig, "consumerConfig"));
      this.executor = Objects.requireNonNull(executor, "executor");
      for (String required :
          List.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConsumerConfig.GROUP_ID_CONFIG)) {
        if (!consumerConfig.containsKey(required)) {
          throw new IllegalArgumentException("consumerConfig must set " + required);
        }
      }
    }

    private static void sleep(Duration d) {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** The actions topic; default {@value JourneyTopology#DEFAULT_ACTIONS_TOPIC}. */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /**
     * Attempts per action before it is handed to the failed-action handler; default {@value
     * #DEFAULT_MAX_ATTEMPTS}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, but was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * The first backoff (doubled per failed attempt) and the longest wait.
     *
     * @throws IllegalArgumentException when negative, or initial above max
     */
    public Builder backoff(Duration initial, Duration max) {
      Objects.requireNonNull(initial, "initial");
      Objects.requireNonNull(max, "max");
      if (initial.isNegative() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "backoff must be 0 <= initial <= max, but was " + initial + " and " + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * The jitter fraction of each backoff, derived from the action id and attempt (so reproducible);
     * default {@value OutboxRelay#DEFAULT_JITTER}, as {@link OutboxRelay}'s.
     *
     * @throws IllegalArgumentException when outside [0, 1]
     */
    public Builder jitter(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("jitter must be within [0, 1], but was " + fraction);
      }
      this.jitter = fraction;
      return this;
    }

    /**
     * How many completed action ids are remembered to skip redeliveries; default {@value
     * #DEFAULT_REMEMBERED_IDS}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder rememberedIds(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("rememberedIds must be >= 1, but was " + count);
      }
      this.rememberedIds = count;
      return this;
    }

    /**
     * Commits the consumer offset after each executed action instead of after each batch; default
     * false. The committed offset (kept by Kafka in the compacted {@code __consumer_offsets}
     * topic) is then a durable record of what was completed: after a crash, a rebalance or a
     * restart, at most the one action per partition that was executing is handed out again,
     * instead of the rest of its batch. Costs a commit round trip per action.
     */
    public Builder commitEach(boolean each) {
      this.commitEach = each;
      return this;
    }

    /**
     * Keeps the completed action ids durable on {@code topic}: after executing an action the relay
     * sends its id (keyed by it, so the topic compacts to one record per id), flushes before each
     * offset commit, and a starting relay reads the topic to its end before it polls actions. So
     * after a crash, a relay that is handed the uncommitted rest of a batch again skips what was
     * completed, except the ids still in the producer's buffer at the crash (milliseconds of
     * work: {@code linger.ms}). Create the topic with {@code cleanup.policy=compact,delete} and a
     * {@code retention.ms} longer than an action can wait uncommitted (a day is plenty); the last
     * {@link #rememberedIds} ids read are kept. Off by default.
     *
     * @param topic the completed-ids topic, one per relay group
     * @param clientConfig producer and consumer configuration for it: at least {@code
     *     bootstrap.servers}; the relay sets the serializers, {@code acks=all} and idempotence
     * @throws IllegalArgumentException when the topic is not a Kafka topic name or {@code
     *     bootstrap.servers} is missing
     */
    public Builder completedTopic(String topic, Properties clientConfig) {
      String checked = JourneyTopology.Builder.topic(topic, "completedTopic");
      Objects.requireNonNull(clientConfig, "clientConfig");
      if (!clientConfig.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        throw new IllegalArgumentException("clientConfig must set " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
      }
      this.completedTopic = checked;
      this.completedConfig = new Properties();
      this.completedConfig.putAll(clientConfig);
      return this;
    }

    /**
     * How long a starting relay reads the completed-ids topic at most; default {@link
     * #DEFAULT_LOAD_TIMEOUT}.
     *
     * @throws IllegalArgumentException when below 1 ms
     */
    public Builder loadTimeout(Duration timeout) {
      this.loadTimeout = JourneyTopology.Builder.atLeastOneMilli(timeout, "loadTimeout");
      return this;
    }

    /** How the relay waits between attempts; default a sleep of the relay thread. */
    public Builder waiter(Waiter waiter) {
      this.waiter = Objects.requireNonNull(waiter, "waiter");
      return this;
    }

    /** Where actions the relay gave up on go; default a WARN log line without values. */
    public Builder onFailed(FailedActionHandler handler) {
      this.failed = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Builds the relay, reads the completed-ids topic when one is set, and subscribes its consumer.
     *
     * @throws CompletedIdsUnavailableException when the completed-ids topic cannot be read
     */
    public ActionTopicRelay build() {
      if (completedTopic == null) {
        return new ActionTopicRelay(this, kafkaConsumer(consumerConfig), Optional.empty(), Optional.empty());
      }
      Properties producer = new Properties();
      producer.putAll(completedConfig);
      producer.put(ProducerConfig.ACKS_CONFIG, "all");
      producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      Properties reader = new Properties();
      reader.putAll(completedConfig);
      reader.remove(ConsumerConfig.GROUP_ID_CONFIG); // assigned, not subscribed: no group
      reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      return new ActionTopicRelay(this, kafkaConsumer(consumerConfig),
          Optional.of(new KafkaProducer<>(producer, Serdes.String().serializer(), Serdes.String().serializer())),
          Optional.of(new KafkaConsumer<>(reader, Serdes.String().deserializer(), Serdes.String().deserializer())));
    }

    /** Builds the relay over a given consumer (tests: Kafka's {@code MockConsumer}). */
    ActionTopicRelay build(Consumer<String, Action> consumer) {
      return new ActionTopicRelay(this, Objects.requireNonNull(consumer, "consumer"), Optional.empty(),
          Optional.empty());
    }

    /**
     * Builds the relay over given clients, the completed-ids ones included (tests: Kafka's mocks);
     * {@link #completedTopic} names the topic.
     */
    ActionTopicRelay build(
        Consumer<String, Action> consumer, Producer<String, String> completions, Consumer<String, String> reader) {
      if (completedTopic == null) {
        throw new IllegalStateException("completedTopic is not set");
      }
      return new ActionTopicRelay(this, Objects.requireNonNull(consumer, "consumer"),
          Optional.of(completions), Optional.of(reader));
    }
  }
}
