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
import dev.journey.core.spi.InboxRecord;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.kafka.internal.BinaryState;
import dev.journey.kafka.internal.CommitSink;
import dev.journey.kafka.internal.StateStoreJourneyStore;
import dev.journey.kafka.internal.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code inboxInSnapshots(true)}: a subject's processed signal ids in its snapshot record
 * (format 2), one store write per signal, deduplication per subject, and the inbox store of
 * earlier versions still read.
 */
final class InboxInSnapshotsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(7);
  private static final SubjectRef LEAD = SubjectRef.contact("1001");
  private static final SubjectRef OTHER = SubjectRef.contact("2002");

  private static StateStoreJourneyStore store(Map<String, KeyValueStore<String, byte[]>> stores, boolean inSnapshots) {
    return new StateStoreJourneyStore(stores, CommitSink.none(), RETENTION, 100, false, inSnapshots);
  }

  @Test
  void should_keep_a_committed_id_in_its_subjects_snapshot_record_and_write_no_inbox_entry() {
    // given
    Map<String, KeyValueStore<String, byte[]>> stores = InMemoryStateStores.all();
    StateStoreJourneyStore store = store(stores, true);
    Signal signal = signal("s-1", LEAD, T0);
    // when
    CommitResult first = store.commit(commit(signal, 0, T0));
    // then the snapshot record (format 2) holds the id and its fingerprint; no inbox, no expiry
    assertThat(first).isEqualTo(CommitResult.COMMITTED);
    byte[] record = stores.get(StoreNames.SNAPSHOTS).get(LEAD.toString());
    assertThat(record[0]).isEqualTo(BinaryState.FORMAT_V2);
    assertThat(BinaryState.readSubject(record).seen())
        .containsExactly(new BinaryState.Seen("s-1", signal.fingerprint(), T0));
    assertThat(keys(stores.get(StoreNames.INBOX))).isEmpty();
    assertThat(keys(stores.get(StoreNames.INBOX_EXPIRY))).isEmpty();
    // and a redelivery is found by the lookup and refused by the commit, from the cache and from the record
    for (StateStoreJourneyStore view : List.of(store, store(stores, true))) {
      Optional<InboxRecord> found = view.lookup(LEAD, "s-1").inbox();
      assertThat(found).isPresent();
      assertThat(found.get().subject()).isEqualTo(LEAD);
      assertThat(found.get().fingerprint()).contains(signal.fingerprint());
      assertThat(found.get().receivedAt()).isEqualTo(T0);
      assertThat(view.commit(commit(signal, 1, T0.plusSeconds(1)))).isEqualTo(CommitResult.DUPLICATE);
    }
    assertThat(store.load(LEAD).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void should_process_an_id_again_for_another_subject_when_ids_are_kept_per_subject() {
    // given s-1 committed for LEAD, with ids kept in snapshots
    StateStoreJourneyStore store = store(InMemoryStateStores.all(), true);
    assertThat(store.commit(commit(signal("s-1", LEAD, T0), 0, T0))).isEqualTo(CommitResult.COMMITTED);
    // when the same id arrives for another subject of the partition
    boolean foundForOther = store.lookup(OTHER, "s-1").inbox().isPresent();
    CommitResult forOther = store.commit(commit(signal("s-1", OTHER, T0), 0, T0));
    // then it is processed for that subject (per partition, the default, it was a duplicate)
    assertThat(foundForOther).isFalse();
    assertThat(forOther).isEqualTo(CommitResult.COMMITTED);
    assertThat(store.load(OTHER).orElseThrow().version()).isEqualTo(1);
    // and the default store, on its own stores, refuses it
    StateStoreJourneyStore perPartition = store(InMemoryStateStores.all(), false);
    perPartition.commit(commit(signal("s-1", LEAD, T0), 0, T0));
    assertThat(perPartition.commit(commit(signal("s-1", OTHER, T0), 0, T0))).isEqualTo(CommitResult.DUPLICATE);
  }

  @Test
  void should_refuse_the_same_id_with_other_content_for_the_same_subject_as_a_conflict() {
    // given an engine on a store keeping ids in snapshots, and a form decided
    StateStoreJourneyStore store = store(InMemoryStateStores.all(), true);
    dev.journey.testkit.clock.VirtualClock clock = dev.journey.testkit.clock.VirtualClock.at(T0);
    dev.journey.core.engine.JourneyEngine engine =
        dev.journey.core.engine.JourneyEngine.builder().definition(TestJourneys.definition()).store(store).clock(clock).build();
    Signal original = TestJourneys.demo("form-1", LEAD, T0);
    assertThat(engine.accept(original).status()).isEqualTo(dev.journey.core.engine.SignalResult.Status.DECIDED);
    // when the id comes back for the subject: the same content, then other content
    Signal redelivered = TestJourneys.demo("form-1", LEAD, T0.plusSeconds(30));
    Signal other = TestJourneys.signal("form-1", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(40));
    // then a duplicate, then a typed conflict
    assertThat(engine.accept(redelivered).status()).isEqualTo(dev.journey.core.engine.SignalResult.Status.DUPLICATE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.accept(other))
        .isInstanceOf(dev.journey.core.SignalIdConflictException.class)
        .hasMessageContaining("its content differs");
  }

  @Test
  void should_still_refuse_ids_of_the_inbox_store_written_before_the_switch() {
    // given stores written by the default store: a format-1 snapshot and an inbox entry
    Map<String, KeyValueStore<String, byte[]>> stores = InMemoryStateStores.all();
    store(stores, false).commit(commit(signal("old-1", LEAD, T0), 0, T0));
    assertThat(stores.get(StoreNames.SNAPSHOTS).get(LEAD.toString())[0]).isEqualTo(BinaryState.FORMAT_V1);
    // when they are opened keeping ids in snapshots
    StateStoreJourneyStore store = store(stores, true);
    // then the old id is still a duplicate, and a new one goes to the (format 1 read) snapshot
    assertThat(store.lookup(LEAD, "old-1").inbox()).isPresent();
    assertThat(store.commit(commit(signal("old-1", LEAD, T0), 1, T0.plusSeconds(1)))).isEqualTo(CommitResult.DUPLICATE);
    assertThat(store.lookup(LEAD, "new-1").inbox()).isEmpty();
    assertThat(store.commit(commit(signal("new-1", LEAD, T0.plusSeconds(2)), 1, T0.plusSeconds(2))))
        .isEqualTo(CommitResult.COMMITTED);
    assertThat(keys(stores.get(StoreNames.INBOX))).containsExactly("old-1");
    assertThat(BinaryState.readSubject(stores.get(StoreNames.SNAPSHOTS).get(LEAD.toString())).seen())
        .extracting(BinaryState.Seen::signalId)
        .containsExactly("new-1");
    // and switched back, the default store still refuses both
    StateStoreJourneyStore back = store(stores, false);
    assertThat(back.lookup(LEAD, "new-1").inbox()).isPresent();
    assertThat(back.commit(commit(signal("new-1", LEAD, T0), 2, T0.plusSeconds(3)))).isEqualTo(CommitResult.DUPLICATE);
    assertThat(back.commit(commit(signal("old-1", LEAD, T0), 2, T0.plusSeconds(3)))).isEqualTo(CommitResult.DUPLICATE);
    // and a change of the snapshot there keeps the ids the record holds
    assertThat(back.commit(commit(signal("third", LEAD, T0), 2, T0.plusSeconds(4)))).isEqualTo(CommitResult.COMMITTED);
    assertThat(BinaryState.readSubject(stores.get(StoreNames.SNAPSHOTS).get(LEAD.toString())).seen())
        .extracting(BinaryState.Seen::signalId)
        .containsExactly("new-1");
  }

  @Test
  void should_skip_the_inbox_stores_read_once_a_purge_has_emptied_it() {
    // given an old inbox entry, opened keeping ids in snapshots
    Map<String, KeyValueStore<String, byte[]>> stores = InMemoryStateStores.all();
    store(stores, false).commit(commit(signal("old-1", LEAD, T0), 0, T0));
    KeyValueStore<String, byte[]> inbox = stores.get(StoreNames.INBOX);
    StateStoreJourneyStore store = store(stores, true);
    // when the purge past its retention deletes it
    Instant later = T0.plus(RETENTION).plusSeconds(10);
    assertThat(store.purgeExpired(later).inboxRecords()).isEqualTo(1);
    // then the id is processed again; and an entry put behind the store's back is no longer read
    inbox.put("ghost", BinaryState.writeInbox(LEAD.toString(), "", later));
    assertThat(store.lookup(LEAD, "ghost").inbox()).isEmpty();
    assertThat(store.commit(commit(signal("old-1", LEAD, later), 1, later))).isEqualTo(CommitResult.COMMITTED);
  }

  @Test
  void should_keep_the_id_in_the_inbox_store_when_the_subject_has_no_snapshot_to_write() {
    // given a commit that leaves a new subject without a snapshot (version 0 stays 0)
    Map<String, KeyValueStore<String, byte[]>> stores = InMemoryStateStores.all();
    StateStoreJourneyStore store = store(stores, true);
    Signal signal = signal("s-1", LEAD, T0);
    // when
    CommitResult result = store.commit(unchanged(signal, T0));
    // then the id is in the inbox store, and found there
    assertThat(result).isEqualTo(CommitResult.COMMITTED);
    assertThat(store.load(LEAD)).isEmpty();
    assertThat(keys(stores.get(StoreNames.INBOX))).containsExactly("s-1");
    assertThat(store.lookup(LEAD, "s-1").inbox()).isPresent();
    assertThat(store.commit(commit(signal, 0, T0))).isEqualTo(CommitResult.DUPLICATE);
  }

  @Test
  void should_forget_an_id_past_its_retention_at_a_purge_and_drop_it_at_the_next_commit() {
    // given s-1 kept in LEAD's snapshot
    Map<String, KeyValueStore<String, byte[]>> stores = InMemoryStateStores.all();
    StateStoreJourneyStore store = store(stores, true);
    store.commit(commit(signal("s-1", LEAD, T0), 0, T0));
    Instant justWithin = T0.plus(RETENTION);
    // when a purge at the end of its retention runs, the id is still known
    store.purgeExpired(justWithin);
    assertThat(store.lookup(LEAD, "s-1").inbox()).isPresent();
    // when a purge after it runs
    Instant past = justWithin.plusMillis(1);
    store.purgeExpired(past);
    // then the id is processed again, and the next commit writes only the ids within the retention
    assertThat(store.lookup(LEAD, "s-1").inbox()).isEmpty();
    assertThat(store.commit(commit(signal("s-2", LEAD, past), 1, past))).isEqualTo(CommitResult.COMMITTED);
    assertThat(BinaryState.readSubject(stores.get(StoreNames.SNAPSHOTS).get(LEAD.toString())).seen())
        .extracting(BinaryState.Seen::signalId)
        .containsExactly("s-2");
  }

  @Test
  void should_write_one_snapshot_changelog_record_per_signal_and_no_inbox_records_through_the_topology() {
    try (DrivenTopology kafka =
        new DrivenTopology(JourneyTopology.builder(TestJourneys.definition()).inboxInSnapshots(true), T0)) {
      // given three signals of one subject, and a redelivery of the first
      kafka.receive(TestJourneys.signal("v-1", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0));
      kafka.receive(TestJourneys.signal("v-2", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(1)));
      kafka.receive(TestJourneys.signal("v-3", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(2)));
      kafka.receive(TestJourneys.signal("v-1", LEAD, SignalTypes.PRICING_PAGE_VIEWED, T0.plusSeconds(3)));
      // then three decisions, three snapshot records, the last holding the three ids, and no inbox records
      assertThat(kafka.records()).hasSize(3);
      List<TestRecord<String, byte[]>> snapshots = changelog(kafka, "journey-snapshots");
      assertThat(snapshots).hasSize(3);
      assertThat(BinaryState.readSubject(snapshots.get(2).value()).seen())
          .extracting(BinaryState.Seen::signalId)
          .containsExactly("v-1", "v-2", "v-3");
      assertThat(changelog(kafka, "journey-inbox")).isEmpty();
      assertThat(changelog(kafka, "journey-inbox-expiry")).isEmpty();
    }
  }

  private static List<TestRecord<String, byte[]>> changelog(DrivenTopology kafka, String store) {
    return kafka.driver
        .createOutputTopic(
            "journey-test-" + store + "-changelog", Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
        .readRecordsToList();
  }

  private static List<String> keys(KeyValueStore<String, byte[]> store) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      it.forEachRemaining(e -> keys.add(e.key));
    }
    return keys;
  }

  private static Signal signal(String id, SubjectRef subject, Instant at) {
    return Signal.builder().id(id).subject(subject).type(SignalTypes.FORM_SUBMITTED).occurredAt(at).source("test").build();
  }

  /** A commit of {@code signal} at {@code at} moving its subject from {@code expected} to the next version. */
  private static Commit commit(Signal signal, long expected, Instant at) {
    JourneySnapshot before =
        JourneySnapshot.initial(signal.subject(), "NURTURE", T0).toBuilder().version(expected).build();
    JourneySnapshot after = before.toBuilder().version(expected + 1).build();
    Decision decision = Decision.noop(before, signal, at, RuleSetRef.of("test", "1"), "test");
    AuditRecord audit = new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), at);
    return new Commit(signal, expected, after, List.of(), List.of(), audit, List.of());
  }

  /** A commit of {@code signal} for a subject without a snapshot that leaves it without one. */
  private static Commit unchanged(Signal signal, Instant at) {
    JourneySnapshot none = JourneySnapshot.initial(signal.subject(), "NURTURE", T0);
    Decision decision = Decision.noop(none, signal, at, RuleSetRef.of("test", "1"), "test");
    AuditRecord audit = new AuditRecord(signal, none, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), at);
    return new Commit(signal, 0, none, List.of(), List.of(), audit, List.of());
  }
}
