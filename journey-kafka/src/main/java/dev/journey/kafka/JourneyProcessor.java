package dev.journey.kafka;

import dev.journey.core.JourneyException;
import dev.journey.core.Signal;
import dev.journey.core.SignalIdConflictException;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyListener;
import dev.journey.core.rollout.DeploymentEvaluator;
import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.rollout.DeploymentWatcher;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.decision.Decision;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.kafka.internal.CommitSink;
import dev.journey.kafka.internal.StateStoreJourneyStore;
import dev.journey.kafka.internal.StoreNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's journey: the engine on the partition's state stores. Signals come in as raw
 * bytes so that a malformed one can be dead-lettered instead of failing the stream thread.
 */
final class JourneyProcessor implements Processor<String, byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(JourneyProcessor.class);

  private final JourneyTopology.Settings settings;
  private ProcessorContext<String, Object> context;
  private JourneyEngine engine;
  private StateStoreJourneyStore store;
  private Cancellable timers;
  private Cancellable purge;
  private Sensor decided;
  private Sensor rejected;
  private Sensor duplicates;
  private Sensor timersFired;
  private Sensor deadLettered;
  private Sensor erased;
  /** The record being processed; empty during a punctuation. */
  private Optional<DeadLetterRecord.Origin> origin = Optional.empty();
  /** The deployments table, when the topology reads deployments. */
  private Optional<KafkaDeploymentStore> deployments = Optional.empty();
  /** The journey's deployment as read at the current record boundary. */
  private Optional<JourneyDeployment> atBoundary = Optional.empty();
  private DeploymentWatcher watcher;

  JourneyProcessor(JourneyTopology.Settings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    Map<String, KeyValueStore<String, byte[]>> stores = new LinkedHashMap<>();
    for (String name : StoreNames.ALL) {
      stores.put(name, context.getStateStore(name));
    }
    String task = context.taskId().toString();
    decided = sensor(task, "decided");
    rejected = sensor(task, "rejected");
    duplicates = sensor(task, "duplicates");
    timersFired = sensor(task, "timers-fired");
    deadLettered = sensor(task, "dead-lettered");
    erased = sensor(task, "erased");
    store =
        new StateStoreJourneyStore(
            stores,
            new Sink(),
            settings.inboxRetention(),
            StateStoreJourneyStore.DEFAULT_CACHED_SNAPSHOTS,
            settings.compactAudit(),
            settings.inboxInSnapshots());
    Clock clock = settings.clock().orElseGet(() -> new ContextClock(context));
    JourneyDefinition definition = settings.definition();
    if (settings.versions().isPresent()) {
      definition = definition.withEvaluator(deploymentEvaluator(definition, clock));
    }
    JourneyEngine.Builder builder =
        JourneyEngine.builder()
            .definition(definition)
            .store(store)
            .clock(clock)
            .listener(
                new JourneyListener() {
                  @Override
                  public void onDuplicate(String signalId) {
                    duplicates.record();
                  }
                });
    settings.listeners().forEach(builder::listener);
    engine = builder.build();
    timers =
        context.schedule(
            settings.timerInterval(), PunctuationType.WALL_CLOCK_TIME, at -> fireTimers());
    purge =
        context.schedule(
            settings.purgeInterval(),
            PunctuationType.WALL_CLOCK_TIME,
            at -> store.purgeExpired(engine.clock().instant()));
  }

  /**
   * The definition's evaluator until the journey has a deployment, then a deployment evaluator
   * whose watcher reads the deployment taken at the record boundary.
   */
  private JourneyEvaluator deploymentEvaluator(JourneyDefinition definition, Clock clock) {
    KafkaDeploymentStore table =
        KafkaDeploymentStore.builder(() -> context.getStateStore(JourneyTopology.DEPLOYMENTS_STORE)).build();
    deployments = Optional.of(table);
    String journey = definition.name();
    watcher = DeploymentWatcher.of(new BoundaryView(), journey, clock, Duration.ofDays(36_500));
    DeploymentEvaluator.Builder versions = DeploymentEvaluator.builder(watcher);
    settings.versions().orElseThrow().accept(versions);
    DeploymentEvaluator deployed = versions.build();
    JourneyEvaluator fallback = definition.evaluator();
    return new JourneyEvaluator() {
      @Override
      public Decision evaluate(JourneySnapshot snapshot, Signal signal, Instant now) {
        return atBoundary.isPresent()
            ? deployed.evaluate(snapshot, signal, now)
            : fallback.evaluate(snapshot, signal, now);
      }
    };
  }

  /** Reads the journey's deployment once per record: decisions of one record use one revision. */
  private void readDeployment() {
    if (deployments.isEmpty()) {
      return;
    }
    atBoundary = deployments.get().deployment(settings.definition().name());
    if (atBoundary.isPresent()) {
      watcher.refresh();
    }
  }

  /** The deployment store the watcher reads: the deployment taken at the record boundary. */
  private final class BoundaryView implements DeploymentStore {
    @Override
    public Optional<JourneyDeployment> deployment(String journey) {
      return atBoundary.filter(d -> d.journey().equals(journey));
    }

    @Override
    public List<String> deployedJourneys() {
      return atBoundary.map(d -> List.of(d.journey())).orElse(List.of());
    }

    @Override
    public void saveDeployment(JourneyDeployment next, long expectedRevision) {
      throw new UnsupportedOperationException("the journey processor does not write deployments");
    }

    @Override
    public Map<String, Long> pinnedCounts(String journey, Set<String> ruleSetKeys) {
      throw new UnsupportedOperationException("the journey processor does not count pinned subjects");
    }
  }

  private Sensor sensor(String task, String operation) {
    return context
        .metrics()
        .addRateTotalSensor(
            JourneyTopology.METRICS_SCOPE, task, operation, Sensor.RecordingLevel.INFO);
  }

  private void fireTimers() {
    origin = Optional.empty();
    readDeployment();
    engine.fireDueTimersUpTo(settings.timersPerPunctuation());
  }

  @Override
  public void process(Record<String, byte[]> record) {
    origin =
        context
            .recordMetadata()
            .map(m -> new DeadLetterRecord.Origin(m.topic(), m.partition(), m.offset()));
    Optional<String> key = Optional.ofNullable(record.key());
    if (record.headers().lastHeader(JourneyTopology.ERASE_HEADER) != null) {
      erase(key);
      return;
    }
    if (record.value() == null) {
      deadLetter(DeadLetterRecord.Kind.MALFORMED, key, "", "the record has no value: a signal is a JSON object");
      return;
    }
    // the value as text only for a dead letter (utf8): not a copy of every signal's JSON
    Signal signal;
    try {
      signal = JourneySerdes.readSignal(record.value());
    } catch (KafkaException e) {
      deadLetter(DeadLetterRecord.Kind.MALFORMED, key, utf8(record.value()), e.getMessage());
      return;
    }
    String subject = signal.subject().toString();
    if (!key.map(subject::equals).orElse(false)) {
      deadLetter(
          DeadLetterRecord.Kind.WRONG_KEY,
          key,
          utf8(record.value()),
          "the record key must be the signal's canonical subject '"
              + subject
              + "' (so that one subject stays on one partition), but was "
              + key.map(k -> "'" + k + "'").orElse("absent"));
      return;
    }
    try {
      readDeployment();
      engine.accept(signal);
    } catch (SignalIdConflictException e) {
      deadLetter(DeadLetterRecord.Kind.ID_CONFLICT, key, utf8(record.value()), e.getMessage());
    } catch (KafkaException e) {
      throw e; // a state store or producer failure: Kafka Streams' own handling applies
    } catch (JourneyException e) {
      deadLetter(DeadLetterRecord.Kind.REFUSED, key, utf8(record.value()), e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("evaluating signal {} of {} failed; dead-lettered", signal.id(), subject, e);
      deadLetter(
          DeadLetterRecord.Kind.FAILED,
          key,
          utf8(record.value()),
          "evaluation failed: " + e.getClass().getName() + ": " + e.getMessage());
    }
  }

  private static String utf8(byte[] value) {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** A privacy deletion: the record's key is the subject to erase; its value is not read. */
  private void erase(Optional<String> key) {
    SubjectRef subject;
    try {
      subject = SubjectRef.parse(key.orElse(""));
    } catch (RuntimeException e) {
      deadLetter(
          DeadLetterRecord.Kind.WRONG_KEY,
          key,
          "",
          "an erasure request (header "
              + JourneyTopology.ERASE_HEADER
              + ") must be keyed by the canonical subject to erase, such as 'contact:1001', but the key was "
              + key.map(k -> "'" + k + "'").orElse("absent")
              + ": "
              + e.getMessage());
      return;
    }
    int deleted = store.erase(subject);
    erased.record();
    LOG.debug("erased a subject from task {}: {} records", context.taskId(), deleted);
  }

  private void deadLetter(
      DeadLetterRecord.Kind kind, Optional<String> key, String value, String reason) {
    Instant at = engine.clock().instant();
    DeadLetterRecord letter = new DeadLetterRecord(kind, origin, key, value, reason, at);
    RecordHeaders headers = new RecordHeaders();
    headers.add(JourneyTopology.DEAD_LETTER_KIND_HEADER, kind.name().getBytes(StandardCharsets.UTF_8));
    context.forward(
        new Record<String, Object>(key.orElse(null), letter, at.toEpochMilli(), headers),
        JourneyTopology.DEAD_LETTERS);
    deadLettered.record();
  }

  @Override
  public void close() {
    if (timers != null) {
      timers.cancel();
    }
    if (purge != null) {
      purge.cancel();
    }
    for (Sensor s : new Sensor[] {decided, rejected, duplicates, timersFired, deadLettered, erased}) {
      if (s != null) {
        context.metrics().removeSensor(s);
      }
    }
  }

  /** Forwards what a commit lets out of the partition, inside the task's transaction. */
  private final class Sink implements CommitSink {
    @Override
    public void committed(Commit commit, String beforeSha256) {
      AuditRecord audit = commit.audit();
      long at = audit.recordedAt().toEpochMilli();
      String subject = commit.signal().subject().toString();
      for (OutboxEntry entry : commit.outbox()) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(JourneyTopology.ACTION_ID_HEADER, entry.actionId().getBytes(StandardCharsets.UTF_8));
        context.forward(
            new Record<String, Object>(subject, entry.action(), at, headers), JourneyTopology.ACTIONS);
      }
      if (settings.auditRecords()) {
        Object auditValue = settings.compactAudit() ? AuditDigest.of(audit, beforeSha256) : audit;
        context.forward(new Record<String, Object>(subject, auditValue, at), JourneyTopology.AUDIT);
      }
      if (audit.outcome() == AuditRecord.Outcome.DECIDED) {
        decided.record();
      } else {
        rejected.record();
      }
      if (commit.signal().isTimer()) {
        timersFired.record();
      }
    }

    @Override
    public void quarantined(QuarantinedInput input) {
      if (input.kind() == QuarantinedInput.Kind.ID_CONFLICT) {
        return; // dead-lettered by process() with the record itself
      }
      deadLetter(
          DeadLetterRecord.Kind.QUARANTINED,
          input.subject().map(Object::toString),
          input.content(),
          input.kind() + " " + input.id() + ": " + input.reason());
    }
  }

  /** The stream's wall clock: what Kafka Streams (or a TopologyTestDriver) says the time is. */
  private static final class ContextClock extends Clock {
    private final ProcessorContext<?, ?> context;

    ContextClock(ProcessorContext<?, ?> context) {
      this.context = context;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the stream clock is UTC");
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
  }
}
