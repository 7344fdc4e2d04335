package dev.journey.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journey.core.InvalidSignalException;
import dev.journey.core.InvalidValueException;
import dev.journey.core.Limits;
import dev.journey.core.Signal;
import dev.journey.core.SignalIdConflictException;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Notify;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.engine.JourneyDefinition;
import dev.journey.core.feature.FeatureDefinition;
import dev.journey.core.feature.FeatureSet;
import dev.journey.core.feature.FeatureSnapshot;
import dev.journey.core.feature.SignalMatch;
import dev.journey.core.engine.JourneyEngine;
import dev.journey.core.engine.SignalResult;
import dev.journey.core.rules.JavaRuleSet;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.Erasure;
import dev.journey.core.spi.InboxRecord;
import dev.journey.core.spi.JourneyEvaluator;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.spi.QuarantinedInput.Kind;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.StageInputs;
import dev.journey.core.spi.SharedWrite;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.JourneyState;
import dev.journey.core.state.PendingTimer;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link JourneyStore} must honour, as a JUnit 5 suite. To check a store of
 * your own, extend this class in your tests and return a new, empty store from {@link
 * #newStore()}:
 *
 * <pre>{@code
 * final class MyStoreContractTest extends JourneyStoreContract {
 *   @Override
 *   protected JourneyStore newStore() {
 *     return MyStore.createEmpty();
 *   }
 * }
 * }</pre>
 *
 * <p>It checks the atomic commit (inbox deduplication with content fingerprints, snapshot and
 * shared-state compare-and-set, nothing written on a duplicate or conflict), values at every
 * {@link Limits limit}, timer claims with leases, the outbox's per-subject order, retries, dead
 * letters (inspect, requeue with the same id, discard), the quarantine, the audit, erasure where
 * the store offers it, and concurrent commits and claims from several threads.
 *
 * <p>A poison-input suite then runs a {@link JourneyEngine} on the store: a rule that always
 * fails on a timer, a stored timer that cannot fire, a rule making a bad timer name, an oversize
 * signal and an oversize snapshot, a signal id reused with other content. Each must be refused
 * or quarantined with a typed reason, lose nothing already accepted and stop nothing else. Times
 * are fixed instants or a {@link VirtualClock}; nothing sleeps.
 */
public abstract class JourneyStoreContract {
  /** The instant the contract's commits happen at. */
  protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final RuleSetRef RULES = RuleSetRef.of("contract", "1");
  private static final Duration LEASE = Duration.ofMinutes(1);

  /** The store under test, new for every test. */
  protected JourneyStore store;

  /** For subclasses. */
  protected JourneyStoreContract() {}

  /** Returns a new, empty store; called once before every test. */
  protected abstract JourneyStore newStore();

  /** Releases a store after its test (close pools, drop tables); the default does nothing. */
  protected void release(JourneyStore used) {}

  @BeforeEach
  final void createStore() {
    store = newStore();
  }

  @AfterEach
  final void releaseStore() {
    release(store);
  }

  // ------------------------------------------------------------------ helpers

  /** A contact subject. */
  protected static SubjectRef subject(String id) {
    return SubjectRef.contact(id);
  }

  /** A signal for {@code subject} with id {@code id}. */
  protected static Signal signal(String id, SubjectRef subject) {
    return Signal.builder()
        .id(id)
        .subject(subject)
        .type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0)
        .source("contract")
        .build();
  }

  /** The snapshot at {@code version} with a counter {@code n = version}. */
  protected static JourneySnapshot snapshot(SubjectRef subject, long version, PendingTimer... timers) {
    JourneySnapshot.Builder b =
        JourneySnapshot.initial(subject, "NURTURE", T0).toBuilder().version(version).counter("n", version);
    for (PendingTimer timer : timers) {
      b.timer(timer);
    }
    return b.build();
  }

  /** A commit of {@code signal} moving the subject from {@code expected} to {@code expected + 1}. */
  protected static Commit commit(
      Signal signal,
      long expected,
      List<TimerChange> timers,
      List<OutboxEntry> outbox,
      List<SharedWrite> shared) {
    JourneySnapshot before = snapshot(signal.subject(), expected);
    JourneySnapshot after = snapshot(signal.subject(), expected + 1);
    Decision decision = Decision.noop(before, signal, T0, RULES, "contract");
    AuditRecord audit = new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), T0);
    return new Commit(signal, expected, after, timers, outbox, audit, shared);
  }

  /** A plain commit without timers, outbox or shared writes. */
  protected static Commit commit(Signal signal, long expected) {
    return commit(signal, expected, List.of(), List.of(), List.of());
  }

  /** An outbox entry of a notify action. */
  protected static OutboxEntry entry(String actionId, SubjectRef subject, long sequence, Instant ready) {
    return new OutboxEntry(new Notify(actionId, subject, "owner-1", "hello"), sequence, T0, 0, ready);
  }

  /** A pending timer. */
  protected static PendingTimer timer(String name, Instant due, long generation) {
    return new PendingTimer(name, due, generation, Map.of("k", "v"));
  }

  /** Returns {@code true} when the inbox holds {@code signalId}. */
  protected final boolean processed(String signalId) {
    return store.lookup(subject("any"), signalId).inbox().isPresent();
  }

  private static List<String> ids(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::actionId).collect(Collectors.toList());
  }

  // ------------------------------------------------------------------ commit

  @Test
  void should_return_empty_for_a_subject_never_committed() {
    // given an empty store
    // when / then
    assertThat(store.load(subject("1"))).isEmpty();
    assertThat(processed("nothing")).isFalse();
    assertThat(store.nextTimerDue()).isEmpty();
    assertThat(store.pendingActions()).isEmpty();
    assertThat(store.deadLetters()).isEmpty();
    assertThat(store.audit(subject("1"))).isEmpty();
    assertThat(store.loadShared("pool")).isEqualTo(SharedState.empty("pool"));
  }

  @Test
  void should_store_snapshot_inbox_and_audit_in_one_commit() {
    // given
    Signal s = signal("s-1", subject("1"));
    Commit c = commit(s, 0);
    // when
    CommitResult result = store.commit(c);
    // then
    assertThat(result).isEqualTo(CommitResult.COMMITTED);
    assertThat(store.load(subject("1"))).contains(c.snapshot());
    assertThat(processed("s-1")).isTrue();
    assertThat(store.audit(subject("1"))).containsExactly(c.audit());
  }

  @Test
  void should_keep_the_first_sources_archived_under_a_hash_and_find_them_by_hash_or_prefix() {
    // given
    String hash = "ab12cd34ef56" + "0".repeat(52);
    dev.journey.core.spi.RuleSetSources first = new dev.journey.core.spi.RuleSetSources(
        hash, "lead-handoff", "v1",
        java.util.Map.of("rules/10-entry.drl", "rule \"a\" when then end", dev.journey.core.spi.RuleSetSources.CONFIG, "{\"name\": \"é\"}"));
    dev.journey.core.spi.RuleSetSources again = new dev.journey.core.spi.RuleSetSources(
        hash, "lead-handoff", "v1-copy", java.util.Map.of("rules/10-entry.drl", "other"));
    dev.journey.core.spi.RuleSetSources near = new dev.journey.core.spi.RuleSetSources(
        "ab12cd34ef57" + "0".repeat(52), "lead-handoff", "v2", java.util.Map.of("rules/x.drl", "x"));
    // when
    boolean kept = store.archive(first);
    boolean keptAgain = store.archive(again);
    store.archive(near);
    // then
    assertThat(kept).isTrue();
    assertThat(keptAgain).isFalse();
    assertThat(store.archived(hash)).contains(first);
    assertThat(store.archived("ab12cd34ef56")).contains(first);
    assertThat(store.archived("ab12cd34ef5")).isEmpty(); // too short a prefix: not looked up
    assertThat(store.archived("ab12cd34ef5" + "8")).isEmpty();
    assertThat(store.archived("0".repeat(64))).isEmpty();
  }

  @Test
  void should_store_the_evaluators_decision_kept_in_the_stage_inputs() {
    // given: a decision the stages changed (a trace line added), its evaluator's version kept
    Signal s = signal("s-raw", subject("raw"));
    Commit plain = commit(s, 0);
    Decision raw = plain.audit().decision();
    Decision staged = raw.withTrace("a stage added this");
    StageInputs inputs = new StageInputs(List.of(), java.util.Map.of("owner.o-1", "available")).withEvaluated(raw, staged);
    AuditRecord audit = new AuditRecord(
        s, plain.audit().before(), staged, AuditRecord.Outcome.DECIDED, Optional.empty(), T0, inputs);
    Commit c = new Commit(s, 0, plain.snapshot(), List.of(), List.of(), audit, List.of());
    // when
    store.commit(c);
    // then
    assertThat(inputs.evaluated()).hasValueSatisfying(
        kept -> assertThat(kept.changed()).containsExactly(dev.journey.core.spi.EvaluatorOutput.Part.TRACE));
    assertThat(inputs.evaluatedOr(staged)).isEqualTo(raw);
    assertThat(store.audit(subject("raw")).get(0).inputs().evaluatedOr(staged)).isEqualTo(raw);
    assertThat(store.audit(subject("raw"))).containsExactly(audit);
  }

  @Test
  void should_store_one_audit_record_per_journey_of_a_commit_in_order() {
    // given a commit of a signal that concerned three journeys, with a further journey's state
    Signal s = signal("s-1", subject("1"));
    Commit plain = commit(s, 0);
    JourneySnapshot after =
        plain.snapshot().toBuilder()
            .journey("nurture", new JourneyState("ENROLLED", T0, "nurture@1"))
            .build();
    AuditRecord nurture = plain.audit().withJourney("nurture");
    AuditRecord renewal = plain.audit().withJourney("renewal-risk");
    Commit c =
        new Commit(s, 0, after, List.of(), List.of(), plain.audit().withJourney("lead-handoff"),
            List.of(), List.of(nurture, renewal));
    // when
    CommitResult result = store.commit(c);
    // then
    assertThat(result).isEqualTo(CommitResult.COMMITTED);
    assertThat(store.load(subject("1"))).contains(after);
    assertThat(store.audit(subject("1"))).containsExactlyElementsOf(c.audits());
  }

  @Test
  void should_store_the_subjects_features_with_its_snapshot_and_audit() {
    // given a journey that declares one feature of each kind
    FeatureSet features =
        FeatureSet.builder()
            .windowCount("forms_7d", SignalMatch.of(SignalTypes.FORM_SUBMITTED), Duration.ofDays(7))
            .feature(FeatureDefinition.DecayedSum.of(
                "intent", SignalMatch.of(SignalTypes.FORM_SUBMITTED), Duration.ofDays(3)))
            .distinctCount("forms", SignalMatch.of(SignalTypes.FORM_SUBMITTED), "formId")
            .lastSeen("last_form", SignalMatch.of(SignalTypes.FORM_SUBMITTED))
            .ratio("forms_per_distinct", "forms_7d", "forms")
            .build();
    JourneyEngine engine =
        JourneyEngine.builder()
            .definition(
                JourneyDefinition.builder("contract").model(JourneyModel.leadHandoff())
                    .evaluator(JavaRuleSet.builder("contract", "1").build()).features(features)
                    .build())
            .store(store)
            .clock(VirtualClock.at(T0.plus(Duration.ofDays(1))))
            .build();
    // when
    for (int i = 0; i < 3; i++) {
      engine.accept(Signal.builder().id("f-" + i).subject(subject("1"))
          .type(SignalTypes.FORM_SUBMITTED).occurredAt(T0.plus(Duration.ofHours(i)))
          .source("contract").attribute("formId", "form-" + (i % 2)).build());
    }
    // then the store gives back exactly the features the engine computed
    FeatureSnapshot stored = store.load(subject("1")).orElseThrow().features();
    assertThat(stored.hash()).isEqualTo(features.hash());
    assertThat(stored.value("forms_7d")).isEqualTo(3);
    assertThat(stored.value("forms")).isEqualTo(2);
    assertThat(stored.value("forms_per_distinct")).isEqualTo(1.5);
    assertThat(stored.lastSeen("last_form")).contains(T0.plus(Duration.ofHours(2)));
    assertThat(stored).isEqualTo(features.backfill(signalsOf(store, subject("1"))));
    assertThat(store.audit(subject("1")))
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.before().features().hash()).isEqualTo(features.hash()));
  }

  private static List<Signal> signalsOf(JourneyStore store, SubjectRef subject) {
    return store.audit(subject).stream().map(AuditRecord::signal).collect(Collectors.toList());
  }

  @Test
  void should_report_a_duplicate_signal_id_and_write_nothing() {
    // given
    SubjectRef subject = subject("1");
    store.commit(commit(signal("s-1", subject), 0));
    Commit again =
        commit(signal("s-1", subject), 1, List.of(), List.of(entry("a-1", subject, 1, T0)), List.of());
    // when
    CommitResult result = store.commit(again);
    // then
    assertThat(result).isEqualTo(CommitResult.DUPLICATE);
    assertThat(store.load(subject).orElseThrow().version()).isEqualTo(1);
    assertThat(store.pendingActions()).isEmpty();
    assertThat(store.audit(subject)).hasSize(1);
  }

  @Test
  void should_report_a_stale_version_as_conflict_and_write_nothing() {
    // given
    SubjectRef subject = subject("1");
    store.commit(commit(signal("s-1", subject), 0));
    store.commit(commit(signal("s-2", subject), 1));
    Commit stale =
        commit(
            signal("s-3", subject),
            1,
            List.of(new TimerChange.Scheduled(timer("t", T0, 2))),
            List.of(entry("a-1", subject, 1, T0)),
            List.of());
    // when
    CommitResult result = store.commit(stale);
    // then
    assertThat(result).isEqualTo(CommitResult.CONFLICT);
    assertThat(processed("s-3")).isFalse();
    assertThat(store.load(subject).orElseThrow().version()).isEqualTo(2);
    assertThat(store.pendingActions()).isEmpty();
    assertThat(store.nextTimerDue()).isEmpty();
    assertThat(store.audit(subject)).hasSize(2);
  }

  @Test
  void should_conflict_when_a_new_subject_was_stored_meanwhile() {
    // given
    SubjectRef subject = subject("1");
    store.commit(commit(signal("s-1", subject), 0));
    // when
    CommitResult result = store.commit(commit(signal("s-2", subject), 0));
    // then
    assertThat(result).isEqualTo(CommitResult.CONFLICT);
    assertThat(processed("s-2")).isFalse();
  }

  @Test
  void should_record_the_signal_when_the_snapshot_is_unchanged() {
    // given
    SubjectRef subject = subject("1");
    store.commit(commit(signal("s-1", subject), 0));
    JourneySnapshot current = store.load(subject).orElseThrow();
    Signal s = signal("s-2", subject);
    Decision noop = Decision.noop(current, s, T0, RULES, "nothing");
    Commit unchanged =
        new Commit(
            s, 1, current, List.of(), List.of(),
            new AuditRecord(s, current, noop, AuditRecord.Outcome.REJECTED, Optional.of("why"), T0), List.of());
    // when
    CommitResult result = store.commit(unchanged);
    // then
    assertThat(result).isEqualTo(CommitResult.COMMITTED);
    assertThat(processed("s-2")).isTrue();
    assertThat(store.load(subject)).contains(current);
  }

  @Test
  void should_conflict_on_an_unchanged_snapshot_of_a_stale_version() {
    // given
    SubjectRef subject = subject("1");
    store.commit(commit(signal("s-1", subject), 0));
    store.commit(commit(signal("s-2", subject), 1));
    JourneySnapshot old = snapshot(subject, 1);
    Signal s = signal("s-3", subject);
    Commit unchanged =
        new Commit(
            s, 1, old, List.of(), List.of(),
            new AuditRecord(
                s, old, Decision.noop(old, s, T0, RULES, "x"), AuditRecord.Outcome.REJECTED, Optional.of("x"), T0),
            List.of());
    // when / then
    assertThat(store.commit(unchanged)).isEqualTo(CommitResult.CONFLICT);
    assertThat(processed("s-3")).isFalse();
  }

  @Test
  void should_compare_and_set_shared_state_with_the_commit() {
    // given
    SubjectRef a = subject("1");
    SubjectRef b = subject("2");
    Commit first = commit(signal("s-1", a), 0, List.of(), List.of(), List.of(new SharedWrite("pool", 0, Map.of("next", 1L))));
    Commit stale = commit(signal("s-2", b), 0, List.of(), List.of(), List.of(new SharedWrite("pool", 0, Map.of("next", 7L))));
    // when
    CommitResult r1 = store.commit(first);
    CommitResult r2 = store.commit(stale);
    // then
    assertThat(r1).isEqualTo(CommitResult.COMMITTED);
    assertThat(r2).isEqualTo(CommitResult.CONFLICT);
    assertThat(store.loadShared("pool")).isEqualTo(new SharedState("pool", 1, Map.of("next", 1L)));
    assertThat(store.load(b)).isEmpty();
    assertThat(processed("s-2")).isFalse();
    // and a write based on version 1 succeeds
    Commit next = commit(signal("s-3", b), 0, List.of(), List.of(), List.of(new SharedWrite("pool", 1, Map.of("next", 2L))));
    assertThat(store.commit(next)).isEqualTo(CommitResult.COMMITTED);
    assertThat(store.loadShared("pool").version()).isEqualTo(2);
    assertThat(store.loadShared("pool").value("next")).isEqualTo(2);
  }

  // ------------------------------------------------------------------ timers

  @Test
  void should_claim_due_timers_earliest_first_and_not_before_due() {
    // given
    SubjectRef subject = subject("1");
    PendingTimer late = timer("late", T0.plusSeconds(60), 1);
    PendingTimer early = timer("early", T0.plusSeconds(30), 1);
    PendingTimer future = timer("future", T0.plusSeconds(3600), 1);
    store.commit(
        commit(signal("s-1", subject), 0,
            List.of(new TimerChange.Scheduled(late), new TimerChange.Scheduled(early), new TimerChange.Scheduled(future)),
            List.of(), List.of()));
    // when
    List<DueTimer> none = store.claimDueTimers(T0.plusSeconds(29), LEASE, 10);
    List<DueTimer> due = store.claimDueTimers(T0.plusSeconds(60), LEASE, 10);
    // then
    assertThat(none).isEmpty();
    assertThat(due).containsExactly(new DueTimer(subject, early), new DueTimer(subject, late));
    assertThat(store.nextTimerDue()).contains(T0.plusSeconds(30));
  }

  @Test
  void should_not_return_a_claimed_timer_again_until_its_lease_expires() {
    // given
    SubjectRef subject = subject("1");
    PendingTimer t = timer("t", T0, 1);
    store.commit(commit(signal("s-1", subject), 0, List.of(new TimerChange.Scheduled(t)), List.of(), List.of()));
    assertThat(store.claimDueTimers(T0, LEASE, 10)).hasSize(1);
    // when
    List<DueTimer> during = store.claimDueTimers(T0.plus(LEASE).minusSeconds(1), LEASE, 10);
    List<DueTimer> after = store.claimDueTimers(T0.plus(LEASE), LEASE, 10);
    // then
    assertThat(during).isEmpty();
    assertThat(after).containsExactly(new DueTimer(subject, t));
  }

  @Test
  void should_respect_the_claim_limit() {
    // given
    SubjectRef subject = subject("1");
    List<TimerChange> changes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      changes.add(new TimerChange.Scheduled(timer("t" + i, T0.plusSeconds(i), 1)));
    }
    store.commit(commit(signal("s-1", subject), 0, changes, List.of(), List.of()));
    // when
    List<DueTimer> first = store.claimDueTimers(T0.plusSeconds(10), LEASE, 2);
    List<DueTimer> rest = store.claimDueTimers(T0.plusSeconds(10), LEASE, 10);
    // then
    assertThat(first).extracting(d -> d.timer().name()).containsExactly("t0", "t1");
    assertThat(rest).extracting(d -> d.timer().name()).containsExactly("t2", "t3", "t4");
  }

  @Test
  void should_remove_completed_and_cancelled_timers_with_the_commit() {
    // given
    SubjectRef subject = subject("1");
    PendingTimer a = timer("a", T0, 1);
    PendingTimer b = timer("b", T0, 1);
    store.commit(commit(signal("s-1", subject), 0,
        List.of(new TimerChange.Scheduled(a), new TimerChange.Scheduled(b)), List.of(), List.of()));
    assertThat(store.claimDueTimers(T0, LEASE, 10)).hasSize(2);
    // when a completes and b is replaced by a newer generation
    PendingTimer b2 = timer("b", T0.plusSeconds(600), 2);
    store.commit(commit(signal("s-2", subject), 1,
        List.of(new TimerChange.Completed("a", 1), new TimerChange.Cancelled("b", 1), new TimerChange.Scheduled(b2)),
        List.of(), List.of()));
    // then only b2 remains, unclaimed
    assertThat(store.nextTimerDue()).contains(T0.plusSeconds(600));
    assertThat(store.claimDueTimers(T0.plus(LEASE).plusSeconds(600), LEASE, 10))
        .containsExactly(new DueTimer(subject, b2));
  }

  @Test
  void should_keep_timers_of_a_conflicting_commit_out() {
    // given
    SubjectRef subject = subject("1");
    PendingTimer t = timer("t", T0, 1);
    store.commit(commit(signal("s-1", subject), 0, List.of(new TimerChange.Scheduled(t)), List.of(), List.of()));
    // when a stale commit tries to complete it
    CommitResult result = store.commit(commit(signal("s-2", subject), 0, List.of(new TimerChange.Completed("t", 1)), List.of(), List.of()));
    // then
    assertThat(result).isEqualTo(CommitResult.CONFLICT);
    assertThat(store.claimDueTimers(T0, LEASE, 10)).containsExactly(new DueTimer(subject, t));
  }

  // ------------------------------------------------------------------ outbox

  @Test
  void should_claim_only_each_subjects_earliest_action() {
    // given
    SubjectRef a = subject("a");
    SubjectRef b = subject("b");
    store.commit(commit(signal("s-1", a), 0, List.of(), List.of(entry("a-1", a, 1, T0), entry("a-2", a, 2, T0)), List.of()));
    store.commit(commit(signal("s-2", b), 0, List.of(), List.of(entry("b-1", b, 1, T0)), List.of()));
    // when
    List<OutboxEntry> first = store.claimActions(T0, LEASE, 10);
    List<OutboxEntry> whileLeased = store.claimActions(T0, LEASE, 10);
    store.markDone("a-1");
    List<OutboxEntry> next = store.claimActions(T0, LEASE, 10);
    // then
    assertThat(ids(first)).containsExactlyInAnyOrder("a-1", "b-1");
    assertThat(whileLeased).isEmpty();
    assertThat(ids(next)).containsExactly("a-2");
    assertThat(ids(store.pendingActions())).containsExactly("a-2", "b-1");
  }

  @Test
  void should_mark_a_claimed_action_done_by_its_entry_even_when_its_subject_is_stale() {
    // given
    SubjectRef a = subject("a");
    store.commit(commit(signal("s-1", a), 0, List.of(), List.of(entry("a-1", a, 1, T0), entry("a-2", a, 2, T0), entry("a-3", a, 3, T0)), List.of()));
    OutboxEntry first = store.claimActions(T0, LEASE, 10).get(0);
    // when: done by the claimed entry, then by an entry naming another subject (as one claimed
    // before a merge moved the action to the survivor does)
    store.markDone(first);
    OutboxEntry second = store.claimActions(T0, LEASE, 10).get(0);
    store.markDone(second.rekeyed(subject("elsewhere"), 99));
    // then
    assertThat(first.actionId()).isEqualTo("a-1");
    assertThat(second.actionId()).isEqualTo("a-2");
    assertThat(ids(store.claimActions(T0, LEASE, 10))).containsExactly("a-3");
    assertThat(ids(store.pendingActions())).containsExactly("a-3");
  }

  @Test
  void should_return_an_action_again_after_its_lease_expires() {
    // given
    SubjectRef a = subject("a");
    store.commit(commit(signal("s-1", a), 0, List.of(), List.of(entry("a-1", a, 1, T0)), List.of()));
    assertThat(store.claimActions(T0, LEASE, 10)).hasSize(1);
    // when
    List<OutboxEntry> during = store.claimActions(T0.plus(LEASE).minusMillis(1), LEASE, 10);
    List<OutboxEntry> after = store.claimActions(T0.plus(LEASE), LEASE, 10);
    // then
    assertThat(during).isEmpty();
    assertThat(ids(after)).containsExactly("a-1");
  }

  @Test
  void should_persist_attempts_and_wait_until_the_next_attempt() {
    // given
    SubjectRef a = subject("a");
    store.commit(commit(signal("s-1", a), 0, List.of(), List.of(entry("a-1", a, 1, T0), entry("a-2", a, 2, T0)), List.of()));
    OutboxEntry claimed = store.claimActions(T0, LEASE, 10).get(0);
    // when
    store.retryLater(claimed.failedAttempt(T0.plusSeconds(30), "HTTP 503"));
    // then neither it nor the later action of the subject is ready before then
    assertThat(store.claimActions(T0.plusSeconds(29), LEASE, 10)).isEmpty();
    List<OutboxEntry> again = store.claimActions(T0.plusSeconds(30), LEASE, 10);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).actionId()).isEqualTo("a-1");
    assertThat(again.get(0).attempts()).isEqualTo(1);
    assertThat(again.get(0).lastError()).contains("HTTP 503");
  }

  @Test
  void should_dead_letter_requeue_with_the_same_id_and_discard() {
    // given
    SubjectRef a = subject("a");
    store.commit(commit(signal("s-1", a), 0, List.of(), List.of(entry("a-1", a, 1, T0), entry("a-2", a, 2, T0)), List.of()));
    OutboxEntry claimed = store.claimActions(T0, LEASE, 10).get(0);
    // when
    store.deadLetter(claimed.failedAttempt(T0, "HTTP 400"), "permanent failure: HTTP 400", T0);
    // then the next action of the subject is no longer blocked
    assertThat(store.deadLetters()).extracting(DeadLetter::reason).containsExactly("permanent failure: HTTP 400");
    assertThat(store.deadLetters().get(0).entry().actionId()).isEqualTo("a-1");
    assertThat(ids(store.claimActions(T0, LEASE, 10))).containsExactly("a-2");
    store.markDone("a-2");
    // and requeue puts it back with the same id, attempts reset
    assertThat(store.requeue("a-1", T0.plusSeconds(5))).isTrue();
    assertThat(store.deadLetters()).isEmpty();
    List<OutboxEntry> requeued = store.claimActions(T0.plusSeconds(5), LEASE, 10);
    assertThat(ids(requeued)).containsExactly("a-1");
    assertThat(requeued.get(0).attempts()).isZero();
    // and a dead letter can be discarded
    store.deadLetter(requeued.get(0), "again", T0.plusSeconds(6));
    assertThat(store.discard("a-1")).isTrue();
    assertThat(store.deadLetters()).isEmpty();
    assertThat(store.pendingActions()).isEmpty();
    assertThat(store.requeue("a-1", T0)).isFalse();
    assertThat(store.discard("a-1")).isFalse();
  }

  @Test
  void should_list_dead_letters_oldest_first() {
    // given
    SubjectRef a = subject("a");
    SubjectRef b = subject("b");
    store.commit(commit(signal("s-1", a), 0, List.of(), List.of(entry("a-1", a, 1, T0)), List.of()));
    store.commit(commit(signal("s-2", b), 0, List.of(), List.of(entry("b-1", b, 1, T0)), List.of()));
    // when
    store.deadLetter(entry("b-1", b, 1, T0), "second", T0.plusSeconds(1));
    store.deadLetter(entry("a-1", a, 1, T0), "third", T0.plusSeconds(2));
    // then
    assertThat(store.deadLetters()).extracting(DeadLetter::reason).containsExactly("second", "third");
  }

  @Test
  void should_keep_the_stage_inputs_of_an_audit_record() {
    // given: what routing read and saw, as a reproduction needs it
    Signal s = signal("s-in", subject("1"));
    Commit plain = commit(s, 0);
    StageInputs inputs =
        new StageInputs(
            List.of(new SharedState("routing:pool:emea", 4, Map.of("cw:o-1", -2L, "n:o-1", 7L))),
            Map.of("owner.o-1", "available; caps 5/day -/week in Europe/Berlin", "pool.emea", "o-1*2,o-2*1"));
    Commit c =
        new Commit(
            s, 0, plain.snapshot(), List.of(), List.of(), plain.audit().withInputs(inputs), List.of());
    // when
    store.commit(c);
    // then
    assertThat(store.audit(subject("1"))).containsExactly(c.audit());
    assertThat(store.audit(subject("1")).get(0).inputs()).isEqualTo(inputs);
  }

  @Test
  void should_keep_the_audit_of_each_subject_oldest_first() {
    // given
    SubjectRef a = subject("a");
    SubjectRef b = subject("b");
    Commit c1 = commit(signal("s-1", a), 0);
    Commit c2 = commit(signal("s-2", b), 0);
    Commit c3 = commit(signal("s-3", a), 1);
    // when
    store.commit(c1);
    store.commit(c2);
    store.commit(c3);
    // then
    assertThat(store.audit(a)).containsExactly(c1.audit(), c3.audit());
    assertThat(store.audit(b)).containsExactly(c2.audit());
  }


  // ------------------------------------------------------------------ inbox fingerprints and limits

  @Test
  void should_keep_the_subject_and_content_fingerprint_with_the_inbox_record() {
    // given
    Signal s = signal("s-1", subject("1"));
    store.commit(commit(s, 0));
    // when
    Optional<InboxRecord> record = store.lookup(subject("other"), "s-1").inbox();
    // then
    assertThat(record).hasValueSatisfying(r -> {
      assertThat(r.signalId()).isEqualTo("s-1");
      assertThat(r.subject()).isEqualTo(subject("1"));
      assertThat(r.fingerprint()).contains(s.fingerprint());
    });
    assertThat(store.lookup(subject("1"), "s-1").snapshot()).contains(store.load(subject("1")).orElseThrow());
  }

  @Test
  void should_commit_values_at_every_limit() {
    // given the longest ids, the longest timer name and the largest documents the model allows
    SubjectRef subject = subject("9".repeat(Limits.SUBJECT_ID_LENGTH));
    Signal big =
        Signal.builder()
            .id("i".repeat(Limits.SIGNAL_ID_LENGTH))
            .subject(subject)
            .type(SignalTypes.FORM_SUBMITTED)
            .occurredAt(T0)
            .source("contract")
            .attribute("blob", "a".repeat(Limits.ATTRIBUTES_LENGTH - 64))
            .build();
    PendingTimer timer =
        new PendingTimer("t".repeat(Limits.TIMER_NAME_LENGTH), T0, Long.MAX_VALUE / 2, Map.of());
    JourneySnapshot.Builder fat = snapshot(subject, 0).toBuilder();
    for (int i = 0; i < 3; i++) {
      fat.property("p" + i, "v".repeat(Limits.PROPERTY_VALUE_LENGTH), "contract", T0);
    }
    JourneySnapshot before = fat.build();
    JourneySnapshot after = before.toBuilder().version(1).timer(timer).build();
    Decision decision = Decision.noop(before, big, T0, RULES, "limits");
    Commit c =
        new Commit(big, 0, after, List.of(new TimerChange.Scheduled(timer)),
            List.of(entry("a".repeat(Limits.SIGNAL_ID_LENGTH), subject, 1, T0)),
            new AuditRecord(big, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), T0), List.of());
    // when
    CommitResult result = store.commit(c);
    // then
    assertThat(result).isEqualTo(CommitResult.COMMITTED);
    assertThat(store.load(subject)).contains(after);
    assertThat(store.audit(subject)).containsExactly(c.audit());
    assertThat(store.claimDueTimers(T0, LEASE, 10)).containsExactly(new DueTimer(subject, timer));
    assertThat(new DueTimer(subject, timer).signalId()).hasSizeLessThanOrEqualTo(Limits.SIGNAL_ID_LENGTH);
  }

  // ------------------------------------------------------------------ quarantine

  private static QuarantinedInput quarantined(Kind kind, String id, Instant at) {
    return new QuarantinedInput(kind, id, Optional.of(subject("q")), "it failed", "{\"k\":1}", 2, at);
  }

  @Test
  void should_list_inspect_replace_and_discard_quarantined_inputs_oldest_first() {
    // given
    store.quarantine(quarantined(Kind.EXTERNAL_EVENT, "evt-2", T0.plusSeconds(2)));
    store.quarantine(quarantined(Kind.SIGNAL, "sig-1", T0.plusSeconds(1)));
    store.quarantine(
        new QuarantinedInput(Kind.ID_CONFLICT, "sig-1", Optional.empty(), "other content", "", 1, T0.plusSeconds(3)));
    // when
    store.quarantine(quarantined(Kind.SIGNAL, "sig-1", T0.plusSeconds(1)).failedAgain("again", T0.plusSeconds(1)));
    // then
    assertThat(store.quarantined())
        .extracting(QuarantinedInput::kind, QuarantinedInput::id)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.SIGNAL, "sig-1"),
            org.assertj.core.groups.Tuple.tuple(Kind.EXTERNAL_EVENT, "evt-2"),
            org.assertj.core.groups.Tuple.tuple(Kind.ID_CONFLICT, "sig-1"));
    assertThat(store.inspect(Kind.SIGNAL, "sig-1")).hasValueSatisfying(q -> {
      assertThat(q.attempts()).isEqualTo(3);
      assertThat(q.reason()).isEqualTo("again");
      assertThat(q.subject()).contains(subject("q"));
      assertThat(q.content()).isEqualTo("{\"k\":1}");
    });
    assertThat(store.inspect(Kind.ID_CONFLICT, "sig-1")).hasValueSatisfying(q -> assertThat(q.subject()).isEmpty());
    assertThat(store.inspect(Kind.TIMER, "sig-1")).isEmpty();
    assertThat(store.discard(Kind.SIGNAL, "sig-1")).isTrue();
    assertThat(store.discard(Kind.SIGNAL, "sig-1")).isFalse();
    assertThat(store.requeue(Kind.EXTERNAL_EVENT, "evt-2", T0)).contains(quarantined(Kind.EXTERNAL_EVENT, "evt-2", T0.plusSeconds(2)));
    assertThat(store.requeue(Kind.EXTERNAL_EVENT, "evt-2", T0)).isEmpty();
    assertThat(store.quarantined()).extracting(QuarantinedInput::kind).containsExactly(Kind.ID_CONFLICT);
  }

  @Test
  void should_not_claim_a_quarantined_timer_until_it_is_requeued() {
    // given
    SubjectRef subject = subject("1");
    PendingTimer bad = timer("bad", T0, 1);
    PendingTimer good = timer("good", T0, 1);
    store.commit(commit(signal("s-1", subject), 0,
        List.of(new TimerChange.Scheduled(bad), new TimerChange.Scheduled(good)), List.of(), List.of()));
    String badId = new DueTimer(subject, bad).signalId();
    store.quarantine(quarantined(Kind.TIMER, badId, T0));
    // when
    List<DueTimer> claimed = store.claimDueTimers(T0, LEASE, 10);
    List<DueTimer> later = store.claimDueTimers(T0.plus(LEASE).plus(LEASE), LEASE, 10);
    // then
    assertThat(claimed).containsExactly(new DueTimer(subject, good));
    assertThat(later).containsExactly(new DueTimer(subject, good));
    assertThat(store.nextTimerDue()).contains(T0);
    // and once requeued it is claimed again
    assertThat(store.requeue(Kind.TIMER, badId, T0.plus(LEASE))).isPresent();
    assertThat(store.claimDueTimers(T0.plus(LEASE), LEASE, 10)).containsExactly(new DueTimer(subject, bad));
  }

  @Test
  void should_drop_a_discarded_quarantined_timer_from_the_index() {
    // given
    SubjectRef subject = subject("1");
    PendingTimer bad = timer("bad", T0, 1);
    store.commit(commit(signal("s-1", subject), 0, List.of(new TimerChange.Scheduled(bad)), List.of(), List.of()));
    String badId = new DueTimer(subject, bad).signalId();
    store.quarantine(quarantined(Kind.TIMER, badId, T0));
    // when
    boolean discarded = store.discard(Kind.TIMER, badId);
    // then
    assertThat(discarded).isTrue();
    assertThat(store.nextTimerDue()).isEmpty();
    assertThat(store.quarantined()).isEmpty();
  }

  @Test
  void should_erase_everything_about_a_subject_and_nothing_else_when_the_store_offers_erasure() {
    org.junit.jupiter.api.Assumptions.assumeTrue(store instanceof Erasure, "the store offers no erasure");
    // given
    SubjectRef ada = subject("ada");
    SubjectRef bob = subject("bob");
    store.commit(commit(signal("a-1", ada), 0, List.of(new TimerChange.Scheduled(timer("t", T0, 1))),
        List.of(entry("x-1", ada, 1, T0), entry("x-2", ada, 2, T0)), List.of()));
    store.commit(commit(signal("b-1", bob), 0, List.of(new TimerChange.Scheduled(timer("t", T0, 1))),
        List.of(entry("y-1", bob, 1, T0)), List.of()));
    store.deadLetter(entry("x-1", ada, 1, T0), "gave up", T0);
    store.quarantine(new QuarantinedInput(Kind.SIGNAL, "a-2", Optional.of(ada), "bad", "", 1, T0));
    // when
    int erased = ((Erasure) store).erase(ada);
    // then snapshot, inbox, timer, outbox x-2, audit, dead letter x-1 and the quarantined input
    assertThat(erased).isEqualTo(7);
    assertThat(store.lookup(ada, "a-1")).isEqualTo(new dev.journey.core.spi.SubjectLookup(Optional.empty(), Optional.empty()));
    assertThat(store.audit(ada)).isEmpty();
    assertThat(store.deadLetters()).isEmpty();
    assertThat(store.quarantined()).isEmpty();
    assertThat(ids(store.pendingActions())).containsExactly("y-1");
    assertThat(store.claimDueTimers(T0, LEASE, 10)).extracting(DueTimer::subject).containsExactly(bob);
    assertThat(store.load(bob)).isPresent();
    assertThat(processed("b-1")).isTrue();
  }

  // ------------------------------------------------------------------ poison inputs, through the engine

  /** The subject whose timers the poison rules fail on. */
  private static final SubjectRef POISON = SubjectRef.contact("666");

  private static final Duration SLA = Duration.ofHours(1);

  /** Rules: a form starts an SLA timer; its firing sets a property, but throws for {@link #POISON}. */
  private static JavaRuleSet timerRules(boolean failOnPoison) {
    return JavaRuleSet.builder("poison", failOnPoison ? "1" : "2")
        .rule("form starts the SLA",
            f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED),
            (f, d) -> d.startTimer("sla", f.now().plus(SLA)))
        .rule("SLA fires",
            f -> f.signal().isTimer(),
            (f, d) -> {
              if (failOnPoison && f.snapshot().subject().equals(POISON)) {
                throw new IllegalStateException("rule fails on purpose");
              }
              d.setProperty("sla", "fired");
            })
        .build();
  }

  private JourneyEngine engine(JourneyEvaluator evaluator, VirtualClock clock) {
    return JourneyEngine.builder()
        .definition(
            JourneyDefinition.builder("poison").model(JourneyModel.leadHandoff()).evaluator(evaluator).build())
        .store(store)
        .clock(clock)
        .build();
  }

  private static Signal form(String id, SubjectRef subject, Instant at, Map<String, ?> attributes) {
    return Signal.builder().id(id).subject(subject).type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(at).source("contract").attributes(attributes).build();
  }

  @Test
  void should_fire_every_other_timer_and_park_a_timer_that_always_fails() {
    // given one subject whose timer firing always fails, and one whose timer is fine
    VirtualClock clock = VirtualClock.at(T0);
    JourneyEngine engine = engine(timerRules(true), clock);
    engine.accept(form("f-poison", POISON, T0, Map.of()));
    engine.accept(form("f-ok", subject("7"), T0, Map.of()));
    clock.advance(SLA);
    // when
    int firstRound = engine.fireDueTimers();
    // then the good timer fired, the failing one waits for its lease and is not yet parked
    assertThat(firstRound).isEqualTo(1);
    assertThat(store.load(subject("7")).orElseThrow().property("sla")).contains("fired");
    assertThat(store.quarantined()).isEmpty();
    // when it fails twice more, once after each lease
    clock.advance(JourneyEngine.DEFAULT_TIMER_LEASE);
    assertThat(engine.fireDueTimers()).isZero();
    clock.advance(JourneyEngine.DEFAULT_TIMER_LEASE);
    assertThat(engine.fireDueTimers()).isZero();
    // then it is parked with its reason, and no longer claimed
    String id = "timer:" + POISON + ":sla:1";
    assertThat(store.quarantined()).singleElement().satisfies(q -> {
      assertThat(q.kind()).isEqualTo(Kind.TIMER);
      assertThat(q.id()).isEqualTo(id);
      assertThat(q.subject()).contains(POISON);
      assertThat(q.attempts()).isEqualTo(JourneyEngine.DEFAULT_MAX_TIMER_ATTEMPTS);
      assertThat(q.reason()).contains("rule fails on purpose");
    });
    clock.advance(Duration.ofHours(1));
    assertThat(engine.fireDueTimers()).isZero();
    assertThat(store.load(POISON).orElseThrow().property("sla")).isEmpty();
    // and once the rules are fixed and the timer requeued, it fires
    JourneyEngine fixed = engine(timerRules(false), clock);
    assertThat(store.requeue(Kind.TIMER, id, clock.instant())).isPresent();
    assertThat(fixed.fireDueTimers()).isEqualTo(1);
    assertThat(store.load(POISON).orElseThrow().property("sla")).contains("fired");
    assertThat(store.nextTimerDue()).isEmpty();
  }

  @Test
  void should_park_a_stored_timer_that_cannot_become_a_signal_and_fire_the_others() {
    // given timers stored before names were validated: one with a space, one too long for an id
    VirtualClock clock = VirtualClock.at(T0);
    JourneyEngine engine = engine(timerRules(true), clock);
    SubjectRef legacy = subject("legacy");
    PendingTimer spaced = new PendingTimer("first touch", T0, 1, Map.of());
    PendingTimer longName = new PendingTimer("n".repeat(240), T0, 1, Map.of());
    store.commit(commit(signal("s-legacy", legacy), 0,
        List.of(new TimerChange.Scheduled(spaced), new TimerChange.Scheduled(longName)), List.of(), List.of()));
    engine.accept(form("f-ok", subject("7"), T0, Map.of()));
    clock.advance(SLA);
    // when
    int fired = engine.fireDueTimers();
    // then
    assertThat(fired).isEqualTo(1);
    assertThat(store.load(subject("7")).orElseThrow().property("sla")).contains("fired");
    assertThat(store.quarantined()).hasSize(2).allSatisfy(q -> {
      assertThat(q.kind()).isEqualTo(Kind.TIMER);
      assertThat(q.attempts()).isEqualTo(1);
      assertThat(q.subject()).contains(legacy);
      assertThat(q.reason()).startsWith("the timer cannot fire: signal.id must be");
    });
    clock.advance(Duration.ofHours(1));
    assertThat(engine.fireDueTimers()).isZero();
  }

  @Test
  void should_refuse_a_rule_making_a_bad_timer_name_and_write_nothing() {
    // given
    VirtualClock clock = VirtualClock.at(T0);
    JourneyEngine engine =
        engine(
            JavaRuleSet.builder("bad-timer", "1")
                .rule("spaced", f -> true, (f, d) -> d.startTimer("first touch", f.now()))
                .build(),
            clock);
    // when / then
    assertThatThrownBy(() -> engine.accept(form("f-1", subject("1"), T0, Map.of())))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("timer.name must be free of white space and control characters, but was 'first touch'");
    assertThat(store.lookup(subject("1"), "f-1"))
        .isEqualTo(new dev.journey.core.spi.SubjectLookup(Optional.empty(), Optional.empty()));
    assertThatThrownBy(() -> d().startTimer("x".repeat(Limits.TIMER_NAME_LENGTH + 1), T0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("timer.name must be at most 64 characters, but was 65 characters");
  }

  private static Decision.Builder d() {
    Signal s = signal("d", subject("1"));
    return Decision.builder(JourneySnapshot.initial(s.subject(), "NURTURE", T0), s, T0, RULES);
  }

  @Test
  void should_refuse_an_oversize_signal_at_intake_and_commit_one_at_the_limit() {
    // given
    VirtualClock clock = VirtualClock.at(T0);
    JourneyEngine engine = engine(timerRules(true), clock);
    // when / then a 600k-character attribute is refused before anything is written
    assertThatThrownBy(() -> form("big", subject("1"), T0, Map.of("notes", "x".repeat(600_000))))
        .isInstanceOf(InvalidSignalException.class)
        .hasMessage("signal.attributes must be at most 65536 characters as JSON, but was 600012 characters");
    // and one at the limit is committed, on every store alike
    Signal atLimit = form("fits", subject("1"), T0, Map.of("notes", "x".repeat(Limits.ATTRIBUTES_LENGTH - 12)));
    SignalResult result = engine.accept(atLimit);
    assertThat(result.status()).isEqualTo(SignalResult.Status.DECIDED);
    assertThat(store.audit(subject("1"))).singleElement()
        .satisfies(a -> assertThat(a.signal()).isEqualTo(atLimit));
  }

  @Test
  void should_reject_and_audit_a_decision_whose_snapshot_exceeds_the_limit() {
    // given a rule that would grow the snapshot beyond the limit
    VirtualClock clock = VirtualClock.at(T0);
    String value = "v".repeat(Limits.PROPERTY_VALUE_LENGTH);
    JourneyEngine engine =
        engine(
            JavaRuleSet.builder("fat", "1")
                .rule("fat", f -> f.signal().type().equals(SignalTypes.FORM_SUBMITTED), (f, d) -> {
                  for (int i = 0; i < 5; i++) {
                    d.setProperty("p" + i, value);
                  }
                })
                .build(),
            clock);
    // when
    SignalResult result = engine.accept(form("f-1", subject("1"), T0, Map.of()));
    // then
    assertThat(result.status()).isEqualTo(SignalResult.Status.REJECTED);
    assertThat(((SignalResult.Rejected) result).cause())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("snapshot of contact:1 must be at most 262144 characters as JSON, but was ");
    assertThat(store.load(subject("1"))).isEmpty();
    assertThat(store.audit(subject("1"))).singleElement()
        .satisfies(a -> assertThat(a.outcome()).isEqualTo(AuditRecord.Outcome.REJECTED));
    assertThat(processed("f-1")).isTrue();
  }

  @Test
  void should_quarantine_a_reused_id_with_other_content_and_keep_what_was_accepted() {
    // given
    VirtualClock clock = VirtualClock.at(T0);
    JourneyEngine engine = engine(timerRules(true), clock);
    Signal original = form("form-1", subject("1"), T0, Map.of("formId", "pricing"));
    assertThat(engine.accept(original).status()).isEqualTo(SignalResult.Status.DECIDED);
    JourneySnapshot accepted = store.load(subject("1")).orElseThrow();
    // when an exact redelivery (even restamped) comes, it is a duplicate
    Signal restamped = form("form-1", subject("1"), T0.plusSeconds(30), Map.of("formId", "pricing"));
    assertThat(engine.accept(restamped).status()).isEqualTo(SignalResult.Status.DUPLICATE);
    // when the id comes back with other content, or for another subject, it is a typed conflict
    assertThatThrownBy(() -> engine.accept(form("form-1", subject("1"), T0, Map.of("formId", "demo"))))
        .isInstanceOf(SignalIdConflictException.class)
        .hasMessage("signal form-1 for contact:1 must be a redelivery of the signal processed under that"
            + " id (for contact:1), but its content differs");
    assertThatThrownBy(() -> engine.accept(form("form-1", subject("2"), T0, Map.of("formId", "pricing"))))
        .isInstanceOf(SignalIdConflictException.class)
        .hasMessageContaining("for contact:2 must be a redelivery")
        .hasMessageContaining("(for contact:1)");
    // then both are quarantined under the id, and nothing accepted changed
    assertThat(store.quarantined()).singleElement().satisfies(q -> {
      assertThat(q.kind()).isEqualTo(Kind.ID_CONFLICT);
      assertThat(q.id()).isEqualTo("form-1");
      assertThat(q.attempts()).isEqualTo(2);
      assertThat(q.content()).doesNotContain("pricing").contains("formId");
    });
    assertThat(store.load(subject("1"))).contains(accepted);
    assertThat(store.load(subject("2"))).isEmpty();
    assertThat(store.audit(subject("1"))).hasSize(1);
  }

  @Test
  void should_write_nothing_for_a_failing_evaluator_and_keep_serving_other_subjects() {
    // given
    VirtualClock clock = VirtualClock.at(T0);
    JourneyEvaluator failing = (snapshot, signal, now) -> {
      if (signal.subject().equals(POISON)) {
        throw new IllegalStateException("evaluator fails on purpose");
      }
      return timerRules(true).evaluate(snapshot, signal, now);
    };
    JourneyEngine engine = engine(failing, clock);
    // when / then
    assertThatThrownBy(() -> engine.accept(form("f-p", POISON, T0, Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("evaluator fails on purpose");
    assertThat(engine.accept(form("f-ok", subject("7"), T0, Map.of())).status())
        .isEqualTo(SignalResult.Status.DECIDED);
    assertThat(store.lookup(POISON, "f-p"))
        .isEqualTo(new dev.journey.core.spi.SubjectLookup(Optional.empty(), Optional.empty()));
    assertThat(store.audit(POISON)).isEmpty();
    assertThat(store.nextTimerDue()).contains(T0.plus(SLA));
  }

  // ------------------------------------------------------------------ concurrency

  @Test
  void should_let_exactly_one_of_concurrent_commits_of_the_same_version_win() throws Exception {
    // given
    SubjectRef subject = subject("1");
    store.commit(commit(signal("s-0", subject), 0));
    int threads = 8;
    List<Callable<CommitResult>> tasks = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Commit c = commit(signal("c-" + i, subject), 1, List.of(), List.of(entry("a-" + i, subject, 1 + i, T0)), List.of());
      tasks.add(() -> store.commit(c));
    }
    // when
    List<CommitResult> results = runAll(tasks);
    // then
    assertThat(results).filteredOn(r -> r == CommitResult.COMMITTED).hasSize(1);
    assertThat(results).filteredOn(r -> r == CommitResult.CONFLICT).hasSize(threads - 1);
    assertThat(store.load(subject).orElseThrow().version()).isEqualTo(2);
    assertThat(store.pendingActions()).hasSize(1);
  }

  @Test
  void should_deduplicate_concurrent_commits_of_the_same_signal() throws Exception {
    // given
    int threads = 8;
    List<Callable<CommitResult>> tasks = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Commit c = commit(signal("same", subject("s" + i)), 0);
      tasks.add(() -> store.commit(c));
    }
    // when
    List<CommitResult> results = runAll(tasks);
    // then
    assertThat(results).filteredOn(r -> r == CommitResult.COMMITTED).hasSize(1);
    assertThat(results).filteredOn(r -> r == CommitResult.DUPLICATE).hasSize(threads - 1);
  }

  @Test
  void should_claim_each_due_timer_once_across_concurrent_claimers() throws Exception {
    // given
    int subjects = 40;
    for (int i = 0; i < subjects; i++) {
      SubjectRef subject = subject("t" + i);
      store.commit(commit(signal("s-" + i, subject), 0,
          List.of(new TimerChange.Scheduled(timer("sla", T0.plusMillis(i), 1))), List.of(), List.of()));
    }
    List<Callable<List<DueTimer>>> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(() -> {
        List<DueTimer> mine = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
          mine.addAll(store.claimDueTimers(T0.plusSeconds(1), LEASE, 3));
        }
        return mine;
      });
    }
    // when
    List<DueTimer> all = new ArrayList<>();
    runAll(tasks).forEach(all::addAll);
    // then
    assertThat(all).hasSize(subjects);
    assertThat(all).doesNotHaveDuplicates();
  }

  private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<T>> futures = pool.invokeAll(tasks);
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
