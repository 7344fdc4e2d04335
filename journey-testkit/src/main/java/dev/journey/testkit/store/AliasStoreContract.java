package dev.journey.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journey.core.Alias;
import dev.journey.core.Signal;
import dev.journey.core.SignalTypes;
import dev.journey.core.SubjectRef;
import dev.journey.core.action.Notify;
import dev.journey.core.decision.Decision;
import dev.journey.core.decision.RuleSetRef;
import dev.journey.core.identity.MergeRequest;
import dev.journey.core.identity.MergeResult;
import dev.journey.core.identity.SubjectMerger;
import dev.journey.core.spi.AliasChange;
import dev.journey.core.spi.AliasStore;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.Erasure;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneyModel;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import dev.journey.testkit.clock.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a store's identity graph ({@link AliasStore}), as a JUnit 5 suite: aliases
 * committed with the snapshot or not at all, collisions as conflicts, account links that can be
 * re-pointed and removed, a merge in one commit (snapshot, timers, outbox, aliases, audit) that
 * is idempotent and compare-and-set, a refused merge that writes only its audit and review item,
 * a merged-away subject that no signal can revive, and erasure of a subject with its aliases and
 * the subjects merged into it. Extend it like {@link JourneyStoreContract}:
 *
 * <pre>{@code
 * final class MyAliasStoreContractTest extends AliasStoreContract {
 *   @Override
 *   protected JourneyStore newStore() {
 *     return MyStore.createEmpty(); // a JourneyStore that is also an AliasStore
 *   }
 * }
 * }</pre>
 */
public abstract class AliasStoreContract {
  /** The instant the contract's commits happen at. */
  protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final RuleSetRef RULES = RuleSetRef.of("contract", "1");
  private static final Alias EMAIL = Alias.of(Alias.EMAIL, "a1b2c3".repeat(10) + "d4e5");
  private static final Alias USER = Alias.of("product-user", "u-77");

  /** The store under test, new for every test. */
  protected JourneyStore store;

  private AliasStore aliases;

  /** For subclasses. */
  protected AliasStoreContract() {}

  /** Returns a new, empty store that is also an {@link AliasStore}; called before every test. */
  protected abstract JourneyStore newStore();

  /** Releases a store after its test; the default does nothing. */
  protected void release(JourneyStore used) {}

  @BeforeEach
  final void createStore() {
    store = newStore();
    assertThat(store).isInstanceOf(AliasStore.class);
    aliases = (AliasStore) store;
  }

  @AfterEach
  final void releaseStore() {
    release(store);
  }

  private static Signal signal(String id, SubjectRef subject) {
    return Signal.builder()
        .id(id)
        .subject(subject)
        .type(SignalTypes.FORM_SUBMITTED)
        .occurredAt(T0)
        .source("contract")
        .build();
  }

  private static Commit commit(Signal signal, long expected, JourneySnapshot after, List<TimerChange> timers, List<OutboxEntry> outbox) {
    JourneySnapshot before = JourneySnapshot.initial(signal.subject(), "NURTURE", T0).toBuilder().version(expected).build();
    Decision decision = Decision.noop(before, signal, T0, RULES, "contract");
    AuditRecord audit = new AuditRecord(signal, before, decision, AuditRecord.Outcome.DECIDED, Optional.empty(), T0);
    return new Commit(signal, expected, after, timers, outbox, audit, List.of());
  }

  private static JourneySnapshot at(SubjectRef subject, long version) {
    return JourneySnapshot.initial(subject, "NURTURE", T0).toBuilder().version(version).counter("n", version).build();
  }

  private CommitResult attach(String signalId, SubjectRef subject, long expected, AliasChange... changes) {
    return aliases.commit(commit(signal(signalId, subject), expected, at(subject, expected + 1), List.of(), List.of()), List.of(changes));
  }

  private static AliasChange.Attach attach(Alias alias, SubjectRef subject) {
    return new AliasChange.Attach(alias, subject, false);
  }

  private SubjectMerger merger() {
    return SubjectMerger.builder().store(store).model(JourneyModel.leadHandoff()).clock(VirtualClock.at(T0)).build();
  }

  @Test
  void should_commit_aliases_with_the_snapshot_and_resolve_them() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");

    // when
    CommitResult result = attach("s1", ada, 0, attach(EMAIL, ada), attach(USER, ada));

