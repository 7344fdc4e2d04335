package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.core.state.JourneySnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * PostgreSQL's coalesced lookups ({@link PostgresLookups}) against the reference model: after the
 * same commits, lookups started together from many threads (so that they share statements) each
 * answer what the in-memory store answers for the same subject and signal id, snapshot and inbox
 * record alike, whichever lookups share their statement. On the server of {@code
 * JOURNEY_PG_URL}; skipped without one, failing without one when {@code CI=true}.
 */
@AddLifecycleHook(PostgresGroupProperties.SkipWithoutPostgres.class)
final class PostgresLookupsProperties {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final int SUBJECTS = 10;
  private static final int SIGNALS = 12;

  private static HikariDataSource pool;

  @BeforeContainer
  static void open() {
    pool = TestDatabases.freshPostgres(8);
    JdbcJourneyStore.builder(pool).build(); // creates the tables
  }

  @AfterContainer
  static void close() {
    if (pool != null) {
      pool.close();
    }
  }

  /** A stored signal (subject, id) or a lookup of (subject, id). */
  record Pair(int subject, int signal) {}

  @Provide
  Arbitrary<Pair> pairs() {
    return Combinators.combine(
            Arbitraries.integers().between(0, SUBJECTS - 1), Arbitraries.integers().between(0, SIGNALS - 1))
        .as(Pair::new);
  }

  private static JdbcJourneyStore emptyStore(int lanes) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      st.execute(
          "TRUNCATE journey_inbox, journey_snapshot, journey_timer, journey_outbox, journey_audit,"
              + " journey_alias");
      c.commit();
    }
    return JdbcJourneyStore.builder(pool).commitLanes(lanes).build();
  }

  @Property(tries = 20)
  void should_answer_each_lookup_as_the_in_memory_store_when_lookups_share_statements(
      @ForAll @Size(max = 16) List<@From("pairs") Pair> stored,
      @ForAll @Size(min = 1, max = 48) List<@From("pairs") Pair> lookups,
      @ForAll @IntRange(min = 1, max = 2) int lanes)
      throws Exception {
    // given the same commits in both stores (versions counted per subject)
    InMemoryJourneyStore reference = InMemoryJourneyStore.create();
    JdbcJourneyStore store = emptyStore(lanes);
    for (Pair p : stored) {
      SubjectRef subject = subject(p.subject());
      long version = reference.load(subject).map(JourneySnapshot::version).orElse(0L);
      Commit commit = commit(p, version);
      assertThat(store.commit(commit)).isEqualTo(reference.commit(commit));
    }

    // when the lookups start together from eight threads
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<String>>> answers = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int first = t;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  List<String> mine = new ArrayList<>();
                  for (int i = first; i < lookups.size(); i += threads) {
                    Pair p = lookups.get(i);
                    mine.add(describe(store.lookup(subject(p.subject()), id(p.signal()))));
                  }
                  return mine;
                }));
      }
      // then each answer is the reference's
      for (int t = 0; t < threads; t++) {
        List<String> expected = new ArrayList<>();
        for (int i = t; i < lookups.size(); i += threads) {
          Pair p = lookups.get(i);
          expected.add(describe(reference.lookup(subject(p.subject()), id(p.signal()))));
        }
        assertThat(answers.get(t).get()).as("thread " + t + " after " + stored).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String describe(SubjectLookup lookup) {
    return lookup.snapshot().map(s -> s.subject() + " v" + s.version() + " " + s.counters()).orElse("no snapshot")
        + " / "
        + lookup.inbox().map(r -> r.signalId() + " of " + r.subject() + " " + r.fingerprint()).orElse("not in inbox");
  }

  private static SubjectRef subject(int i) {
    return SubjectRef.contact("c" + i);
  }

  private static String id(int signal) {
    return "s-" + signal;
  }

  private static Commit commit(Pair p, long version) {
    SubjectRef subject = subject(p.subject());
    Signal signal =
        Signal.builder().id(id(p.signal())).subject(subject).type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(T0).source("property").build();
    JourneySnapshot before =
        JourneySnapshot.initial(subject, "NURTURE", T0).toBuilder().version(version).build();
    JourneySnapshot after = before.toBuilder().version(version + 1).counter("n", version + 1).build();
    Decision decision = Decision.noop(before, signal, T0, RuleSetRef.of("t", "1"), "property");
    return new Commit(signal, version, after, List.of(), List.of(),
        new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), T0), List.of());
  }
}
