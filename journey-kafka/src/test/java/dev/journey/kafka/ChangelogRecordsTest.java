package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.kafka.internal.CommitSink;
import dev.journey.kafka.internal.StateStoreJourneyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** What a signal writes to the changelogs, and the reads the store leaves out. */
final class ChangelogRecordsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef LEAD = SubjectRef.contact("1001");

  private static List<TestRecord<String, byte[]>> changelog(DrivenTopology kafka, String store) {
    return kafka.driver
        .createOutputTopic(
            "journey-test-" + store + "-changelog", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
        .readRecordsToList();
  }

  @Test
  void should_write_no_quarantine_tombstone_when_a_rescheduled_timer_was_never_quarantined() {
    try (DrivenTopology kafka = new DrivenTopology(JourneyTopology.builder(TestJourneys.definition()), T0)) {
      // given a subject whose first demo request started the SLA timer
      kafka.receive(TestJourneys.demo("form-1", LEAD, T0));
      // when a second demo request restarts it (the first one is cancelled)
      kafka.receive(TestJourneys.demo("form-2", LEAD, T0.plusSeconds(60)));
      // then the timer index records the cancellation, and the quarantine changelog stays empty
      assertThat(kafka.records()).hasSize(2);
      List<TestRecord<String, byte[]>> timers = changelog(kafka, "journey-timers");
      assertThat(timers).filteredOn(r -> r.value() == null).hasSize(1);
      assertThat(timers).filteredOn(r -> r.value() != null).hasSize(2);
      assertThat(changelog(kafka, "journey-quarantine")).isEmpty();
    }
  }

  @Test
  void should_report_a_second_commit_of_a_signal_as_duplicate_after_one_lookup_found_it_absent() {
    // given a store, and a signal the lookup finds absent from the inbox
    StateStoreJourneyStore store =
        new StateStoreJourneyStore(InMemoryStateStores.all(), CommitSink.none(), Duration.ofDays(7));
    Signal signal = Signal.builder().id("s-1").subject(LEAD).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0).source("test").build();
    assertThat(store.lookup(LEAD, "s-1").inbox()).isEmpty();
    // when it is committed twice (the second time without a lookup in between)
    CommitResult first = store.commit(commit(signal, 0));
    CommitResult second = store.commit(commit(signal, 1));
    // then the second is a duplicate and the subject moved once
    assertThat(first).isEqualTo(CommitResult.COMMITTED);
    assertThat(second).isEqualTo(CommitResult.DUPLICATE);
    assertThat(store.load(LEAD).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void should_report_a_duplicate_when_another_signal_committed_between_lookup_and_commit() {
    // given a lookup of s-1 (absent), then a commit of s-1 under another subject's view
    StateStoreJourneyStore store =
        new StateStoreJourneyStore(InMemoryStateStores.all(), CommitSink.none(), Duration.ofDays(7));
    SubjectRef other = SubjectRef.contact("2002");
    Signal signal = Signal.builder().id("s-1").subject(LEAD).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0).source("test").build();
    Signal sameId = Signal.builder().id("s-1").subject(other).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0).source("test").build();
    store.lookup(LEAD, "s-1");
    store.lookup(other, "s-1");
    assertThat(store.commit(commit(sameId, 0))).isEqualTo(CommitResult.COMMITTED);
    // when the first lookup's signal commits
    CommitResult result = store.commit(commit(signal, 0));
    // then the id is known: a duplicate, nothing written for LEAD
    assertThat(result).isEqualTo(CommitResult.DUPLICATE);
    assertThat(store.load(LEAD)).isEmpty();
  }

  /** A commit of {@code signal} moving its subject from {@code expected} to the next version. */
  private static Commit commit(Signal signal, long expected) {
    JourneySnapshot before =
        JourneySnapshot.initial(signal.subject(), "NURTURE", T0).toBuilder().version(expected).build();
    JourneySnapshot after = before.toBuilder().version(expected + 1).build();
    Decision decision = Decision.noop(before, signal, T0, RuleSetRef.of("test", "1"), "test");
    AuditRecord audit =
        new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), T0);
    return new Commit(signal, expected, after, List.of(), List.of(), audit, List.of());
  }
}
