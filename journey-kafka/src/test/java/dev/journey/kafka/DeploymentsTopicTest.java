package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.rollout.DeploymentEvaluator;
import dev.journey.core.rollout.Deployments;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.rollout.PilotScope;
import dev.journey.core.rollout.RegisteredVersion;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.state.JourneyModel;
import dev.journey.jackson.DeploymentJson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deployments topic on a {@link org.apache.kafka.streams.TopologyTestDriver}: a deployment
 * change switches the version new subjects enter with from the next record on, without a
 * restart; subjects keep the version they entered with; bad requests go to the dead-letter topic
 * and change nothing.
 */
final class DeploymentsTopicTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String JOURNEY = "kafka-test";

  private final DrivenTopology topology = new DrivenTopology(
      JourneyTopology.builder(JourneyDefinition.of(JOURNEY, JourneyModel.leadHandoff(), rules("1")))
          .deployments(v -> v.version("1", rules("1")).version("2", rules("2"))),
      T0);
  private final TestInputTopic<String, String> requests = topology.driver.createInputTopic(
      JourneyTopology.DEFAULT_DEPLOYMENT_REQUESTS_TOPIC, Serdes.String().serializer(),
      Serdes.String().serializer());
  private final TestOutputTopic<String, String> deploymentsTopic = topology.driver.createOutputTopic(
      JourneyTopology.DEFAULT_DEPLOYMENTS_TOPIC, Serdes.String().deserializer(),
      Serdes.String().deserializer());
  private final KafkaDeploymentStore store = KafkaDeploymentStore.builder(
          () -> topology.driver.getKeyValueStore(JourneyTopology.DEPLOYMENTS_STORE))
      .writer(new PipingProducer(this, topology.driver, () -> {}),
          JourneyTopology.DEFAULT_DEPLOYMENT_REQUESTS_TOPIC)
      .build();
  private final Deployments api = Deployments.builder(store).clock(topology.clock).build();
  private int signals;

  @AfterEach
  void close() {
    topology.close();
  }

  private static JourneyEvaluator rules(String v) {
    return (snapshot, signal, now) ->
        Decision.builder(snapshot, signal, now, RuleSetRef.of(JOURNEY, v)).fired("v" + v).build();
  }

  private static RegisteredVersion version(String v) {
    return new RegisteredVersion(JOURNEY, v, "sha256-" + v, "rules/v" + v + ".drl", T0);
  }

  private AuditRecord decide(String subject) {
    Signal signal = new Signal("s-" + (++signals), SubjectRef.parse(subject),
        SignalTypes.FORM_SUBMITTED, topology.clock.instant(), "web", Map.of());
    int before = topology.records().size();
    topology.receive(signal);
    List<AuditRecord> records = topology.records();
    assertThat(records).hasSize(before + 1);
    return records.get(records.size() - 1);
  }

  private static String version(AuditRecord record) {
    return record.decision().ruleSet().version();
  }

  @Test
  void should_switch_new_entrants_to_a_deployed_version_without_a_restart_and_keep_pinned_subjects() {
    // given subjects that entered before any deployment (the definition's rules) and on version 1
    AuditRecord before = decide("contact:before");
    api.register(JOURNEY, version("1"), "ana", "initial");
    api.register(JOURNEY, version("2"), "ana", "faster first touch");
    AuditRecord onOne = decide("contact:one");
    // when version 2 goes live for everyone, in the same running topology
    api.start(JOURNEY, "2", List.of(100), PilotScope.everyone(), "ana", "all at once");
    AuditRecord onTwo = decide("contact:two");
    // then new subjects enter on 2 from the next record on; earlier subjects stay on 1
    assertThat(version(before)).isEqualTo("1");
    assertThat(before.decision().annotations()).doesNotContainKey(DeploymentEvaluator.REVISION);
    assertThat(version(onOne)).isEqualTo("1");
    assertThat(onOne.decision().annotations())
        .containsEntry(DeploymentEvaluator.PIN, "entry")
        .containsEntry(DeploymentEvaluator.REVISION, "2");
    assertThat(version(onTwo)).isEqualTo("2");
    assertThat(onTwo.decision().annotations()).containsEntry(DeploymentEvaluator.REVISION, "3");
    AuditRecord again = decide("contact:one");
    assertThat(version(again)).isEqualTo("1");
    assertThat(again.decision().annotations()).containsEntry(DeploymentEvaluator.PIN, "pinned");
    assertThat(version(decide("contact:before"))).isEqualTo("1");
    // and the compacted topic carries the accepted changes only, in revision order
    assertThat(deploymentsTopic.readKeyValuesToList())
        .extracting(kv -> kv.key + "@" + DeploymentJson.read(kv.value).revision())
        .containsExactly(JOURNEY + "@1", JOURNEY + "@2", JOURNEY + "@3");
  }

  @Test
  void should_dead_letter_a_malformed_deployment_request_and_keep_deciding_on_the_stored_one() {
    // given a stored deployment on version 1
    JourneyDeployment stored = api.register(JOURNEY, version("1"), "ana", "initial");
    JourneyDeployment twoLive = stored.register(version("2"), "ana", "", T0)
        .start("2", List.of(100), PilotScope.everyone(), "ana", "", T0);
    // when requests arrive that are not JSON, keyed by another journey, or on a stale revision
    requests.pipeInput(JOURNEY, "{not a deployment");
    requests.pipeInput("other-journey", DeploymentJson.write(stored.register(version("2"), "bo", "", T0)));
    requests.pipeInput(JOURNEY, DeploymentJson.write(stored));
    requests.pipeInput(JOURNEY, DeploymentJson.write(twoLive));
    // then each bad one is dead-lettered with its reason, the redelivery is dropped, and the
    // journey still decides on version 1
    List<DeadLetterRecord> letters = topology.deadLetters.readValuesToList();
    assertThat(letters).extracting(DeadLetterRecord::kind).containsExactly(
        DeadLetterRecord.Kind.MALFORMED, DeadLetterRecord.Kind.WRONG_KEY, DeadLetterRecord.Kind.REFUSED);
    assertThat(letters.get(0).reason()).startsWith("not a deployment document");
    assertThat(letters.get(0).origin().orElseThrow().topic())
        .isEqualTo(JourneyTopology.DEFAULT_DEPLOYMENT_REQUESTS_TOPIC);
    assertThat(letters.get(1).reason())
        .isEqualTo("a deployment request must be keyed by its journey 'kafka-test', but the key was 'other-journey'");
    assertThat(letters.get(2).reason()).isEqualTo(
        "deployment revision 3 of 'kafka-test' does not follow the stored revision 1 (it must be 2):"
            + " the change was based on a stale read and lost the compare-and-set");
    assertThat(store.deployment(JOURNEY)).contains(stored);
    assertThat(version(decide("contact:after"))).isEqualTo("1");
  }

  @Test
  void should_keep_the_highest_revision_when_records_reach_the_deployments_topic_by_other_means() {
    // given a stored deployment at revision 2
    api.register(JOURNEY, version("1"), "ana", "initial");
    JourneyDeployment two = api.register(JOURNEY, version("2"), "ana", "");
    TestInputTopic<String, String> direct = topology.driver.createInputTopic(
        JourneyTopology.DEFAULT_DEPLOYMENTS_TOPIC, Serdes.String().serializer(), Serdes.String().serializer());
    JourneyDeployment first = JourneyDeployment.first(JOURNEY, version("1"), "bo", "", T0);
    JourneyDeployment five = two.start("2", List.of(100), PilotScope.everyone(), "ana", "", T0)
        .pause("ana", "", T0).resume("ana", "", T0);
    // when records that are not deployments, keyed otherwise or older arrive on the topic itself
    direct.pipeInput(JOURNEY, "{not a deployment");
    direct.pipeInput("other-journey", DeploymentJson.write(five));
    direct.pipeInput(JOURNEY, DeploymentJson.write(first));
    // then every instance ignores them alike
    assertThat(store.deployment(JOURNEY)).contains(two);
    assertThat(store.deployedJourneys()).containsExactly(JOURNEY);
    // and a higher revision (after compaction only the latest record per journey is left) applies
    direct.pipeInput(JOURNEY, DeploymentJson.write(five));
    assertThat(store.deployment(JOURNEY)).contains(five);
    assertThat(version(decide("contact:late"))).isEqualTo("2");
  }

  @Test
  void should_refuse_a_deployments_topic_that_is_another_journey_topic() {
    // given
    JourneyTopology.Builder builder = JourneyTopology.builder(JourneyDefinition.of(JOURNEY,
            JourneyModel.leadHandoff(), rules("1")))
        .deployments(v -> {})
        .deploymentsTopic("journey.signals");
    // when / then
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the signals, actions, audit and dead-letter and deployment topics must differ, but"
            + " were [journey.signals, journey.actions, journey.audit, journey.dead-letters,"
            + " journey.signals, journey.deployment-requests]");
  }

  @Test
  void should_refuse_writes_and_pinned_counts_on_a_store_without_a_writer() {
    // given
    KafkaDeploymentStore readOnly = KafkaDeploymentStore.builder(
        () -> topology.driver.getKeyValueStore(JourneyTopology.DEPLOYMENTS_STORE)).build();
    JourneyDeployment first = JourneyDeployment.first(JOURNEY, version("1"), "ana", "", T0);
    // when / then
    assertThatThrownBy(() -> readOnly.saveDeployment(first, 0))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageStartingWith("this deployment store reads the deployments table only");
    assertThatThrownBy(() -> readOnly.pinnedCounts(JOURNEY, java.util.Set.of("kafka-test@1")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageStartingWith("pinned counts are not offered on Kafka");
    assertThat(readOnly.deployment(JOURNEY)).isEmpty();
  }
}
