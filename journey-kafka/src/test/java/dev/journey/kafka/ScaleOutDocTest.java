package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.PilotScope;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.kafka.internal.StoreNames;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** The samples of docs/scale-out.md, run. */
final class ScaleOutDocTest {

  @Test
  void should_wire_the_documented_topology_and_configuration() {
    JourneyDefinition definition = TestJourneys.definition();
    // tag::topology[]
    JourneyTopology journey =
        JourneyTopology.builder(definition)          // the same definition the JDBC engine runs
            .signalsTopic("journey.signals")         // the defaults, spelled out
            .actionsTopic("journey.actions")
            .auditTopic("journey.audit")
            .deadLetterTopic("journey.dead-letters")
            .timerInterval(Duration.ofSeconds(1))    // how often each partition fires due timers
            .inboxRetention(Duration.ofDays(7))      // how long signal ids are deduplicated
            .build();
    Properties config = JourneyTopology.streamsConfig("lead-handoff", "kafka-1:9092,kafka-2:9092");
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
    config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3);
    // KafkaStreams streams = new KafkaStreams(journey.topology(), config); streams.start();
    // end::topology[]
    TopologyDescription description = journey.topology().describe();
    assertThat(description.toString())
        .contains("journey.signals", "journey.actions", "journey.audit", "journey.dead-letters")
        .contains(JourneyTopology.storeNames().toArray(String[]::new));
    assertThat(config)
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
  }

  @Test
  void should_build_the_documented_erasure_request() {
    // tag::erase[]
    ProducerRecord<String, String> erase =
        new ProducerRecord<>("journey.signals", "contact:1001", null); // keyed by the subject
    erase.headers().add(JourneyTopology.ERASE_HEADER, new byte[0]);   // "journey.erase"
    // producer.send(erase);
    // end::erase[]
    assertThat(erase.headers().lastHeader("journey.erase")).isNotNull();
    assertThat(erase.key()).isEqualTo("contact:1001");
  }

  @Test
  void should_wire_the_documented_deployments() {
    JourneyDefinition definition = TestJourneys.definition();
    JourneyEvaluator rulesV1 = TestJourneys.rules();
    JourneyEvaluator rulesV2 = TestJourneys.rules();
    // tag::deployments[]
    JourneyTopology journey =
        JourneyTopology.builder(definition)          // decides alone until a deployment exists
            .deployments(versions -> versions        // a DeploymentEvaluator.Builder per task
                .version("1", rulesV1)
                .version("2", rulesV2))
            .deploymentsTopic("journey.deployments") // the defaults, spelled out
            .deploymentRequestsTopic("journey.deployment-requests")
            .build();
    // an operator tool, beside a running instance:
    // KafkaDeploymentStore store = KafkaDeploymentStore.of(streams, producer);
    // Deployments.builder(store).build()
    //     .start("lead-handoff", "2", List.of(5, 25, 100), PilotScope.everyone(), "ana", "pilot");
    // end::deployments[]
    assertThat(journey.topology().describe().toString())
        .contains("journey.deployments", "journey.deployment-requests", JourneyTopology.DEPLOYMENTS_STORE,
            JourneyTopology.DEPLOYMENT_REVISIONS_STORE);
    assertThat(journey.deploymentsTopic()).contains("journey.deployments");
    assertThat(journey.deploymentRequestsTopic()).contains("journey.deployment-requests");
    // DeploymentsTopicTest runs the operator side against a topology under test
    assertThat(Deployments.class).isNotNull();
    assertThat(PilotScope.everyone().coversEveryone()).isTrue();
    assertThat(List.of(5, 25, 100)).hasSize(3);
  }

  @Test
  void should_keep_snapshots_and_timers_in_memory_beside_a_rocksdb_inbox_when_the_layout_says_so() {
    JourneyDefinition definition = TestJourneys.definition();
    // tag::layout[]
    JourneyTopology journey =
        JourneyTopology.builder(definition)
            .storeLayout(StoreLayout.IN_MEMORY_STATE_PERSISTENT_INBOX) // default StoreLayout.ROCKSDB
            .build();
    // end::layout[]
    Map<String, Boolean> persistent = persistentStores(journey);
    assertThat(persistent).containsOnlyKeys(StoreNames.ALL);
    persistent.forEach((store, onDisk) -> assertThat(onDisk)
        .as(store)
        .isEqualTo(store.equals(StoreNames.INBOX) || store.equals(StoreNames.INBOX_EXPIRY)));
    assertThat(persistentStores(JourneyTopology.builder(definition).build()).values())
        .as("the default").containsOnly(true);
    assertThat(persistentStores(JourneyTopology.builder(definition).storeLayout(StoreLayout.IN_MEMORY).build())
        .values()).as("IN_MEMORY").containsOnly(false);
    assertThat(persistentStores(JourneyTopology.builder(definition).inMemoryStores(true).build()).values())
        .as("inMemoryStores(true)").containsOnly(false);
  }

  /** Whether each journey store of the topology keeps its state on disk, as a test driver builds them. */
  private static Map<String, Boolean> persistentStores(JourneyTopology journey) {
    Path dir = TempDirs.create("journey-kafka-layout-doc");
    Properties props = JourneyTopology.streamsConfig("journey-layout-doc", "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    Map<String, Boolean> persistent = new TreeMap<>();
    try (TopologyTestDriver driver = new TopologyTestDriver(journey.topology(), props)) {
      for (String name : StoreNames.ALL) {
        persistent.put(name, driver.getKeyValueStore(name).persistent());
      }
    } finally {
      TempDirs.delete(dir);
    }
    return persistent;
  }
}
