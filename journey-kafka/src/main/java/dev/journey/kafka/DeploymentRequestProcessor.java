package dev.journey.kafka;

import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.jackson.DeploymentJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Serializes deployment changes: a request (keyed by journey, a deployment document) is accepted
 * only if its revision is the stored revision + 1; it then goes to the compacted deployments
 * topic and into this task's changelogged copy, in one transaction. Anything else goes to the
 * dead-letter topic with the reason; a request equal to the stored deployment (a redelivery) is
 * dropped.
 */
final class DeploymentRequestProcessor implements Processor<String, byte[], String, Object> {
  private final Optional<Clock> clock;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, String> accepted;

  DeploymentRequestProcessor(Optional<Clock> clock) {
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.accepted = context.getStateStore(JourneyTopology.DEPLOYMENT_REVISIONS_STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Optional<String> key = Optional.ofNullable(record.key());
    String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    if (key.isEmpty() || key.get().isBlank()) {
      reject(DeadLetterRecord.Kind.WRONG_KEY, key, text,
          "a deployment request must be keyed by its journey's name, but the key was "
              + key.map(k -> "'" + k + "'").orElse("absent"));
      return;
    }
    if (record.value() == null) {
      reject(DeadLetterRecord.Kind.MALFORMED, key, text,
          "a deployment request has no value: it must be a deployment document (deployments are"
              + " not deleted)");
      return;
    }
    JourneyDeployment next;
    try {
      next = DeploymentJson.read(text);
    } catch (IllegalArgumentException e) {
      reject(DeadLetterRecord.Kind.MALFORMED, key, text, e.getMessage());
      return;
    }
    if (!next.journey().equals(key.get())) {
      reject(DeadLetterRecord.Kind.WRONG_KEY, key, text,
          "a deployment request must be keyed by its journey '" + next.journey()
              + "', but the key was '" + key.get() + "'");
      return;
    }
    String storedJson = accepted.get(key.get());
    Optional<JourneyDeployment> stored =
        storedJson == null ? Optional.empty() : Optional.of(DeploymentJson.read(storedJson));
    long storedRevision = stored.map(JourneyDeployment::revision).orElse(0L);
    if (stored.isPresent() && stored.get().equals(next)) {
      return; // a redelivery of the accepted change
    }
    if (next.revision() != storedRevision + 1) {
      reject(DeadLetterRecord.Kind.REFUSED, key, text,
          "deployment revision " + next.revision() + " of '" + next.journey()
              + "' does not follow the stored revision " + storedRevision
              + " (it must be " + (storedRevision + 1)
              + "): the change was based on a stale read and lost the compare-and-set");
      return;
    }
    String json = DeploymentJson.write(next);
    accepted.put(key.get(), json);
    context.forward(new Record<String, Object>(key.get(), json, now().toEpochMilli()),
        JourneyTopology.DEPLOYMENTS_SINK);
  }

  private Instant now() {
    return clock.map(Clock::instant).orElseGet(() -> Instant.ofEpochMilli(context.currentSystemTimeMs()));
  }

  private void reject(DeadLetterRecord.Kind kind, Optional<String> key, String value, String reason) {
    Optional<DeadLetterRecord.Origin> origin = context.recordMetadata()
        .map(m -> new DeadLetterRecord.Origin(m.topic(), m.partition(), m.offset()));
    Instant at = now();
    RecordHeaders headers = new RecordHeaders();
    headers.add(JourneyTopology.DEAD_LETTER_KIND_HEADER, kind.name().getBytes(StandardCharsets.UTF_8));
    context.forward(
        new Record<String, Object>(key.orElse(null),
            new DeadLetterRecord(kind, origin, key, value, reason, at), at.toEpochMilli(), headers),
        JourneyTopology.DEPLOYMENT_DEAD_LETTERS);
  }
}
