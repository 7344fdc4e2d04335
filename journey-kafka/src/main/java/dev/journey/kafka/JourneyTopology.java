package dev.journey.kafka;

import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.rollout.DeploymentEvaluator;
import dev.journey.kafka.internal.StoreNames;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A journey on Kafka Streams: the same {@link JourneyDefinition} (model, rules, stages) the
 * in-memory or JDBC engine runs, partitioned by subject.
 *
 * <p>The topology reads the signals topic (keys: canonical subjects, values: {@linkplain
 * JourneySerdes#signal() signal JSON}); per partition a processor runs the engine ({@code
 * JourneyEngine}: deduplication, evaluation, stages, transition check, reduction) against a store
 * on changelogged state stores (snapshots, inbox with retention, timer index, shared state,
 * quarantine). A commit forwards one record per action to the actions topic (keyed by subject,
 * the action's deterministic id inside and in the {@value #ACTION_ID_HEADER} header) and the
 * audit record to the audit topic. With {@code processing.guarantee=exactly_once_v2} (what
 * {@link #streamsConfig} sets) the state change, the actions and the audit commit together.
 *
 * <p>Bad input never stops the stream thread: a record without a key, with a key other than the
 * signal's subject, whose value is not a signal, that the engine refuses or whose evaluation
 * fails goes to the dead-letter topic as a {@link DeadLetterRecord} with the reason.
 *
 * <p>Timers live in the changelogged timer index; a wall-clock punctuator (every {@link
 * Builder#timerInterval}) fires the due ones as signals through the same path, so a timer survives
 * a rebalance or a crash. Late firings after downtime follow whatever misfire stage the
 * definition carries (journey-jdbc's {@code MisfireStage} works with any store).
 *
 * <pre>{@code
 * JourneyTopology journey = JourneyTopology.builder(definition)
 *     .signalsTopic("journey.signals")   // these four are the defaults
 *     .actionsTopic("journey.actions")
 *     .auditTopic("journey.audit")
 *     .deadLetterTopic("journey.dead-letters")
 *     .build();
 * KafkaStreams streams = new KafkaStreams(journey.topology(),
 *     JourneyTopology.streamsConfig("lead-handoff", "broker:9092"));
 * streams.start();
 * }</pre>
 *
 * <p>Immutable; {@link #topology()} builds a new topology each call.
 */
public final class JourneyTopology {
  /** Default signals topic. */
  public static final String DEFAULT_SIGNALS_TOPIC = "journey.signals";
  /** Default actions topic. */
  public static final String DEFAULT_ACTIONS_TOPIC = "journey.actions";
  /** Default audit topic. */
  public static final String DEFAULT_AUDIT_TOPIC = "journey.audit";
  /** Default dead-letter topic. */
  public static final String DEFAULT_DEAD_LETTER_TOPIC = "journey.dead-letters";
  /** Default deployments topic (compacted, keyed by journey; see {@link Builder#deployments}). */
  public static final String DEFAULT_DEPLOYMENTS_TOPIC = "journey.deployments";
  /** Default deployment-requests topic (keyed by journey; see {@link KafkaDeploymentStore}). */
  public static final String DEFAULT_DEPLOYMENT_REQUESTS_TOPIC = "journey.deployment-requests";
  /** The global store holding the deployments table on every instance. */
  public static final String DEPLOYMENTS_STORE = "journey-deployments";
  /** The store of the accepted deployment per journey, kept by the request processor. */
  public static final String DEPLOYMENT_REVISIONS_STORE = "journey-deployment-revisions";
  /** Default timer punctuation interval: 1 second of wall-clock time. */
  public static final Duration DEFAULT_TIMER_INTERVAL = Duration.ofSeconds(1);
  /** Default bound on timers fired per punctuation and partition: 1000. */
  public static final int DEFAULT_TIMERS_PER_PUNCTUATION = 1000;
  /** Default time processed signal ids are kept: 7 days. */
  public static final Duration DEFAULT_INBOX_RETENTION = Duration.ofDays(7);
  /** Default interval between inbox purges: 10 minutes of wall-clock time. */
  public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(10);
  /** The header carrying the action id on the actions topic. */
  public static final String ACTION_ID_HEADER = "journey.action.id";
  /**
   * The header that makes a signals-topic record an erasure request (a privacy deletion): keyed by
   * the canonical subject, any value (none is fine); the partition erases the subject's snapshot,
   * processed signal ids, pending timers and quarantined inputs from its stores, each deletion a
   * changelog tombstone. It applies in the subject's order: signals before it are decided first,
   * a signal after it starts a new journey.
   */
  public static final String ERASE_HEADER = "journey.erase";
  /** The header carrying the dead-letter kind on the dead-letter topic. */
  public static final String DEAD_LETTER_KIND_HEADER = "journey.dead-letter.kind";
  /** The metrics group of the journey sensors: {@code stream-journey-metrics}. */
  public static final String METRICS_SCOPE = "journey";

  static final String SOURCE = "journey-signals";
  static final String PROCESSOR = "journey-engine";
  static final String ACTIONS = "journey-actions";
  static final String AUDIT = "journey-audit";
  static final String DEAD_LETTERS = "journey-dead-letters";
  static final String DEPLOYMENT_REQUESTS = "journey-deployment-requests";
  static final String DEPLOYMENT_REQUEST_PROCESSOR = "journey-deployment-request-check";
  static final String DEPLOYMENTS_SINK = "journey-deployments-out";
  static final String DEPLOYMENT_DEAD_LETTERS = "journey-deployment-dead-letters";
  static final String DEPLOYMENTS_SOURCE = "journey-deployments-in";
  static final String DEPLOYMENTS_TABLE = "journey-deployments-table";

  private final Builder b;

  private JourneyTopology(Builder b) {
    this.b = b.copy();
  }

  /** Starts a builder for a journey definition. */
  public static Builder builder(JourneyDefinition definition) {
    return new Builder(definition);
  }

  /**
   * The standard configuration for a journey application: {@code application.id}, {@code
   * bootstrap.servers} and {@code processing.guarantee=exactly_once_v2}. Add or override any
   * other {@link StreamsConfig} entry on the returned properties.
   *
   * @throws IllegalArgumentException when an argument is blank
   */
  public static Properties streamsConfig(String applicationId, String bootstrapServers) {
    if (applicationId == null || applicationId.isBlank()) {
      throw new IllegalArgumentException("applicationId must not be blank");
    }
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return props;
  }

  /** The signals topic. */
  public String signalsTopic() {
    return b.signalsTopic;
  }

  /** The actions topic. */
  public String actionsTopic() {
    return b.actionsTopic;
  }

  /** The audit topic. */
  public String auditTopic() {
    return b.auditTopic;
  }

  /** The dead-letter topic. */
  public String deadLetterTopic() {
    return b.deadLetterTopic;
  }

  /** The deployments topic, when the topology reads deployments. */
  public Optional<String> deploymentsTopic() {
    return b.versions == null ? Optional.empty() : Optional.of(b.deploymentsTopic);
  }

  /** The deployment-requests topic, when the topology reads deployments. */
  public Optional<String> deploymentRequestsTopic() {
    return b.versions == null ? Optional.empty() : Optional.of(b.deploymentRequestsTopic);
  }

  /** The names of the state stores (each has a changelog topic {@code <application.id>-<name>-changelog}). */
  public static List<String> storeNames() {
    return StoreNames.ALL;
  }

  /**
   * A new journey processor of this topology, outside a topology (for a processor-level harness
   * on a mock context, which must hold the stores of {@link StoreNames#ALL}).
   */
  JourneyProcessor processor() {
    return new JourneyProcessor(b.copy().settings());
  }

  /** A new topology: source, journey processor with its state stores, and the three sinks. */
  public Topology topology() {
    Builder config = b.copy();
    Topology topology = new Topology();
    topology.addSource(
        SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), b.signalsTopic);
    topology.addProcessor(PROCESSOR, () -> new JourneyProcessor(config.settings()), SOURCE);
    for (String name : StoreNames.ALL) {
      KeyValueBytesStoreSupplier supplier =
          b.layout.inMemory(name)
              ? Stores.inMemoryKeyValueStore(name)
              : Stores.persistentKeyValueStore(name);
      StoreBuilder<KeyValueStore<String, byte[]>> store =
          Stores.keyValueStoreBuilder(supplier, Serdes.String(), Serdes.ByteArray());
      // The record cache only pays where a key is written again before the commit flushes it
      // (a subject's snapshot, shared state); inbox ids, their expiry entries and timer keys are
      // new keys each time, so there it only added a sorted map in front of RocksDB (the
      // profile: 17 % of the stream thread in state-store puts, mostly that map).
      boolean cached = StoreNames.CACHED.contains(name) && (b.snapshotCache || !name.equals(StoreNames.SNAPSHOTS));
      topology.addStateStore(cached ? store.withCachingEnabled() : store.withCachingDisabled(), PROCESSOR);
    }
    topology.addSink(
        ACTIONS, b.actionsTopic, Serdes.String().serializer(), JourneySerdes.action().serializer(), PROCESSOR);
    topology.addSink(
        AUDIT,
        b.auditTopic,
        Serdes.String().serializer(),
        JourneySerdes.anyJson().serializer(),
        PROCESSOR);
    topology.addSink(
        DEAD_LETTERS,
        b.deadLetterTopic,
        Serdes.String().serializer(),
        JourneySerdes.deadLetter().serializer(),
        PROCESSOR);
    if (b.versions != null) {
      addDeployments(topology);
    }
    return topology;
  }

  /**
   * The deployments part: requests checked by revision in their own sub-topology (keyed by
   * journey), accepted ones on the compacted deployments topic, which every instance reads into
   * its global table.
   */
  private void addDeployments(Topology topology) {
    topology.addSource(DEPLOYMENT_REQUESTS, Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(), b.deploymentRequestsTopic);
    Optional<Clock> requestClock = Optional.ofNullable(b.clock);
    topology.addProcessor(DEPLOYMENT_REQUEST_PROCESSOR,
        () -> new DeploymentRequestProcessor(requestClock), DEPLOYMENT_REQUESTS);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            b.layout == StoreLayout.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(DEPLOYMENT_REVISIONS_STORE)
                : Stores.persistentKeyValueStore(DEPLOYMENT_REVISIONS_STORE),
            Serdes.String(), Serdes.String()),
        DEPLOYMENT_REQUEST_PROCESSOR);
    topology.addSink(DEPLOYMENTS_SINK, b.deploymentsTopic, Serdes.String().serializer(),
        Serdes.String().serializer(), DEPLOYMENT_REQUEST_PROCESSOR);
    topology.addSink(DEPLOYMENT_DEAD_LETTERS, b.deadLetterTopic, Serdes.String().serializer(),
        JourneySerdes.deadLetter().serializer(), DEPLOYMENT_REQUEST_PROCESSOR);
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(
                b.layout == StoreLayout.IN_MEMORY
                    ? Stores.inMemoryKeyValueStore(DEPLOYMENTS_STORE)
                    : Stores.persistentKeyValueStore(DEPLOYMENTS_STORE),
                Serdes.String(), Serdes.String())
            .withLoggingDisabled(),
        DEPLOYMENTS_SOURCE, Serdes.String().deserializer(), Serdes.String().deserializer(),
        b.deploymentsTopic, DEPLOYMENTS_TABLE, DeploymentTableProcessor::new);
  }

  /** What a processor needs, fixed at build time. */
  record Settings(
      JourneyDefinition definition,
      Optional<Clock> clock,
      Duration timerInterval,
      int timersPerPunctuation,
      Duration inboxRetention,
      Duration purgeInterval,
      boolean compactAudit,
      boolean inboxInSnapshots,
      boolean auditRecords,
      List<JourneyListener> listeners,
      Optional<Consumer<DeploymentEvaluator.Builder>> versions) {}

  /**
   * Configures a {@link JourneyTopology}. Setters validate immediately. Not thread-safe; the
   * built topology is independent of the builder.
   */
  public static final class Builder {
    private final JourneyDefinition definition;
    private String signalsTopic = DEFAULT_SIGNALS_TOPIC;
    private String actionsTopic = DEFAULT_ACTIONS_TOPIC;
    private String auditTopic = DEFAULT_AUDIT_TOPIC;
    private String deadLetterTopic = DEFAULT_DEAD_LETTER_TOPIC;
    private Clock clock;
    private Duration timerInterval = DEFAULT_TIMER_INTERVAL;
    private int timersPerPunctuation = DEFAULT_TIMERS_PER_PUNCTUATION;
    private Duration inboxRetention = DEFAULT_INBOX_RETENTION;
    private Duration purgeInterval = DEFAULT_PURGE_INTERVAL;
    private StoreLayout layout = StoreLayout.ROCKSDB;
    private boolean snapshotCache = true;
    private boolean compactAudit;
    private boolean inboxInSnapshots;
    private boolean auditRecords = true;
    private final List<JourneyListener> listeners = new ArrayList<>();
    private Consumer<DeploymentEvaluator.Builder> versions;
    private String deploymentsTopic = DEFAULT_DEPLOYMENTS_TOPIC;
    private String deploymentRequestsTopic = DEFAULT_DEPLOYMENT_REQUESTS_TOPIC;

    Builder(JourneyDefinition definition) {
      this.definition = Objects.requireNonNull(definition, "definition");
    }

    private Builder copy() {
      Builder c = new Builder(definition);
      c.signalsTopic = signalsTopic;
      c.actionsTopic = actionsTopic;
      c.auditTopic = auditTopic;
      c.deadLetterTopic = deadLetterTopic;
      c.clock = clock;
      c.timerInterval = timerInterval;
      c.timersPerPunctuation = timersPerPunctuation;
      c.inboxRetention = inboxRetention;
      c.purgeInterval = purgeInterval;
      c.layout = layout;
      c.snapshotCache = snapshotCache;
      c.compactAudit = compactAudit;
      c.inboxInSnapshots = inboxInSnapshots;
      c.auditRecords = auditRecords;
      c.listeners.addAll(listeners);
      c.versions = versions;
      c.deploymentsTopic = deploymentsTopic;
      c.deploymentRequestsTopic = deploymentRequestsTopic;
      return c;
    }

    private Settings settings() {
      return new Settings(
          definition,
          Optional.ofNullable(clock),
          timerInterval,
          timersPerPunctuation,
          inboxRetention,
          purgeInterval,
          compactAudit,
          inboxInSnapshots,
          auditRecords,
          List.copyOf(listeners),
          Optional.ofNullable(versions));
    }

    /** The signals topic; default {@value JourneyTopology#DEFAULT_SIGNALS_TOPIC}. */
    public Builder signalsTopic(String topic) {
      this.signalsTopic = topic(topic, "signalsTopic");
      return this;
    }

    /** The actions topic; default {@value JourneyTopology#DEFAULT_ACTIONS_TOPIC}. */
    public Builder actionsTopic(String topic) {
      this.actionsTopic = topic(topic, "actionsTopic");
      return this;
    }

    /** The audit topic; default {@value JourneyTopology#DEFAULT_AUDIT_TOPIC}. */
    public Builder auditTopic(String topic) {
      this.auditTopic = topic(topic, "auditTopic");
      return this;
    }

    /** The dead-letter topic; default {@value JourneyTopology#DEFAULT_DEAD_LETTER_TOPIC}. */
    public Builder deadLetterTopic(String topic) {
      this.deadLetterTopic = topic(topic, "deadLetterTopic");
      return this;
    }

    /**
     * The engine's clock (what "now" is for decisions and due timers); default the stream's
     * wall clock ({@code ProcessorContext.currentSystemTimeMs()}, which {@code
     * TopologyTestDriver} lets tests advance).
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How often (wall-clock time) each partition fires its due timers; default {@link
     * #DEFAULT_TIMER_INTERVAL}.
     *
     * @throws IllegalArgumentException when below 1 ms
     */
    public Builder timerInterval(Duration interval) {
      this.timerInterval = atLeastOneMilli(interval, "timerInterval");
      return this;
    }

    /**
     * How many timers a partition fires at most per punctuation, so that a backlog after downtime
     * does not hold the stream thread past its poll interval (the rest fire at the next
     * punctuations); default {@value JourneyTopology#DEFAULT_TIMERS_PER_PUNCTUATION}.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder timersPerPunctuation(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("timersPerPunctuation must be >= 1, but was " + limit);
      }
      this.timersPerPunctuation = limit;
      return this;
    }

    /**
     * How long processed signal ids are kept for deduplication; default {@link
     * #DEFAULT_INBOX_RETENTION}. Keep at least as long as producers redeliver.
     *
     * @throws IllegalArgumentException when below 1 ms
     */
    public Builder inboxRetention(Duration retention) {
      this.inboxRetention = atLeastOneMilli(retention, "inboxRetention");
      return this;
    }

    /**
     * How often (wall-clock time) each partition deletes inbox records past their retention;
     * default {@link JourneyTopology#DEFAULT_PURGE_INTERVAL}.
     *
     * @throws IllegalArgumentException when below 1 ms
     */
    public Builder purgeInterval(Duration interval) {
      this.purgeInterval = atLeastOneMilli(interval, "purgeInterval");
      return this;
    }

    /**
     * Keeps the state stores in memory instead of RocksDB (still changelogged: state is restored
     * from the changelog after a restart, which takes longer than reopening RocksDB); default
     * RocksDB.
     */
    public Builder inMemoryStores(boolean inMemory) {
      this.layout = inMemory ? StoreLayout.IN_MEMORY : StoreLayout.ROCKSDB;
      return this;
    }

    /**
     * Where the state stores live; default {@link StoreLayout#ROCKSDB}. {@code
     * inMemoryStores(true)} is {@link StoreLayout#IN_MEMORY}; {@link
     * StoreLayout#IN_MEMORY_STATE_PERSISTENT_INBOX} keeps snapshots and timers in memory beside
     * a RocksDB inbox. The changelogs are the same in every layout, so changing it on a running
     * application id restores what the new layout does not find on disk.
     */
    public Builder storeLayout(StoreLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout");
      return this;
    }

    /**
     * Whether the snapshot store sits behind Kafka Streams' record cache; default true. With the
     * cache, a subject's snapshot is written to the store and its changelog once per commit
     * interval however many of its signals arrive within it; without, once per signal, and the
     * stream thread skips the cache's sorted map and its flush at each commit. Turn it off when a
     * subject rarely has two signals within {@code commit.interval.ms} (the processor keeps
     * recent snapshots parsed in memory either way, so reads do not need the cache).
     */
    public Builder snapshotCache(boolean cached) {
      this.snapshotCache = cached;
      return this;
    }

    /**
     * Writes {@link AuditDigest}s (the decision with the input snapshot's version and SHA-256,
     * read with {@link JourneySerdes#auditDigest()}) to the audit topic instead of full {@code
     * AuditRecord}s, which embed the subject's whole snapshot per signal; default false (full
     * records, from which {@code JourneyEngine.recompute} reproduces a decision alone). A digest
     * reproduces a decision through a replay of the subject's signals (see {@link AuditDigest}).
     */
    public Builder compactAudit(boolean compact) {
      this.compactAudit = compact;
      return this;
    }

    /**
     * Whether each decision writes a record to the audit topic; default true. Off, a signal writes
     * one record less (the audit is one per signal, the largest record with {@code
     * compactAudit(false)}) and the stream thread serializes no audit JSON, but the decisions leave
     * no trace beyond their actions and the subjects' state: nothing to replay a decision from, to
     * report on or to answer "why" with. For high-volume journeys whose decisions are not audited
     * (page views feeding a score), in their own topology. Actions, dead letters and metrics are
     * unchanged.
     */
    public Builder auditRecords(boolean write) {
      this.auditRecords = write;
      return this;
    }

    /**
     * Keeps each subject's processed signal ids in its snapshot record instead of the inbox store;
     * default false. Each signal then writes one state-store record (its subject's snapshot, with
     * the id) instead of two and, per bucket of ids, an expiry-index record: one changelog record
     * less per signal on the broker. What changes: <b>a signal id is deduplicated per subject</b>,
     * not per partition: the same id sent for two subjects is processed for each (a redelivery,
     * same id and same subject, is still a duplicate, and the same id with other content still a
     * conflict). An id past {@link #inboxRetention} leaves the snapshot at the subject's next
     * signal and is ignored from the next purge on. Every signal rewrites its subject's ids, so
     * this suits subjects with tens of signals within the retention, not thousands.
     *
     * <p>Stored format: snapshot records with ids are in format 2 (format 1 with the ids after
     * it). Ids the inbox store holds (written before the switch, or for a subject that has no
     * snapshot yet) are still read until the purge empties it, and format-2 ids are read with the
     * option off too, so it can be switched either way on a running application id without losing
     * deduplication. A version that reads only format 1 cannot read format-2 records: upgrade
     * every instance before turning the option on.
     */
    public Builder inboxInSnapshots(boolean inSnapshots) {
      this.inboxInSnapshots = inSnapshots;
      return this;
    }

    /**
     * Decides with the versions of the journey's {@linkplain
     * dev.journey.core.rollout.JourneyDeployment deployment}, read from the compacted deployments
     * topic that every instance keeps as a global table: each partition's engine evaluates with a
     * {@link DeploymentEvaluator} whose versions {@code versions} registers (its {@code version}
     * and {@code loader}; called once per task, so it must only configure). The deployment is read
     * at every record boundary (each signal, each timer punctuation), so a change applies from the
     * next record on, on every instance, without a restart; a subject keeps the version it
     * entered with, as on the other stores. Until the journey (the definition's name) has a
     * deployment, the definition's own evaluator decides. Change deployments through a {@link
     * KafkaDeploymentStore}. Off by default.
     */
    public Builder deployments(Consumer<DeploymentEvaluator.Builder> versions) {
      this.versions = Objects.requireNonNull(versions, "versions");
      return this;
    }

    /**
     * The compacted deployments topic, keyed by journey; default {@value
     * JourneyTopology#DEFAULT_DEPLOYMENTS_TOPIC}. Only the request processor writes it.
     */
    public Builder deploymentsTopic(String topic) {
      this.deploymentsTopic = topic(topic, "deploymentsTopic");
      return this;
    }

    /**
     * The topic deployment changes are requested on, keyed by journey; default {@value
     * JourneyTopology#DEFAULT_DEPLOYMENT_REQUESTS_TOPIC}.
     */
    public Builder deploymentRequestsTopic(String topic) {
      this.deploymentRequestsTopic = topic(topic, "deploymentRequestsTopic");
      return this;
    }

    /** Adds a listener to every partition's engine. */
    public Builder listener(JourneyListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the topology.
     *
     * @throws IllegalArgumentException when two topics have the same name
     */
    public JourneyTopology build() {
      List<String> topics = versions == null
          ? List.of(signalsTopic, actionsTopic, auditTopic, deadLetterTopic)
          : List.of(signalsTopic, actionsTopic, auditTopic, deadLetterTopic, deploymentsTopic,
              deploymentRequestsTopic);
      if (topics.stream().distinct().count() != topics.size()) {
        throw new IllegalArgumentException(
            "the signals, actions, audit and dead-letter "
                + (versions == null ? "" : "and deployment ")
                + "topics must differ, but were " + topics);
      }
      return new JourneyTopology(this);
    }

    static String topic(String topic, String name) {
      Objects.requireNonNull(topic, name);
      if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
        throw new IllegalArgumentException(
            name + " must be 1 to 249 of [a-zA-Z0-9._-] (a Kafka topic name), but was '" + topic + "'");
      }
      return topic;
    }

    static Duration atLeastOneMilli(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.toMillis() < 1) {
        throw new IllegalArgumentException(name + " must be >= 1 ms, but was " + d);
      }
      return d;
    }
  }
}
