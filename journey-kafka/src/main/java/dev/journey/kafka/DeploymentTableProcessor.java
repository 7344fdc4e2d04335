package dev.journey.kafka;

import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.jackson.DeploymentJson;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global deployments table: every instance applies the deployments topic in the same
 * order (also when it restores the table, which reprocesses the topic), keeping per journey the
 * document with the highest revision. The request processor writes only accepted changes in
 * revision order, so this is a safety net against records written to the topic by other means:
 * one that is not a deployment, is keyed otherwise or does not raise the revision is ignored by
 * every instance alike (with a warning naming its position, never its content).
 */
final class DeploymentTableProcessor implements Processor<String, String, Void, Void> {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentTableProcessor.class);

  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, String> table;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.table = context.getStateStore(JourneyTopology.DEPLOYMENTS_STORE);
  }

  @Override
  public void process(Record<String, String> record) {
    if (record.key() == null || record.value() == null) {
      ignore("it has no key or no value");
      return;
    }
    JourneyDeployment next;
    try {
      next = DeploymentJson.read(record.value());
    } catch (IllegalArgumentException e) {
      ignore("it is not a deployment document");
      return;
    }
    if (!next.journey().equals(record.key())) {
      ignore("its key is not its journey");
      return;
    }
    String stored = table.get(record.key());
    if (stored != null && DeploymentJson.read(stored).revision() >= next.revision()) {
      if (!stored.equals(record.value())) {
        ignore("its revision " + next.revision() + " does not raise the stored one");
      }
      return;
    }
    table.put(record.key(), record.value());
  }

  private void ignore(String why) {
    LOG.warn("ignored a record of the deployments topic at {}: {}",
        context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?"),
        why);
  }
}
