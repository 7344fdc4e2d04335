package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How many statements and connections the store spends per engine signal: the path every signal
 * takes, counted at the JDBC boundary (so a change that adds a round trip shows here, not only in
 * a benchmark).
 */
final class RoundTripsTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private JdbcPool pool;

  /** Counts the statements prepared and the connections borrowed, and keeps their SQL. */
  private static final class Counting extends InterceptingDataSource {
    final AtomicInteger connections = new AtomicInteger();
    final List<String> statements = new ArrayList<>();

    Counting(JdbcPool pool) {
      super(pool);
    }

    @Override
    Hook newHook() {
      connections.incrementAndGet();
      return (method, args) -> {
        if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")) {
          synchronized (statements) {
            statements.add(args == null ? "(statement)" : String.valueOf(args[0]));
          }
        }
      };
    }

    void reset() {
      connections.set(0);
      synchronized (statements) {
        statements.clear();
      }
    }
  }

  @AfterEach
  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  private Counting counting() {
    pool = TestDatabases.freshSqlite("round-trips");
    return new Counting(pool);
  }

  private static Signal form(String id, String subject) {
    return Signal.builder().id(id).subject(SubjectRef.contact(subject)).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0).source("test").build();
  }

  @Test
  void should_read_snapshot_and_inbox_record_with_one_statement_when_looking_up() {
    // given: a stored subject with one processed signal
    Counting db = counting();
    VirtualClock clock = VirtualClock.at(T0);
    JdbcJourneyStore store = JdbcJourneyStore.builder(db).clock(clock).build();
    JourneyEngine engine = engine(store, clock);
    engine.accept(form("s-1", "alice"));
    db.reset();
    // when: the engine's read of a redelivery and of a new signal
    SubjectLookup seen = store.lookup(SubjectRef.contact("alice"), "s-1");
    SubjectLookup fresh = store.lookup(SubjectRef.contact("alice"), "s-2");
    // then: both parts are found, each lookup in one statement on one connection
    assertThat(seen.snapshot()).isPresent();
    assertThat(seen.inbox()).hasValueSatisfying(r -> assertThat(r.subject()).isEqualTo(SubjectRef.contact("alice")));
    assertThat(fresh.snapshot()).isPresent();
    assertThat(fresh.inbox()).isEmpty();
    assertThat(db.statements).hasSize(2).allMatch(sql -> sql.equals(JdbcJourneyStore.LOOKUP_SQL));
    assertThat(db.connections).hasValue(2);
  }

  @Test
  void should_find_nothing_with_one_statement_when_the_subject_and_signal_are_unknown() {
    // given: an empty store
    Counting db = counting();
    JdbcJourneyStore store = JdbcJourneyStore.builder(db).clock(VirtualClock.at(T0)).build();
    db.reset();
    // when
    SubjectLookup none = store.lookup(SubjectRef.contact("nobody"), "s-9");
    // then
    assertThat(none.snapshot()).isEmpty();
    assertThat(none.inbox()).isEmpty();
    assertThat(db.statements).containsExactly(JdbcJourneyStore.LOOKUP_SQL);
  }

  @Test
  void should_spend_two_connections_and_a_bounded_number_of_statements_when_accepting_a_signal() {
    // given: a subject already stored, so its next signal updates its snapshot
    Counting db = counting();
    VirtualClock clock = VirtualClock.at(T0);
    JdbcJourneyStore store = JdbcJourneyStore.builder(db).clock(clock).build();
    JourneyEngine engine = engine(store, clock);
    engine.accept(form("s-1", "alice"));
    db.reset();
    // when: one more signal (a commit alone: no other thread to group with)
    engine.accept(form("s-2", "alice"));
    // then: one read (lookup), one write transaction (snapshot CAS, inbox, timer delete and
    // insert, outbox, audit)
    assertThat(db.connections).hasValue(2);
    assertThat(db.statements.get(0)).isEqualTo(JdbcJourneyStore.LOOKUP_SQL);
    assertThat(db.statements).hasSizeLessThanOrEqualTo(7);
  }

  private static JourneyEngine engine(JdbcJourneyStore store, VirtualClock clock) {
    JavaRuleSet rules =
        JavaRuleSet.builder("round-trips", "1")
            .rule("form", f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
                (f, d) -> d.increment("forms", 1)
                    .startTimer("sla", f.signal().occurredAt().plus(Duration.ofMinutes(10)))
                    .notify("owner", "new form"))
            .build();
    return JourneyEngine.builder()
        .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), rules))
        .store(store).clock(clock).build();
  }
}
