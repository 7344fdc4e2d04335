package dev.journey.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.kafka.internal.BinaryState;
import dev.journey.kafka.internal.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

final class ErasureTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef ERASED = SubjectRef.contact("1001");
  private static final SubjectRef KEPT = SubjectRef.contact("1002");

  private static DrivenTopology driven() {
    return new DrivenTopology(
        JourneyTopology.builder(TestJourneys.definition()).timerInterval(Duration.ofSeconds(1)),
        T0,
        false);
  }

  private static void erase(DrivenTopology kafka, String key, Instant at) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(JourneyTopology.ERASE_HEADER, new byte[0]);
    kafka.signals.pipeInput(new TestRecord<>(key, null, headers, at));
  }

  private static List<String> keys(DrivenTopology kafka, String store) {
    KeyValueStore<String, byte[]> kv = kafka.driver.getKeyValueStore(store);
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = kv.all()) {
      it.forEachRemaining(e -> keys.add(e.key));
    }
    return keys;
  }

  /** The signal ids in the inbox-expiry buckets. */
  private static List<String> expiringIds(DrivenTopology kafka) {
    KeyValueStore<String, byte[]> kv = kafka.driver.getKeyValueStore(StoreNames.INBOX_EXPIRY);
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = kv.all()) {
      it.forEachRemaining(
          e -> BinaryState.readExpiries(e.value).forEach(x -> ids.add(x.signalId())));
    }
    return ids;
  }

  private static void receive(DrivenTopology kafka, SubjectRef subject) {
    kafka.pipe(subject.toString(), TestJourneys.json(TestJourneys.demo("form-" + subject.id(), subject, T0)), T0);
    kafka.pipe(
        subject.toString(),
        TestJourneys.json(
            TestJourneys.signal("view-" + subject.id(), subject, SignalTypes.PRICING_PAGE_VIEWED, T0)),
        T0);
  }

  @Test
  void should_remove_the_subjects_snapshot_inbox_and_timers_and_tombstone_the_changelogs_when_erased() {
    try (DrivenTopology kafka = driven()) {
      // given: two subjects, each with a snapshot, two processed ids and a pending SLA timer
      receive(kafka, ERASED);
      receive(kafka, KEPT);
      TestOutputTopic<String, String> snapshotChangelog =
          kafka.driver.createOutputTopic(
              "journey-test-" + StoreNames.SNAPSHOTS + "-changelog",
              Serdes.String().deserializer(),
              Serdes.String().deserializer());
      snapshotChangelog.readKeyValuesToList(); // what the decisions wrote
      // when
      erase(kafka, ERASED.toString(), T0.plusSeconds(1));
      // then: nothing of the erased subject is left in the stores
      assertThat(kafka.store.load(ERASED)).isEmpty();
      assertThat(keys(kafka, StoreNames.INBOX)).containsExactlyInAnyOrder("form-1002", "view-1002");
      assertThat(expiringIds(kafka)).containsExactlyInAnyOrder("form-1002", "view-1002");
      assertThat(keys(kafka, StoreNames.TIMER_IDS)).singleElement().asString().startsWith("contact:1002");
      assertThat(keys(kafka, StoreNames.TIMERS)).hasSize(1);
      assertThat(kafka.store.load(KEPT)).isPresent();
      // and the snapshot changelog carries a tombstone for it (compaction removes the data)
      assertThat(snapshotChangelog.readKeyValuesToList())
          .containsExactly(KeyValue.pair(ERASED.toString(), null));
      // and its timer never fires, while the other subject's does
      kafka.driver.advanceWallClockTime(TestJourneys.SLA_AFTER.plusMinutes(1));
      List<AuditRecord> records = kafka.records();
      assertThat(records)
          .filteredOn(r -> r.signal().type().equals(SignalTypes.TIMER_FIRED))
          .singleElement()
          .satisfies(r -> assertThat(r.signal().subject()).isEqualTo(KEPT));
      assertThat(kafka.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void should_start_a_new_journey_when_a_signal_of_an_erased_subject_arrives_again() {
    try (DrivenTopology kafka = driven()) {
      // given
      receive(kafka, ERASED);
      erase(kafka, ERASED.toString(), T0.plusSeconds(1));
      int before = kafka.records().size();
      // when: the same demo request again (its id is no longer remembered)
      kafka.pipe(
          ERASED.toString(), TestJourneys.json(TestJourneys.demo("form-1001", ERASED, T0)), T0);
      // then
      List<AuditRecord> records = kafka.records();
      assertThat(records).hasSize(before + 1);
      assertThat(records.get(before).before().version()).isZero();
      assertThat(kafka.store.load(ERASED)).hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(1));
    }
  }

  @Test
  void should_dead_letter_an_erasure_request_whose_key_is_not_a_subject_and_erase_nothing() {
    try (DrivenTopology kafka = driven()) {
      // given
      receive(kafka, ERASED);
      // when
      erase(kafka, "1001", T0.plusSeconds(1));
      // then
      assertThat(kafka.deadLetters.readValuesToList())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.kind()).isEqualTo(DeadLetterRecord.Kind.WRONG_KEY);
                assertThat(d.reason())
                    .startsWith("an erasure request (header journey.erase) must be keyed by the canonical subject")
                    .contains("'1001'");
              });
      assertThat(kafka.store.load(ERASED)).isPresent();
      assertThat(keys(kafka, StoreNames.INBOX)).hasSize(2);
    }
  }
}