    // then
    assertThat(result).isEqualTo(CommitResult.COMMITTED);
    assertThat(aliases.resolve(EMAIL)).contains(ada);
    assertThat(aliases.resolve(USER)).contains(ada);
    assertThat(aliases.aliases(ada)).containsExactly(EMAIL, USER);
    assertThat(store.load(ada)).map(JourneySnapshot::version).contains(1L);
    assertThat(aliases.resolve(Alias.of("product-user", "u-78"))).isEmpty();
  }

  @Test
  void should_conflict_and_write_nothing_when_an_alias_points_to_another_subject() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    SubjectRef bob = SubjectRef.contact("1002");
    attach("s1", ada, 0, attach(EMAIL, ada));

    // when
    CommitResult result = attach("s2", bob, 0, attach(USER, bob), attach(EMAIL, bob));

    // then
    assertThat(result).isEqualTo(CommitResult.CONFLICT);
    assertThat(store.load(bob)).isEmpty();
    assertThat(aliases.resolve(USER)).isEmpty();
    assertThat(aliases.resolve(EMAIL)).contains(ada);
    assertThat(store.lookup(bob, "s2").inbox()).isEmpty();
  }

  @Test
  void should_write_no_alias_for_a_duplicate_or_a_stale_commit() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    attach("s1", ada, 0);

    // when
    CommitResult duplicate = attach("s1", ada, 1, attach(EMAIL, ada));
    CommitResult stale = attach("s2", ada, 0, attach(USER, ada));

    // then
    assertThat(duplicate).isEqualTo(CommitResult.DUPLICATE);
    assertThat(stale).isEqualTo(CommitResult.CONFLICT);
    assertThat(aliases.aliases(ada)).isEmpty();
  }

  @Test
  void should_re_point_and_remove_an_account_link() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    SubjectRef acme = SubjectRef.company("77");
    SubjectRef globex = SubjectRef.company("78");
    attach("s1", ada, 0, new AliasChange.Attach(Alias.accountOf(ada), acme, true));

    // when
    attach("s2", ada, 1, new AliasChange.Attach(Alias.accountOf(ada), globex, true));

    // then
    assertThat(aliases.resolve(Alias.accountOf(ada))).contains(globex);
    assertThat(aliases.aliases(acme)).isEmpty();
    assertThat(aliases.aliases(globex)).containsExactly(Alias.accountOf(ada));

    // when
    attach("s3", ada, 2, new AliasChange.Detach(Alias.accountOf(ada)));

    // then
    assertThat(aliases.resolve(Alias.accountOf(ada))).isEmpty();
  }

  @Test
  void should_merge_snapshot_timers_outbox_aliases_and_audit_in_one_commit() {
    // given: the survivor with an SLA timer, the absorbed with its own SLA, a reminder, an alias
    // and a pending action
    SubjectRef ada = SubjectRef.contact("1001");
    SubjectRef dup = SubjectRef.contact("1002");
    PendingTimer sla = new PendingTimer("sla:first-touch", T0.plusSeconds(3600), 1, Map.of());
    JourneySnapshot survivor = at(ada, 1).toBuilder().timer(sla).property("owner", "owner-7", "routing", T0).build();
    aliases.commit(commit(signal("s1", ada), 0, survivor, List.of(new TimerChange.Scheduled(sla)), List.of()), List.of(attach(EMAIL, ada)));
    PendingTimer dupSla = new PendingTimer("sla:first-touch", T0.plusSeconds(600), 1, Map.of());
    PendingTimer reminder = new PendingTimer("reminder", T0.plusSeconds(1200), 1, Map.of("k", "v"));
    JourneySnapshot absorbed = at(dup, 1).toBuilder().timer(dupSla).timer(reminder).state("SALES_ENGAGED", T0).build();
    OutboxEntry pending = new OutboxEntry(new Notify("act-1", dup, "owner-1", "hello"), 1L << 16, T0, 0, T0);
    aliases.commit(
        commit(signal("s2", dup), 0, absorbed,
            List.of(new TimerChange.Scheduled(dupSla), new TimerChange.Scheduled(reminder)), List.of(pending)),
        List.of(attach(USER, dup)));

    // when
    MergeResult result =
        merger().merge(MergeRequest.crm("merge-1", ada, List.of(dup), "hubspot-contact", T0));

    // then
    assertThat(result).isInstanceOf(MergeResult.Merged.class);
    JourneySnapshot merged = store.load(ada).orElseThrow();
    assertThat(merged.version()).isEqualTo(2);
    assertThat(merged.state()).isEqualTo("SALES_ENGAGED");
    assertThat(merged.owner()).contains("owner-7");
    assertThat(merged.counters()).containsEntry("n", 2L);
    assertThat(merged.timers().keySet()).containsExactly("reminder", "sla:first-touch");
    assertThat(merged.timers().get("sla:first-touch")).isEqualTo(sla);
    assertThat(store.load(dup)).isEmpty();
    assertThat(aliases.resolve(USER)).contains(ada);
    assertThat(aliases.resolve(Alias.subject(dup))).contains(ada);
    // timers: the absorbed subject's are gone, the reminder fires once, for the survivor
    List<DueTimer> due = store.claimDueTimers(T0.plusSeconds(7200), Duration.ofMinutes(1), 10);
    assertThat(due).extracting(DueTimer::subject).containsOnly(ada);
    assertThat(due).extracting(d -> d.timer().name()).containsExactlyInAnyOrder("reminder", "sla:first-touch");
    // the pending action moved with its id
    assertThat(store.pendingActions()).extracting(OutboxEntry::actionId).containsExactly("act-1");
    assertThat(store.pendingActions()).extracting(OutboxEntry::subject).containsExactly(ada);
    // both audits kept, each with the merge record
    assertThat(store.audit(ada)).extracting(r -> r.signal().id()).containsExactly("s1", "merge-1");
    assertThat(store.audit(dup)).extracting(r -> r.signal().id()).containsExactly("s2", "merge-1");
  }

  @Test
  void should_change_nothing_when_a_merge_is_redelivered() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    SubjectRef dup = SubjectRef.contact("1002");
    attach("s1", ada, 0);
    attach("s2", dup, 0);
    merger().merge(MergeRequest.crm("merge-1", ada, List.of(dup), "hubspot-contact", T0));
    JourneySnapshot after = store.load(ada).orElseThrow();

    // when
    MergeResult again = merger().merge(MergeRequest.crm("merge-1", ada, List.of(dup), "hubspot-contact", T0));
    MergeResult other = merger().merge(MergeRequest.crm("merge-2", ada, List.of(dup), "hubspot-contact", T0));

    // then
    assertThat(again).isInstanceOf(MergeResult.Unchanged.class);
    assertThat(other).isInstanceOf(MergeResult.Unchanged.class);
    assertThat(store.load(ada)).contains(after);
    assertThat(store.audit(ada)).hasSize(2);
  }

  @Test
  void should_conflict_a_merge_whose_absorbed_subject_moved_and_write_nothing() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    SubjectRef dup = SubjectRef.contact("1002");
    attach("s1", ada, 0);
    attach("s2", dup, 0);
    MergeCommitProbe probe = new MergeCommitProbe(ada, dup);

    // when: the absorbed subject commits once more after the merge was prepared
    attach("s3", dup, 1, attach(USER, dup));
    CommitResult result = aliases.commitMerge(probe.commit("merge-1", 1, 1));

    // then
    assertThat(result).isEqualTo(CommitResult.CONFLICT);
    assertThat(store.load(dup)).isPresent();
    assertThat(aliases.resolve(Alias.subject(dup))).isEmpty();
    assertThat(store.lookup(ada, "merge-1").inbox()).isEmpty();
  }

  @Test
  void should_refuse_a_merge_joining_two_product_user_ids_and_queue_it_for_review() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    SubjectRef dup = SubjectRef.contact("1002");
    attach("s1", ada, 0, attach(Alias.of("product-user", "u-1"), ada));
    attach("s2", dup, 0, attach(Alias.of("product-user", "u-2"), dup));

    // when
    MergeResult result = merger().merge(MergeRequest.crm("merge-1", ada, List.of(dup), "hubspot-contact", T0));

    // then
    assertThat(result).isInstanceOf(MergeResult.Refused.class);
    assertThat(((MergeResult.Refused) result).violations()).containsExactly("product-user");
    assertThat(store.load(dup)).isPresent();
    assertThat(store.load(ada).orElseThrow().version()).isEqualTo(1);
    assertThat(aliases.resolve(Alias.subject(dup))).isEmpty();
    assertThat(store.inspect(QuarantinedInput.Kind.IDENTITY_REVIEW, "merge-1")).isPresent();
    assertThat(store.audit(ada)).extracting(AuditRecord::outcome).containsExactly(AuditRecord.Outcome.DECIDED, AuditRecord.Outcome.REJECTED);
    assertThat(store.audit(dup)).extracting(AuditRecord::outcome).containsExactly(AuditRecord.Outcome.DECIDED, AuditRecord.Outcome.REJECTED);
  }

  @Test
  void should_refuse_an_api_merge_of_two_crm_contacts() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    SubjectRef dup = SubjectRef.contact("1002");
    attach("s1", ada, 0);
    attach("s2", dup, 0);

    // when
    MergeResult result = merger().merge(MergeRequest.api("merge-1", ada, List.of(dup), T0));

    // then
    assertThat(result).isInstanceOf(MergeResult.Refused.class);
    assertThat(((MergeResult.Refused) result).violations()).containsExactly("hubspot-contact");
  }

  @Test
  void should_not_let_a_new_commit_revive_a_merged_away_subject() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    SubjectRef dup = SubjectRef.contact("1002");
    attach("s1", ada, 0);
    attach("s2", dup, 0);
    merger().merge(MergeRequest.crm("merge-1", ada, List.of(dup), "hubspot-contact", T0));

    // when
    CommitResult result = store.commit(commit(signal("s3", dup), 0, at(dup, 1), List.of(), List.of()));

    // then
    assertThat(result).isEqualTo(CommitResult.CONFLICT);
    assertThat(store.load(dup)).isEmpty();
  }

  @Test
  void should_point_subjects_merged_earlier_to_the_last_survivor() {
    // given
    SubjectRef a = SubjectRef.contact("1");
    SubjectRef b = SubjectRef.contact("2");
    SubjectRef c = SubjectRef.contact("3");
    attach("s1", a, 0);
    attach("s2", b, 0);
    attach("s3", c, 0);
    merger().merge(MergeRequest.crm("m1", b, List.of(a), "hubspot-contact", T0));

    // when
    merger().merge(MergeRequest.crm("m2", c, List.of(b), "hubspot-contact", T0));

    // then
    assertThat(aliases.resolve(Alias.subject(a))).contains(c);
    assertThat(aliases.resolve(Alias.subject(b))).contains(c);
  }

  @Test
  void should_erase_a_subject_with_its_aliases_and_the_subjects_merged_into_it() {
    // given
    SubjectRef ada = SubjectRef.contact("1001");
    SubjectRef dup = SubjectRef.contact("1002");
    SubjectRef other = SubjectRef.contact("2000");
    attach("s1", ada, 0, attach(EMAIL, ada), new AliasChange.Attach(Alias.accountOf(ada), SubjectRef.company("77"), true));
    attach("s2", dup, 0, attach(USER, dup));
    attach("s3", other, 0, attach(Alias.of("product-user", "u-9"), other));
    merger().merge(MergeRequest.crm("merge-1", ada, List.of(dup), "hubspot-contact", T0));
    if (!(store instanceof Erasure erasure)) {
      return;
    }

    // when
    int deleted = erasure.erase(ada);

    // then
    assertThat(deleted).isPositive();
    assertThat(store.load(ada)).isEmpty();
    assertThat(aliases.resolve(EMAIL)).isEmpty();
    assertThat(aliases.resolve(USER)).isEmpty();
    assertThat(aliases.resolve(Alias.subject(dup))).isEmpty();
    assertThat(aliases.resolve(Alias.accountOf(ada))).isEmpty();
    assertThat(aliases.aliases(ada)).isEmpty();
    assertThat(store.audit(ada)).isEmpty();
    assertThat(store.audit(dup)).isEmpty();
    assertThat(aliases.resolve(Alias.of("product-user", "u-9"))).contains(other);
    assertThat(store.load(other)).isPresent();
  }

  /** Builds a merge commit by hand, to commit it after the store moved. */
  private final class MergeCommitProbe {
    private final SubjectRef survivor;
    private final SubjectRef absorbed;

    MergeCommitProbe(SubjectRef survivor, SubjectRef absorbed) {
      this.survivor = survivor;
      this.absorbed = absorbed;
    }

    dev.journey.core.spi.MergeCommit commit(String id, long survivorVersion, long absorbedVersion) {
      Signal signal = Signal.builder().id(id).subject(survivor).type(SubjectMerger.MERGED).occurredAt(T0).source("contract").build();
      JourneySnapshot before = at(survivor, survivorVersion);
      AuditRecord audit =
          new AuditRecord(signal, before, Decision.noop(before, signal, T0, RULES, "merge"), AuditRecord.Outcome.DECIDED, Optional.empty(), T0);
      return new dev.journey.core.spi.MergeCommit(
          signal, survivorVersion, at(survivor, survivorVersion + 1), Map.of(absorbed, absorbedVersion),
          List.of(), List.of(audit), java.util.Optional.empty());
    }
  }
}
