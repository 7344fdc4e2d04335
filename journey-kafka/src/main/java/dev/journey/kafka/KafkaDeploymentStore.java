package dev.journey.kafka;

import dev.journey.core.rollout.DeploymentChange;
import dev.journey.core.rollout.DeploymentConflictException;
import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.jackson.DeploymentJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The {@link DeploymentStore} of a journey on Kafka Streams: deployments live on the compacted
 * deployments topic (keyed by journey, one {@link JourneyDeployment} JSON document per record),
 * which every instance of the {@link JourneyTopology} reads as a global table (the store {@value
 * JourneyTopology#DEPLOYMENTS_STORE}).
 *
 * <p><b>Writes are serialized by a revision check in the topology.</b> {@link #saveDeployment}
 * does not write the deployments topic: it sends the change to the deployment-requests topic
 * (keyed by journey, so one journey's changes share a partition and one task), whose processor
 * accepts a change only if its revision is the stored revision + 1 and forwards it to the
 * deployments topic, in the same transaction as its own changelogged copy; a change based on a
 * stale revision, or one that is not a deployment, goes to the dead-letter topic. The writer
 * then waits until the global table it reads reaches the change's revision: its own change
 * there means it won, another one means it lost ({@link DeploymentConflictException}). So
 * compare-and-set holds across instances and writers, and only accepted changes, in revision
 * order, ever reach the compacted topic.
 *
 * <p>{@link #pinnedCounts} is not offered: pinned subjects live in the snapshot stores of all
 * partitions, spread over the instances; count them from the audit topic's {@code
 * deploy.version} annotations.
 *
 * <p>Thread-safe if the table view is (Kafka Streams' queryable stores are).
 *
 * <pre>{@code
 * KafkaDeploymentStore deployments = KafkaDeploymentStore.of(streams, producer);
 * Deployments api = Deployments.builder(deployments).build();
 * api.start("lead-handoff", "2", List.of(5, 25, 100), PilotScope.everyone(), "ana", "pilot");
 * }</pre>
 */
public final class KafkaDeploymentStore implements DeploymentStore {
  /** Default time a write waits for the table to show its outcome: 10 seconds. */
  public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

  private static final long WAIT_STEP_MILLIS = 5;

  private final Supplier<? extends ReadOnlyKeyValueStore<String, String>> table;
  private final Optional<Producer<String, String>> writer;
  private final String requestsTopic;
  private final Duration writeTimeout;
  /** Parsed documents by their JSON, so that a read at every record boundary parses once. */
  private final Map<String, JourneyDeployment> parsed = new ConcurrentHashMap<>();

  private KafkaDeploymentStore(Builder b) {
    this.table = b.table;
    this.writer = Optional.ofNullable(b.writer);
    this.requestsTopic = b.requestsTopic;
    this.writeTimeout = b.writeTimeout;
  }

  /**
   * Starts a builder reading the deployments table through {@code table} (called on every read,
   * so it may return a store that changes after a rebalance).
   */
  public static Builder builder(Supplier<? extends ReadOnlyKeyValueStore<String, String>> table) {
    return new Builder(table);
  }

  /**
   * A store reading the deployments table of a running {@code streams} instance and writing
   * through {@code producer} to the default requests topic {@value
   * JourneyTopology#DEFAULT_DEPLOYMENT_REQUESTS_TOPIC}.
   */
  public static KafkaDeploymentStore of(KafkaStreams streams, Producer<String, String> producer) {
    Objects.requireNonNull(streams, "streams");
    return builder(() -> streams.store(StoreQueryParameters.fromNameAndType(
            JourneyTopology.DEPLOYMENTS_STORE, QueryableStoreTypes.<String, String>keyValueStore())))
        .writer(producer, JourneyTopology.DEFAULT_DEPLOYMENT_REQUESTS_TOPIC)
        .build();
  }

  @Override
  public Optional<JourneyDeployment> deployment(String journey) {
    Objects.requireNonNull(journey, "journey");
    String json = table.get().get(journey);
    return json == null ? Optional.empty() : Optional.of(parse(json));
  }

  private JourneyDeployment parse(String json) {
    JourneyDeployment d = parsed.get(json);
    if (d == null) {
      d = DeploymentJson.read(json); // the table holds only documents the topology validated
      if (parsed.size() > 1_000) {
        parsed.clear();
      }
      parsed.put(json, d);
    }
    return d;
  }

  @Override
  public List<String> deployedJourneys() {
    List<String> journeys = new ArrayList<>();
    try (KeyValueIterator<String, String> all = table.get().all()) {
      while (all.hasNext()) {
        KeyValue<String, String> next = all.next();
        journeys.add(next.key);
      }
    }
    journeys.sort(null);
    return journeys;
  }

  /**
   * Sends {@code next} to the deployment-requests topic and waits until the deployments table
   * shows the outcome.
   *
   * @throws IllegalArgumentException when {@code next.revision()} is not {@code expectedRevision + 1}
   * @throws DeploymentConflictException when the table holds another revision before the send, or
   *     another change of {@code next}'s revision after it
   * @throws DeploymentWriteException when the send fails or the outcome does not show within the
   *     write timeout
   * @throws UnsupportedOperationException when the store was built without a writer
   */
  @Override
  public void saveDeployment(JourneyDeployment next, long expectedRevision) {
    Objects.requireNonNull(next, "next");
    DeploymentStore.requireNextRevision(next, expectedRevision);
    Producer<String, String> producer = writer.orElseThrow(() -> new UnsupportedOperationException(
        "this deployment store reads the deployments table only (as the journey processor does);"
            + " to change a deployment, build a KafkaDeploymentStore with a writer"));
    String journey = next.journey();
    long stored = deployment(journey).map(JourneyDeployment::revision).orElse(0L);
    if (stored != expectedRevision) {
      throw new DeploymentConflictException(journey, expectedRevision, stored);
    }
    long deadline = System.nanoTime() + writeTimeout.toNanos();
    try {
      producer.send(new ProducerRecord<>(requestsTopic, journey, DeploymentJson.write(next)))
          .get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeploymentWriteException(journey, next.revision(), "interrupted while sending", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new DeploymentWriteException(journey, next.revision(),
          "the send to " + requestsTopic + " failed: " + e, e);
    }
    long steps = Math.max(1, writeTimeout.toMillis() / WAIT_STEP_MILLIS);
    for (long step = 0; step <= steps; step++) {
      Optional<JourneyDeployment> now = deployment(journey);
      if (now.isPresent() && now.get().revision() >= next.revision()) {
        if (won(now.get(), next)) {
          return;
        }
        throw new DeploymentConflictException(journey, expectedRevision, now.get().revision());
      }
      if (System.nanoTime() - deadline > 0) {
        break;
      }
      try {
        Thread.sleep(WAIT_STEP_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeploymentWriteException(journey, next.revision(), "interrupted while waiting", e);
      }
    }
    throw new DeploymentWriteException(journey, next.revision(),
        "the deployments table did not reach it within " + writeTimeout
            + " (is the journey topology running?); re-read before retrying", null);
  }

  /** Whether {@code now} (at {@code next}'s revision or later) contains {@code next}'s change. */
  private static boolean won(JourneyDeployment now, JourneyDeployment next) {
    if (now.revision() == next.revision()) {
      return now.equals(next);
    }
    List<DeploymentChange> mine = next.history();
    List<DeploymentChange> theirs = now.history();
    return !mine.isEmpty() && theirs.size() >= mine.size()
        && theirs.get(mine.size() - 1).equals(mine.get(mine.size() - 1));
  }

  /**
   * Not offered on Kafka: pinned subjects live in every partition's snapshot store, spread over
   * the instances.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Map<String, Long> pinnedCounts(String journey, Set<String> ruleSetKeys) {
    throw new UnsupportedOperationException(
        "pinned counts are not offered on Kafka: the pinned subjects of '" + journey + "' live in"
            + " the snapshot stores of every partition; count them from the audit topic's"
            + " deploy.version annotations");
  }

  /** Configures a {@link KafkaDeploymentStore}. Not thread-safe. */
  public static final class Builder {
    private final Supplier<? extends ReadOnlyKeyValueStore<String, String>> table;
    private Producer<String, String> writer;
    private String requestsTopic = JourneyTopology.DEFAULT_DEPLOYMENT_REQUESTS_TOPIC;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;

    Builder(Supplier<? extends ReadOnlyKeyValueStore<String, String>> table) {
      this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * Writes changes through {@code producer} (thread-safe, as Kafka's producer is) to {@code
     * requestsTopic}, the topology's {@link JourneyTopology.Builder#deploymentRequestsTopic}.
     * Without a writer the store only reads.
     *
     * @throws IllegalArgumentException when the topic is not a Kafka topic name
     */
    public Builder writer(Producer<String, String> producer, String requestsTopic) {
      this.writer = Objects.requireNonNull(producer, "producer");
      this.requestsTopic = JourneyTopology.Builder.topic(requestsTopic, "requestsTopic");
      return this;
    }

    /**
     * How long a write waits for the table to show its outcome; default {@link
     * #DEFAULT_WRITE_TIMEOUT}.
     *
     * @throws IllegalArgumentException when below 1 ms
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = JourneyTopology.Builder.atLeastOneMilli(timeout, "writeTimeout");
      return this;
    }

    /** Builds. */
    public KafkaDeploymentStore build() {
      return new KafkaDeploymentStore(this);
    }
  }
}
