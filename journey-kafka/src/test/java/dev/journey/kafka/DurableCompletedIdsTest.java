package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.spi.ExecutionResult;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * The relay's completed-id set across a restart, on Kafka's mock clients: the completed-ids topic
 * a dead relay wrote is what its successor reads before it polls, so the uncommitted rest of a
 * batch is not executed twice.
 */
final class DurableCompletedIdsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String COMPLETED = "journey.actions-completed";
  private static final TopicPartition ACTIONS = new TopicPartition(JourneyTopology.DEFAULT_ACTIONS_TOPIC, 0);
  private static final TopicPartition DONE = new TopicPartition(COMPLETED, 0);

  /** Four actions: two subjects' demo requests (assign owner, create task each). */
  private static List<Action> actions() {
    List<Action> all = new ArrayList<>();
    for (String id : List.of("1001", "1002")) {
      SubjectRef lead = SubjectRef.contact(id);
      all.addAll(TestJourneys.rules()
          .evaluate(JourneySnapshot.initial(lead, JourneyModel.leadHandoff().initialState(), T0),
              TestJourneys.demo("form-" + id, lead, T0), T0)
          .actions());
    }
    return all;
  }

  private static Properties config() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "relay");
    return p;
  }

  /** The actions topic, none of it committed: what a relay is handed after its predecessor died. */
  private static MockConsumer<String, Action> actionsConsumer(List<Action> records) {
    return actionsConsumer(new MockConsumer<>("earliest"), records);
  }

  private static MockConsumer<String, Action> actionsConsumer(
      MockConsumer<String, Action> consumer, List<Action> records) {
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(ACTIONS));
      consumer.updateBeginningOffsets(Map.of(ACTIONS, 0L));
      long offset = 0;
      for (Action a : records) {
        consumer.addRecord(new ConsumerRecord<>(ACTIONS.topic(), 0, offset++, a.subject().toString(), a));
      }
    });
    return consumer;
  }

  /** The completed-ids topic holding what {@code written} was sent. */
  private static MockConsumer<String, String> completedReader(List<ProducerRecord<String, String>> written) {
    MockConsumer<String, String> reader = new MockConsumer<>("earliest");
    reader.updatePartitions(COMPLETED, List.of(new PartitionInfo(COMPLETED, 0, Node.noNode(), new Node[0], new Node[0])));
    reader.updateBeginningOffsets(Map.of(DONE, 0L));
    reader.updateEndOffsets(Map.of(DONE, (long) written.size()));
    reader.schedulePollTask(() -> {
      long offset = 0;
      for (ProducerRecord<String, String> r : written) {
        reader.addRecord(new ConsumerRecord<>(COMPLETED, 0, offset++, r.key(), r.value()));
      }
    });
    return reader;
  }

  private static MockProducer<String, String> producer() {
    return new MockProducer<>(true, null, Serdes.String().serializer(), Serdes.String().serializer());
  }

  @Test
  void should_skip_what_a_dead_relay_completed_when_a_new_relay_is_handed_its_uncommitted_batch() {
    // given a relay that dies executing the third action of an uncommitted batch
    List<Action> actions = actions();
    MockProducer<String, String> firstWrites = producer();
    MockConsumer<String, Action> firstActions = actionsConsumer(actions);
    List<String> executed = new ArrayList<>();
    ActionTopicRelay first = ActionTopicRelay.builder(config(), (action, attempt) -> {
          if (action.id().equals(actions.get(2).id())) {
            throw new OutOfMemoryError("the relay dies here");
          }
          executed.add(action.id());
          return ExecutionResult.done();
        })
        .completedTopic(COMPLETED, config())
        .build(firstActions, firstWrites, completedReader(List.of()));
    assertThatThrownBy(() -> first.pollOnce(Duration.ZERO)).isInstanceOf(OutOfMemoryError.class);
    assertThat(firstActions.committed(java.util.Set.of(ACTIONS))).isEmpty();
    // when a new relay starts on what the first one wrote, and is handed the whole batch again
    List<String> executedAfter = new ArrayList<>();
    ActionTopicRelay second = ActionTopicRelay.builder(config(), (action, attempt) -> {
          executedAfter.add(action.id());
          return ExecutionResult.done();
        })
        .completedTopic(COMPLETED, config())
        .build(actionsConsumer(actions), producer(), completedReader(firstWrites.history()));
    int handed = second.pollOnce(Duration.ZERO);
    // then it executes only what the first did not complete
    assertThat(executed).containsExactly(actions.get(0).id(), actions.get(1).id());
    assertThat(firstWrites.history()).extracting(ProducerRecord::key).containsExactlyElementsOf(executed);
    assertThat(firstWrites.history()).extracting(ProducerRecord::value)
        .containsExactly("journey.actions-0@0", "journey.actions-0@1");
    assertThat(second.completedIdsLoaded()).isEqualTo(2);
    assertThat(handed).isEqualTo(2);
    assertThat(executedAfter).containsExactly(actions.get(2).id(), actions.get(3).id());
    assertThat(second.duplicatesSkipped()).isEqualTo(2);
  }

  @Test
  void should_flush_the_completed_ids_before_it_commits_the_batch() {
    // given a producer that completes sends only when flushed
    List<Action> actions = actions();
    MockProducer<String, String> writes =
        new MockProducer<>(false, null, Serdes.String().serializer(), Serdes.String().serializer());
    List<Boolean> flushedAtCommit = new ArrayList<>();
    MockConsumer<String, Action> consumer = actionsConsumer(new MockConsumer<>("earliest") {
      @Override
      public synchronized void commitSync() {
        flushedAtCommit.add(writes.flushed() && writes.completeNext() == false);
        super.commitSync();
      }
    }, actions);
    ActionTopicRelay relay = ActionTopicRelay.builder(config(), (action, attempt) -> ExecutionResult.done())
        .completedTopic(COMPLETED, config())
        .build(consumer, writes, completedReader(List.of()));
    // when
    relay.pollOnce(Duration.ZERO);
    // then: at the commit, every send was flushed (nothing left to complete)
    assertThat(writes.history()).hasSize(4);
    assertThat(flushedAtCommit).containsExactly(true);
    assertThat(consumer.committed(java.util.Set.of(ACTIONS)).get(ACTIONS).offset()).isEqualTo(4);
  }

  @Test
  void should_refuse_to_start_when_the_completed_ids_topic_does_not_exist() {
    // given
    MockConsumer<String, String> reader = new MockConsumer<>("earliest");
    reader.updatePartitions(COMPLETED, List.of());
    MockConsumer<String, Action> consumer = actionsConsumer(actions());
    ActionTopicRelay.Builder builder =
        ActionTopicRelay.builder(config(), (action, attempt) -> ExecutionResult.done())
            .completedTopic(COMPLETED, config())
            .loadTimeout(Duration.ofMillis(50));
    // when / then
    assertThatThrownBy(() -> builder.build(consumer, producer(), reader))
        .isInstanceOf(CompletedIdsUnavailableException.class)
        .hasMessage("cannot read the completed action ids of topic 'journey.actions-completed': the topic"
            + " has no partitions (create it, compacted, before the relay starts)");
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void should_refuse_a_completed_ids_config_without_bootstrap_servers() {
    // given
    ActionTopicRelay.Builder builder = ActionTopicRelay.builder(config(), (action, attempt) -> ExecutionResult.done());
    // when / then
    assertThatThrownBy(() -> builder.completedTopic(COMPLETED, new Properties()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientConfig must set bootstrap.servers");
    assertThatThrownBy(() -> builder.completedTopic("no spaces", config()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("completedTopic must be 1 to 249 of [a-zA-Z0-9._-] (a Kafka topic name), but was 'no spaces'");
  }
}
