package dev.journey.kafka;

import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A producer that pipes what it sends into a {@link TopologyTestDriver}, under {@code lock} (a
 * driver is not thread-safe), then completes the send as Kafka's {@link MockProducer} does: how
 * a {@link KafkaDeploymentStore} writes to a topology under test.
 */
final class PipingProducer extends MockProducer<String, String> {
  private final Object lock;
  private final TopologyTestDriver driver;
  private final Runnable afterPipe;

  PipingProducer(Object lock, TopologyTestDriver driver, Runnable afterPipe) {
    super(true, null, Serdes.String().serializer(), Serdes.String().serializer());
    this.lock = lock;
    this.driver = driver;
    this.afterPipe = afterPipe;
  }

  @Override
  public synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record, Callback callback) {
    synchronized (lock) {
      TestInputTopic<String, String> topic = driver.createInputTopic(
          record.topic(), Serdes.String().serializer(), Serdes.String().serializer());
      topic.pipeInput(record.key(), record.value());
      afterPipe.run();
    }
    return super.send(record, callback);
  }
}
