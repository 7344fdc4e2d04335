package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.journey.core.Alias;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.identity.IdentityResolver;
import dev.journey.core.identity.MergeRequest;
import dev.journey.core.identity.MergeResult;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.state.JourneyModel;
import dev.journey.testkit.clock.VirtualClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A merge racing the first signal of the subject it absorbs, on PostgreSQL (read committed; needs
 * {@code JOURNEY_PG_URL}): the merge is held just before its commit, and the signal's first commit
 * must wait for it instead of creating a snapshot the merge does not fold in.
 */
final class PostgresMergeRaceTest {
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final SubjectRef PRIMARY = SubjectRef.contact("21");
  private static final SubjectRef DUPLICATE = SubjectRef.contact("22");
  private static final JavaRuleSet RULES =
      JavaRuleSet.builder("merge-race", "1")
          .rule("forms are counted", f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
              (f, d) -> d.increment("forms", 1))
          .build();

  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private HikariDataSource pool;

  @AfterEach
  void tearDown() {
    threads.shutdownNow();
    if (pool != null) {
      pool.close();
    }
  }

  @Test
  void should_hold_a_first_signal_of_the_absorbed_subject_until_the_merge_commits_then_reach_the_survivor()
      throws Exception {
    // given: the survivor has a snapshot, the subject it absorbs has none yet
    pool = TestDatabases.freshPostgres(8);
    PausingDataSource paused = new PausingDataSource(pool);
    JdbcJourneyStore store = JdbcJourneyStore.builder(paused).build();
    VirtualClock clock = VirtualClock.at(T0);
    IdentityResolver identity =
        IdentityResolver.builder().store(store).model(JourneyModel.leadHandoff()).clock(clock).build();
    JourneyEngine engine = JourneyEngine.builder()
        .definition(JourneyDefinition.of("lead-handoff", JourneyModel.leadHandoff(), RULES))
        .store(store).clock(clock).identity(identity).build();
    engine.accept(form("f-1", PRIMARY));

    // when: the merge has run every statement and waits before its commit ...
    paused.armNextCommit();
    CompletableFuture<MergeResult> merge = CompletableFuture.supplyAsync(
        () -> identity.merger().merge(
            MergeRequest.crm("hubspot:merge:race", PRIMARY, List.of(DUPLICATE), "hubspot-contact", T0)),
        threads);
    assertThat(paused.reached.await(60, TimeUnit.SECONDS)).as("the merge reached its commit").isTrue();
    // ... and the absorbed subject's first signal arrives
    CompletableFuture<SignalResult> signal =
        CompletableFuture.supplyAsync(() -> engine.accept(form("f-2", DUPLICATE)), threads);
    boolean waiting = false;
    for (int poll = 0; poll < 20_000 && !waiting && !signal.isDone(); poll++) {
      waiting = waitingOnALock();
    }

    // then: the signal waits for the merge (it neither committed nor failed meanwhile)
    assertThat(signal).as("the first signal must wait for the merge").isNotDone();
    assertThat(waiting).as("a backend waits on the merge's lock").isTrue();

    // when: the merge commits
    paused.release.countDown();
    MergeResult merged = merge.get(60, TimeUnit.SECONDS);
    SignalResult result = signal.get(60, TimeUnit.SECONDS);

    // then: the signal went to the survivor; the absorbed subject has no snapshot of its own
    assertThat(merged).isInstanceOf(MergeResult.Merged.class);
    assertThat(result.signal().subject()).isEqualTo(PRIMARY);
    assertThat(store.load(DUPLICATE)).isEmpty();
    assertThat(store.load(PRIMARY).orElseThrow().counters()).containsEntry("forms", 2L);
    assertThat(store.resolve(Alias.subject(DUPLICATE))).contains(PRIMARY);
  }

  private static Signal form(String id, SubjectRef subject) {
    return Signal.builder().id(id).subject(subject).type(SignalTypes.FORM_SUBMITTED).occurredAt(T0)
        .source("test").build();
  }

  /** Whether a backend of this database waits on a heavyweight lock (a transaction's). */
  private boolean waitingOnALock() {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND wait_event_type = 'Lock'")) {
      return rs.next() && rs.getInt(1) > 0;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read pg_stat_activity", e);
    }
  }

  /**
   * A data source whose next commit of a merge transaction (one that re-points aliases), once
   * armed, waits until released.
   */
  static final class PausingDataSource extends InterceptingDataSource {
    private static final String MERGE_STATEMENT = "UPDATE journey_alias SET subject = ?";
    final CountDownLatch reached = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean armed = new AtomicBoolean();

    PausingDataSource(DataSource delegate) {
      super(delegate);
    }

    void armNextCommit() {
      armed.set(true);
    }

    @Override
    Hook newHook() {
      AtomicBoolean merging = new AtomicBoolean();
      return (method, args) -> {
        if (method.getName().equals("prepareStatement") && String.valueOf(args[0]).startsWith(MERGE_STATEMENT)) {
          merging.set(true); // this transaction is a merge's
        }
        if (method.getName().equals("commit") && merging.getAndSet(false) && armed.getAndSet(false)) {
          reached.countDown();
          if (!release.await(120, TimeUnit.SECONDS)) {
            throw new SQLException("the test never released the paused commit", "08006");
          }
        }
      };
    }
  }
}
