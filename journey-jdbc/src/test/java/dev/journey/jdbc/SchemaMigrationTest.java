package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.EnrollSequence;
import dev.journey.core.engine.CrossJourneyPolicy;
import dev.journey.core.engine.HostedJourney;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import dev.journey.jdbc.internal.Schema;
import dev.journey.testkit.clock.VirtualClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Opens a database written by the single-journey library (schema version 2, the dump in {@code
 * migration/sqlite-schema-v2.sql}, produced with that library) with an engine of several journeys.
 */
final class SchemaMigrationTest {
  private static final SubjectRef ENGAGED = SubjectRef.contact("1001");
  private static final SubjectRef NURTURED = SubjectRef.contact("1002");

  private final VirtualClock clock = VirtualClock.at(Instant.parse("2026-11-30T10:30:00Z"));
  private final JdbcPool pool = TestDatabases.freshSqlite("migration-v2");

  @AfterEach
  void close() {
    pool.close();
  }

  private void restoreVersion2Dump() throws IOException, SQLException {
    String dump;
    try (InputStream in = getClass().getResourceAsStream("/migration/sqlite-schema-v2.sql")) {
      dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      for (String line : dump.split("\n")) {
        if (!line.isBlank() && !line.startsWith("--") && !line.startsWith("BEGIN")
            && !line.startsWith("COMMIT") && !line.startsWith("PRAGMA")) {
          st.execute(line);
        }
      }
    }
  }

  private static JourneyEngine engine(JdbcJourneyStore store, VirtualClock clock) {
    JourneyDefinition handoff =
        JourneyDefinition.of(
            "lead-handoff",
            JourneyModel.leadHandoff(),
            JavaRuleSet.builder("lead-handoff", "1")
                .rule(
                    "a breached first touch escalates",
                    f -> f.signal().isTimer(),
                    (f, d) -> d.escalate("manager-1", 1, "first touch breached"))
                .build());
    JourneyDefinition nurture =
        JourneyDefinition.of(
            "nurture",
            JourneyModel.builder("nurture").states("NEW", "ENROLLED").initialState("NEW")
                .allow("NEW", "ENROLLED").build(),
            JavaRuleSet.builder("nurture", "1")
                .rule(
                    "a form enrolls",
                    f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
                    (f, d) -> d.transitionTo("ENROLLED").enrollSequence("drip-1", "marketing"))
                .build());
    return JourneyEngine.builder()
        .journey(HostedJourney.builder(handoff).priority(100).owns("owner").build())
        .journey(HostedJourney.builder(nurture).priority(10).entersOn(SignalTypes.FORM_SUBMITTED).build())
        .policy(
            CrossJourneyPolicy.builder()
                .salesMotion("lead-handoff", JourneyModel.SALES_ENGAGED)
                .marketing("nurture")
                .build())
        .store(store)
        .clock(clock)
        .build();
  }

  private List<String> auditJourneys() throws SQLException {
    List<String> journeys = new ArrayList<>();
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT journey FROM journey_audit ORDER BY id")) {
      while (rs.next()) {
        journeys.add(String.valueOf(rs.getString(1)));
      }
    }
    return journeys;
  }

  @Test
  void should_migrate_a_single_journey_database_and_continue_it_as_the_primary_journey()
      throws Exception {
    // given a database written by the single-journey library
    restoreVersion2Dump();
    // when
    JdbcJourneyStore store = JdbcJourneyStore.builder(pool).clock(clock).build();
    // then: the schema is migrated and every snapshot, timer and audit record reads as written
    assertThat(store.schemaVersion()).isEqualTo(Schema.CURRENT_VERSION);
    JourneySnapshot engaged = store.load(ENGAGED).orElseThrow();
    assertThat(engaged.state()).isEqualTo(JourneyModel.SALES_ENGAGED);
    assertThat(engaged.owner()).contains("owner-42");
    assertThat(engaged.timers()).containsOnlyKeys("sla:first-touch");
    assertThat(engaged.journeys()).isEmpty();
    assertThat(store.load(NURTURED).orElseThrow().state()).isEqualTo(JourneyModel.NURTURE);
    assertThat(store.audit(ENGAGED)).singleElement().extracting(AuditRecord::journey).isEqualTo(java.util.Optional.empty());
    assertThat(store.pendingActions()).hasSize(2);

    // when: an engine of two journeys carries on, the migrated journey as its primary one
    JourneyEngine engine = engine(store, clock);
    engine.accept(form("form-3", ENGAGED));
    engine.accept(form("form-4", NURTURED));
    clock.advance(Duration.ofHours(2));
    int fired = engine.fireDueTimers();
    // then: the migrated timer fires for the primary journey; nurture enters beside it, its
    // outreach paused for the contact in sales motion and sent for the other
    assertThat(fired).isEqualTo(1);
    JourneySnapshot after = store.load(ENGAGED).orElseThrow();
    assertThat(after.state()).isEqualTo(JourneyModel.SALES_ENGAGED);
    assertThat(after.owner()).contains("owner-42");
    assertThat(after.timers()).isEmpty();
    assertThat(after.journey("nurture")).get().extracting(JourneyState::state).isEqualTo("ENROLLED");
    assertThat(store.audit(ENGAGED))
        .filteredOn(a -> a.journey().equals(java.util.Optional.of("nurture")))
        .singleElement()
        .satisfies(a -> assertThat(a.decision().dropped()).singleElement()
            .satisfies(d -> assertThat(d.guardrail()).isEqualTo(CrossJourneyPolicy.CENTRAL_SUPPRESSION)));
    assertThat(store.audit(NURTURED))
        .filteredOn(a -> a.journey().equals(java.util.Optional.of("nurture")))
        .singleElement()
        .satisfies(a -> assertThat(a.decision().actions()).singleElement().isInstanceOf(EnrollSequence.class));
    assertThat(auditJourneys())
        .containsExactly(
            "null", "null", "lead-handoff", "nurture", "lead-handoff", "nurture", "lead-handoff");
  }

  private Signal form(String id, SubjectRef subject) {
    return Signal.builder().id(id).subject(subject).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(clock.instant()).source("hubspot").build();
  }
}
