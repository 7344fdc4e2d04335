package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.journey.core.spi.JourneyStore;
import dev.journey.kafka.internal.CommitSink;
import dev.journey.kafka.internal.StateStoreJourneyStore;
import dev.journey.testkit.store.JourneyStoreContract;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;

/**
 * The testkit's store contract on the Kafka Streams store (over Kafka's own key-value stores).
 * It applies except where a scenario reads the outbox, dead letters or audit back from the store
 * (on Kafka those are the actions and audit topics, so the store refuses those calls with an
 * {@link UnsupportedOperationException} naming the topic), commits from several threads at once
 * (a task's store is confined to its stream thread). The test
 * runs the whole contract and checks that everything else passes and that the rest fails only
 * for those reasons.
 */
final class StoreContractTest {
  /**
   * The contract scenarios that run commits from several threads at once: a Kafka Streams task
   * has one thread, and the store is confined to it, so they may pass or fail and are not judged.
   */
  private static final Set<String> CONCURRENT_SCENARIOS =
      Set.of(
          "should_claim_each_due_timer_once_across_concurrent_claimers",
          "should_deduplicate_concurrent_commits_of_the_same_signal",
          "should_let_exactly_one_of_concurrent_commits_of_the_same_version_win");

  /**
   * The scenarios that look a committed signal id up under another subject and expect the store
   * to find it (a reuse for another subject as a conflict, and the contract's {@code processed},
   * which asks under subject "any"): with ids kept in snapshots a signal id is deduplicated per
   * subject, so the other subject's lookup finds nothing and these fail there, by design.
   */
  private static final Set<String> CROSS_SUBJECT_SCENARIOS =
      Set.of(
          "should_record_the_signal_when_the_snapshot_is_unchanged",
          "should_store_snapshot_inbox_and_audit_in_one_commit",
          "should_keep_the_subject_and_content_fingerprint_with_the_inbox_record",
          "should_quarantine_a_reused_id_with_other_content_and_keep_what_was_accepted");

  /** The tag that keeps surefire from running the contract by itself (see the pom). */
  static final String LAUNCHED_HERE = "launched-by-store-contract-test";

  /** The contract, for the launcher; surefire excludes its tag. */
  @Tag(LAUNCHED_HERE)
  static final class KafkaStoreContract extends JourneyStoreContract {
    @Override
    protected JourneyStore newStore() {
      return new StateStoreJourneyStore(InMemoryStateStores.all(), CommitSink.none(), Duration.ofDays(7));
    }
  }

  /** The contract on a store keeping signal ids in the snapshot records. */
  @Tag(LAUNCHED_HERE)
  static final class KafkaStoreContractInSnapshots extends JourneyStoreContract {
    @Override
    protected JourneyStore newStore() {
      return new StateStoreJourneyStore(InMemoryStateStores.all(), CommitSink.none(), Duration.ofDays(7), 0, false, true);
    }
  }

  @Test
  void should_pass_the_store_contract_except_where_the_outbox_and_audit_are_topics() {
    check(KafkaStoreContract.class, Set.of());
  }

  @Test
  void should_pass_the_store_contract_the_same_way_when_signal_ids_are_kept_in_snapshots() {
    check(KafkaStoreContractInSnapshots.class, CROSS_SUBJECT_SCENARIOS);
  }

  /** Runs {@code contract}; {@code perSubject}: the scenarios that must fail by design. */
  private static void check(Class<?> contract, Set<String> perSubject) {
    // given
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract)).build();
    Launcher launcher = LauncherFactory.create();
    Map<String, Throwable> failed = new TreeMap<>();
    Set<String> passed = new TreeSet<>();
    Set<String> aborted = new TreeSet<>();
    // when
    launcher.execute(
        request,
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
              return;
            }
            String name = id.getDisplayName().replace("()", "");
            switch (result.getStatus()) {
              case SUCCESSFUL -> passed.add(name);
              case ABORTED -> aborted.add(name);
              default -> failed.put(name, result.getThrowable().orElse(new AssertionError("no cause")));
            }
          }
        });
    // then: what runs passes; the rest fails only because outbox and audit are topics here
    Map<String, Throwable> topicReads = new TreeMap<>(failed);
    topicReads.keySet().removeAll(CONCURRENT_SCENARIOS);
    assertThat(topicReads.keySet()).containsAll(perSubject);
    perSubject.forEach(name -> assertThat(topicReads.remove(name)).isInstanceOf(AssertionError.class));
    passed.removeAll(CONCURRENT_SCENARIOS);
    assertThat(passed).as("failed: %s", failed).hasSizeGreaterThanOrEqualTo(16 - perSubject.size());
    assertThat(topicReads.values())
        .allSatisfy(
            e -> {
              assertThat(e).isInstanceOf(UnsupportedOperationException.class);
              assertThat(e.getMessage()).containsAnyOf("actions topic", "audit topic");
            });
    // erasure is offered now: its scenario runs, and stops only at the dead letter it files
    // through the outbox (ErasureTest covers erasure on the topology)
    assertThat(aborted).isEmpty();
    assertThat(topicReads)
        .containsKey("should_erase_everything_about_a_subject_and_nothing_else_when_the_store_offers_erasure");
  }
}
