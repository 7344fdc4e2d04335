package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.SubjectRef;
import dev.journey.core.action.Action;
import dev.journey.core.engine.OutboxRelay;
import dev.journey.core.engine.RetryPolicy;
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
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

final class ActionTopicRelayTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final TopicPartition PARTITION =
      new TopicPartition(JourneyTopology.DEFAULT_ACTIONS_TOPIC, 0);

  /** The two actions the test journey decides on a demo request (assign owner, create task). */
  private static List<Action> actions() {
    SubjectRef lead = SubjectRef.contact("1001");
    return TestJourneys.rules()
        .evaluate(
            JourneySnapshot.initial(lead, JourneyModel.leadHandoff().initialState(), T0),
            TestJourneys.demo("form-1", lead, T0),
            T0)
        .actions();
  }

  private static Properties config() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "relay");
    return p;
  }

  private static MockConsumer<String, Action> consumer(List<Action> records) {
    MockConsumer<String, Action> consumer = new MockConsumer<>("earliest");
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(PARTITION));
          consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
          long offset = 0;
          for (Action a : records) {
            consumer.addRecord(
                new ConsumerRecord<>(PARTITION.topic(), 0, offset++, a.subject().toString(), a));
          }
        });
    return consumer;
  }

  @Test
  void should_execute_each_action_once_skip_a_redelivered_id_and_commit_the_batch() {
    // given
    List<Action> actions = actions();
    MockConsumer<String, Action> consumer =
        consumer(List.of(actions.get(0), actions.get(1), actions.get(0)));
    List<String> executed = new ArrayList<>();
    ActionTopicRelay relay =
        ActionTopicRelay.builder(
                config(),
                (action, attempt) -> {
                  executed.add(action.id());
                  return ExecutionResult.done();
                })
            .build(consumer);
    // when
    int handed = relay.pollOnce(Duration.ZERO);
    // then
    assertThat(handed).isEqualTo(2);
    assertThat(executed).containsExactly(actions.get(0).id(), actions.get(1).id());
    assertThat(relay.duplicatesSkipped()).isEqualTo(1);
    assertThat(consumer.committed(java.util.Set.of(PARTITION)).get(PARTITION).offset()).isEqualTo(3);
  }

  @Test
  void should_have_committed_every_completed_action_when_the_relay_dies_mid_batch_with_commit_each() {
    // given: the second action's execution kills the relay (an Error, as a crash would)
    List<Action> actions = actions();
    MockConsumer<String, Action> consumer = consumer(actions);
    ActionTopicRelay relay =
        ActionTopicRelay.builder(
                config(),
                (action, attempt) -> {
                  if (action.id().equals(actions.get(1).id())) {
                    throw new OutOfMemoryError("the relay dies here");
                  }
                  return ExecutionResult.done();
                })
            .commitEach(true)
            .build(consumer);
    // when
    assertThatThrownBy(() -> relay.pollOnce(Duration.ZERO)).isInstanceOf(OutOfMemoryError.class);
    // then: a relay taking the partition over resumes at the action that was executing
    assertThat(consumer.committed(java.util.Set.of(PARTITION)).get(PARTITION).offset()).isEqualTo(1);
  }

  @Test
  void should_commit_nothing_of_a_batch_the_relay_dies_in_without_commit_each() {
    // given
    List<Action> actions = actions();
    MockConsumer<String, Action> consumer = consumer(actions);
    ActionTopicRelay relay =
        ActionTopicRelay.builder(
                config(),
                (action, attempt) -> {
                  if (action.id().equals(actions.get(1).id())) {
                    throw new OutOfMemoryError("the relay dies here");
                  }
                  return ExecutionResult.done();
                })
            .build(consumer);
    // when
    assertThatThrownBy(() -> relay.pollOnce(Duration.ZERO)).isInstanceOf(OutOfMemoryError.class);
    // then: the whole batch, the completed first action included, would be handed out again
    assertThat(consumer.committed(java.util.Set.of(PARTITION)).get(PARTITION)).isNull();
  }

  @Test
  void should_retry_a_transient_failure_with_doubling_backoff_until_it_succeeds() {
    // given
    Action action = actions().get(0);
    List<Integer> attempts = new ArrayList<>();
    List<Duration> waits = new ArrayList<>();
    ActionTopicRelay relay =
        ActionTopicRelay.builder(
                config(),
                (a, attempt) -> {
                  attempts.add(attempt);
                  return attempt < 3
                      ? ExecutionResult.ambiguous("timeout after sending")
                      : ExecutionResult.done();
                })
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
            .jitter(0)
            .waiter(waits::add)
            .build(consumer(List.of(action)));
    // when
    relay.pollOnce(Duration.ZERO);
    // then
    assertThat(attempts).containsExactly(1, 2, 3);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void should_wait_as_the_outbox_relays_retry_policy_says_when_jittered() {
    // given
    Action action = actions().get(0);
    List<Duration> waits = new ArrayList<>();
    ActionTopicRelay relay =
        ActionTopicRelay.builder(
                config(),
                (a, attempt) ->
                    attempt < 4 ? ExecutionResult.ambiguous("timeout") : ExecutionResult.done())
            .backoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
            .waiter(waits::add)
            .build(consumer(List.of(action)));
    RetryPolicy policy =
        new RetryPolicy(
            ActionTopicRelay.DEFAULT_MAX_ATTEMPTS,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            OutboxRelay.DEFAULT_JITTER);
    // when
    relay.pollOnce(Duration.ZERO);
    // then
    assertThat(waits)
        .containsExactly(
            policy.backoff(action.id(), 1), policy.backoff(action.id(), 2), policy.backoff(action.id(), 3));
    assertThat(waits).isNotEqualTo(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)));
  }

  @Test
  void should_hand_a_permanent_failure_and_an_exhausted_action_to_the_handler_and_go_on() {
    // given
    List<Action> actions = actions();
    List<String> failed = new ArrayList<>();
    List<String> done = new ArrayList<>();
    ActionTopicRelay relay =
        ActionTopicRelay.builder(
                config(),
                (a, attempt) -> {
                  if (a.id().equals(actions.get(0).id())) {
                    return ExecutionResult.permanent("owner unknown");
                  }
                  if (attempt < 10) {
                    return ExecutionResult.retryAfter(Duration.ofMinutes(5), "503");
                  }
                  done.add(a.id());
                  return ExecutionResult.done();
                })
            .maxAttempts(3)
            .backoff(Duration.ofSeconds(1), Duration.ofMinutes(1))
            .waiter(d -> {})
            .onFailed((a, reason, n) -> failed.add(a.id() + " " + n + " " + reason))
            .build(consumer(actions));
    // when
    relay.pollOnce(Duration.ZERO);
    // then
    assertThat(failed)
        .containsExactly(
            actions.get(0).id() + " 1 owner unknown",
            actions.get(1).id() + " 3 gave up after 3 attempts: 503");
    assertThat(done).isEmpty();
  }

  @Test
  void should_refuse_a_consumer_configuration_without_a_group() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    assertThatThrownBy(() -> ActionTopicRelay.builder(p, (a, n) -> ExecutionResult.done()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("consumerConfig must set group.id");
  }
}
