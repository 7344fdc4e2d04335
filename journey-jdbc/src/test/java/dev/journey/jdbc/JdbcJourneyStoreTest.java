package dev.journey.jdbc;

import dev.journey.testkit.clock.VirtualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Notify;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.PurgeReport;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.jdbc.internal.Schema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the JDBC store does beyond the shared contract: schema, retention, erasure, leases. */
final class JdbcJourneyStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef ALICE = SubjectRef.contact("1");
  private static final SubjectRef BOB = SubjectRef.contact("2");

  private final JdbcPool pool = TestDatabases.freshH2("store");
  private final VirtualClock clock = VirtualClock.at(T0);

  @AfterEach
  void close() {
    pool.close();
  }

  private JdbcJourneyStore store() {
    return JdbcJourneyStore.builder(pool).clock(clock).instanceId("node-1").build();
  }

  private static Commit commit(String signalId, SubjectRef subject, long expected, Instant at, List<TimerChange> timers, List<OutboxEntry> outbox) {
    Signal signal =
        Signal.builder().id(signalId).subject(subject).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(at).source("test").build();
    JourneySnapshot before =
        JourneySnapshot.initial(subject, "NURTURE", at).toBuilder().version(expected).build();
    JourneySnapshot after = before.toBuilder().version(expected + 1).counter("n", expected + 1).build();
    Decision decision = Decision.noop(before, signal, at, RuleSetRef.of("t", "1"), "test");
    return new Commit(signal, expected, after, timers, outbox,
        new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), at), List.of());
  }

  private static OutboxEntry entry(String id, SubjectRef subject, long seq) {
    return new OutboxEntry(new Notify(id, subject, "owner", "hi"), seq, T0, 0, T0);
  }

  @Test
  void should_create_the_schema_and_record_its_version() {
    // when
    JdbcJourneyStore store = store();
    // then
    assertThat(store.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
    assertThat(store.databaseName()).isEqualTo("H2");
  }

  @Test
  void should_keep_the_data_when_the_store_is_built_again() {
    // given
    store().commit(commit("s-1", ALICE, 0, T0, List.of(), List.of()));
    // when
    JdbcJourneyStore again = store();
    // then
    assertThat(again.load(ALICE)).isPresent();
    assertThat(again.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
  }

  @Test
  void should_migrate_a_version_1_database_and_count_its_unfingerprinted_ids_as_duplicates()
      throws SQLException {
    // given a database as schema version 1 left it: no fingerprints, no quarantine, no audit signal ids
    store().commit(commit("old", ALICE, 0, T0, List.of(), List.of()));
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("ALTER TABLE journey_inbox DROP COLUMN fingerprint");
      st.executeUpdate("DROP TABLE journey_quarantine");
      st.executeUpdate("ALTER TABLE journey_audit DROP COLUMN journey");
      st.executeUpdate("DROP INDEX journey_audit_signal");
      st.executeUpdate("ALTER TABLE journey_audit DROP COLUMN signal_id");
      st.executeUpdate("DELETE FROM journey_schema_version WHERE version >= 2");
      c.commit();
    }
    // when
    JdbcJourneyStore migrated = store();
    // then
    assertThat(migrated.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
    assertThat(migrated.lookup(ALICE, "old").inbox())
        .hasValueSatisfying(r -> {
          assertThat(r.fingerprint()).isEmpty();
          assertThat(r.sameContentAs("anything")).isTrue();
        });
    assertThat(migrated.quarantined()).isEmpty();
  }

  @Test
  void should_migrate_a_version_6_database_and_archive_rule_set_sources_from_then_on() throws SQLException {
    // given a database as schema version 6 left it: no archive of rule-set sources
    store().commit(commit("old", ALICE, 0, T0, List.of(), List.of()));
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE journey_rule_set_source");
      st.executeUpdate("DELETE FROM journey_schema_version WHERE version >= 7");
      c.commit();
    }
    dev.journey.core.spi.RuleSetSources sources = new dev.journey.core.spi.RuleSetSources(
        "0123456789abcdef".repeat(4), "lead-handoff", "v1", java.util.Map.of("rules/a.drl", "rule"));
    // when
    JdbcJourneyStore migrated = store();
    boolean kept = migrated.archive(sources);
    // then
    assertThat(migrated.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
    assertThat(kept).isTrue();
    assertThat(store().archived("0123456789ab")).contains(sources); // another store on the same database
    assertThat(migrated.audit(ALICE)).hasSize(1);
  }

  @Test
  void should_migrate_a_version_2_database_and_find_new_audit_records_by_signal_id() throws SQLException {
    // given a database as schema version 2 left it: audit rows without a signal id
    store().commit(commit("old", ALICE, 0, T0, List.of(), List.of()));
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("DROP INDEX journey_audit_signal");
      st.executeUpdate("ALTER TABLE journey_audit DROP COLUMN signal_id");
      st.executeUpdate("DROP TABLE journey_alias");
      st.executeUpdate("ALTER TABLE journey_audit DROP COLUMN journey");
      st.executeUpdate("DELETE FROM journey_schema_version WHERE version >= 3");
      c.commit();
    }
    // when
    JdbcJourneyStore migrated = store();
    migrated.commit(commit("new", ALICE, 1, T0, List.of(), List.of()));
    // then
    assertThat(migrated.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
    assertThat(migrated.aliases(ALICE)).isEmpty(); // version 5: the identity graph's table
    assertThat(migrated.audit(ALICE)).hasSize(2);
    assertThat(migrated.auditOf("old")).isEmpty();
    assertThat(migrated.auditOf("new")).singleElement().satisfies(r -> assertThat(r.signal().id()).isEqualTo("new"));
  }

  @Test
  void should_refuse_a_database_with_a_newer_schema() throws SQLException {
    // given
    store();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO journey_schema_version (version, applied_at) VALUES (99, 0)");
      c.commit();
    }
    // when / then
    assertThatThrownBy(this::store)
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("schema version must be at most " + Schema.CURRENT_VERSION)
        .hasMessageContaining("but was 99");
  }

  @Test
  void should_refuse_a_document_written_by_a_newer_library() throws SQLException {
    // given
    JdbcJourneyStore store = store();
    store.commit(commit("s-1", ALICE, 0, T0, List.of(), List.of()));
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE journey_snapshot SET doc_version = 7");
      c.commit();
    }
    // when / then
    assertThatThrownBy(() -> store.load(ALICE))
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("document version must be within [1, 1], but was 7");
  }

  @Test
  void should_store_json_documents_with_a_document_version() throws SQLException {
    // given
    JdbcJourneyStore store = store();
    store.commit(commit("s-1", ALICE, 0, T0, List.of(), List.of()));
    // when
    String doc;
    int version;
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT doc_version, doc FROM journey_snapshot")) {
      rs.next();
      version = rs.getInt(1);
      doc = rs.getString(2);
    }
    // then
    assertThat(version).isEqualTo(1);
    assertThat(doc).startsWith("{").contains("\"subject\":\"contact:1\"");
  }

  @Test
  void should_purge_inbox_rows_older_than_the_retention_only() {
    // given
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).build();
    store.commit(commit("old", ALICE, 0, T0, List.of(), List.of()));
    store.commit(commit("new", BOB, 0, T0.plus(Duration.ofDays(5)), List.of(), List.of()));
    clock.set(T0.plus(Duration.ofDays(8)));
    // when
    PurgeReport report = store.purgeExpired(clock.instant());
    // then
    assertThat(report).isEqualTo(new PurgeReport(1, 0, 0, 0));
    assertThat(store.lookup(ALICE, "old").inbox()).isEmpty();
    assertThat(store.lookup(BOB, "new").inbox()).isPresent();
    assertThat(store.audit(ALICE)).hasSize(1);
  }

  @Test
  void should_purge_audit_and_dead_letters_by_configuration() {
    // given
    JdbcJourneyStore store =
        JdbcJourneyStore.builder(pool).clock(clock)
            .auditRetention(Duration.ofDays(30)).deadLetterRetention(Duration.ofDays(10)).build();
    store.commit(commit("s-1", ALICE, 0, T0, List.of(), List.of(entry("a-1", ALICE, 1))));
    store.deadLetter(entry("a-1", ALICE, 1), "gave up", T0);
    clock.set(T0.plus(Duration.ofDays(11)));
    // when
    PurgeReport first = store.purgeExpired(clock.instant());
    clock.set(T0.plus(Duration.ofDays(31)));
    PurgeReport second = store.purgeExpired(clock.instant());
    // then
    assertThat(first).isEqualTo(new PurgeReport(1, 0, 1, 0));
    assertThat(second).isEqualTo(new PurgeReport(0, 1, 0, 0));
    assertThat(store.audit(ALICE)).isEmpty();
    assertThat(store.deadLetters()).isEmpty();
  }

  @Test
  void should_forget_everything_about_a_subject_and_nothing_else() {
    // given
    JdbcJourneyStore store = store();
    PendingTimer timer = new PendingTimer("sla", T0.plusSeconds(60), 1, Map.of());
    store.commit(commit("a-1", ALICE, 0, T0, List.of(new TimerChange.Scheduled(timer)),
        List.of(entry("x-1", ALICE, 1), entry("x-2", ALICE, 2))));
    store.commit(commit("b-1", BOB, 0, T0, List.of(new TimerChange.Scheduled(timer)), List.of(entry("y-1", BOB, 1))));
    store.deadLetter(entry("x-1", ALICE, 1), "gave up", T0);
    // when
    int deleted = store.erase(ALICE);
    // then
    assertThat(deleted).isEqualTo(6); // snapshot, inbox, timer, outbox x-2, audit, dead letter
    assertThat(store.load(ALICE)).isEmpty();
    assertThat(store.lookup(ALICE, "a-1").inbox()).isEmpty();
    assertThat(store.audit(ALICE)).isEmpty();
    assertThat(store.deadLetters()).isEmpty();
    assertThat(store.pendingActions()).extracting(OutboxEntry::actionId).containsExactly("y-1");
    assertThat(store.claimDueTimers(T0.plusSeconds(60), Duration.ofMinutes(1), 10))
        .extracting(t -> t.subject()).containsExactly(BOB);
    assertThat(store.load(BOB)).isPresent();
    // and a new signal for the forgotten subject starts afresh
    assertThat(store.commit(commit("a-2", ALICE, 0, T0, List.of(), List.of()))).isEqualTo(CommitResult.COMMITTED);
  }

  @Test
  void should_release_its_own_leases_after_a_restart_but_not_others() {
    // given
    JdbcJourneyStore mine = store();
    JdbcJourneyStore other = JdbcJourneyStore.builder(pool).clock(clock).instanceId("node-2").build();
    PendingTimer timer = new PendingTimer("sla", T0, 1, Map.of());
    mine.commit(commit("a-1", ALICE, 0, T0, List.of(new TimerChange.Scheduled(timer)), List.of(entry("x-1", ALICE, 1))));
    mine.commit(commit("b-1", BOB, 0, T0, List.of(new TimerChange.Scheduled(timer)), List.of(entry("y-1", BOB, 1))));
    assertThat(mine.claimDueTimers(T0, Duration.ofMinutes(1), 1)).hasSize(1);
    assertThat(mine.claimActions(T0, Duration.ofMinutes(5), 1)).hasSize(1);
    assertThat(other.claimDueTimers(T0, Duration.ofMinutes(1), 5)).hasSize(1);
    assertThat(other.claimActions(T0, Duration.ofMinutes(5), 5)).hasSize(1);
    // when
    int released = store().releaseLeases();
    // then
    assertThat(released).isEqualTo(2);
    assertThat(other.claimDueTimers(T0, Duration.ofMinutes(1), 5)).hasSize(1);
    assertThat(other.claimActions(T0, Duration.ofMinutes(5), 5)).hasSize(1);
    assertThat(mine.claimDueTimers(T0, Duration.ofMinutes(1), 5)).isEmpty();
  }

  @Test
  void should_report_an_unreachable_database_as_a_store_exception() {
    // given
    JdbcJourneyStore store = store();
    pool.close();
    // when / then
    assertThatThrownBy(() -> store.load(ALICE))
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("'load' failed")
        .satisfies(e -> assertThat(((JdbcStoreException) e).operation()).isEqualTo("load"));
  }

  @Test
  void should_validate_builder_values_immediately() {
    // given
    JdbcJourneyStore.Builder builder = JdbcJourneyStore.builder(pool);
    // when / then
    assertThatThrownBy(() -> builder.inboxRetention(Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("inboxRetention must be >= PT24H, but was PT2H");
    assertThatThrownBy(() -> builder.auditRetention(Duration.ZERO))
        .hasMessage("auditRetention must be > 0, but was PT0S");
    assertThatThrownBy(() -> builder.instanceId(" "))
        .hasMessage("instanceId must be 1 to 128 non-blank characters, but was ' '");
    assertThatThrownBy(() -> JdbcPool.of("h2:mem:x", "sa", "", 1))
        .hasMessage("url must start with 'jdbc:', but was 'h2:mem:x'");
    assertThatThrownBy(() -> JdbcPool.of("jdbc:h2:mem:x", "sa", "", 0))
        .hasMessage("maxSize must be >= 1, but was 0");
  }
}
