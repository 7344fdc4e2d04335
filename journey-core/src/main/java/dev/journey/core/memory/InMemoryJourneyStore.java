package dev.journey.core.memory;

import dev.journey.core.Alias;
import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Fingerprint;
import dev.journey.core.rollout.DeploymentConflictException;
import dev.journey.core.rollout.DeploymentStore;
import dev.journey.core.rollout.JourneyDeployment;
import dev.journey.core.spi.AliasChange;
import dev.journey.core.spi.AliasStore;
import dev.journey.core.spi.MergeCommit;
import dev.journey.core.spi.AuditRecord;
import dev.journey.core.spi.Commit;
import dev.journey.core.spi.CommitResult;
import dev.journey.core.spi.DeadLetter;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.spi.Erasure;
import dev.journey.core.spi.InboxRecord;
import dev.journey.core.spi.JourneyStore;
import dev.journey.core.spi.OutboxEntry;
import dev.journey.core.spi.PurgeReport;
import dev.journey.core.spi.QuarantinedInput;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.Retention;
import dev.journey.core.spi.SharedWrite;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A thread-safe {@link JourneyStore} in memory, honouring the same contract as a durable store:
 * one atomic commit per signal (inbox, snapshot compare-and-set, timers, outbox, audit, shared
 * state). Everything is lost when the process ends; use it for tests, the demo and workloads that
 * can rebuild their state.
 *
 * <pre>{@code
 * JourneyStore store = InMemoryJourneyStore.create();
 * JourneyStore lean = InMemoryJourneyStore.builder().auditPerSubject(0).build();
 * }</pre>
 */
public final class InMemoryJourneyStore
    implements JourneyStore, AliasStore, Retention, Erasure, DeploymentStore {
  /** Audit records kept per subject by default: unlimited. */
  public static final int DEFAULT_AUDIT_PER_SUBJECT = Integer.MAX_VALUE;
  /** Default time processed signal ids are kept by {@link #purgeExpired}: 7 days. */
  public static final Duration DEFAULT_INBOX_RETENTION = Duration.ofDays(7);
  /** Processed signal ids the inbox is sized for before it first grows: 4,096. */
  public static final int DEFAULT_EXPECTED_SIGNALS = 4096;

  private static final int STRIPES = 256;
  /** Signals {@link #prefetch} touches at most per call. */
  private static final int MAX_PREFETCH = 256;

  private final int auditPerSubject;
  private final Duration inboxRetention;
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private final ReentrantLock sharedLock = new ReentrantLock();
  // one open-addressing table per stripe, read and written under that stripe's lock
  private final SnapshotTable[] snapshots = new SnapshotTable[STRIPES];
  private final InboxTable inbox;
  private final ConcurrentHashMap<String, SharedState> shared = new ConcurrentHashMap<>();
  private final TimerWheel timers = new TimerWheel();
  private final ConcurrentHashMap<SubjectRef, SubjectOutbox> outbox = new ConcurrentHashMap<>();
  private final Map<String, DeadLetter> deadLetters = new LinkedHashMap<>();
  private final ConcurrentHashMap<SubjectRef, List<AuditRecord>> audit = new ConcurrentHashMap<>();
  private final Map<QuarantineKey, QuarantinedInput> quarantine = new LinkedHashMap<>();
  // the identity graph: written under identityLock (after the subjects' stripes)
  private final ReentrantLock identityLock = new ReentrantLock();
  private final ConcurrentHashMap<String, JourneyDeployment> deployments = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Alias, SubjectRef> aliasIndex = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SubjectRef, java.util.TreeSet<Alias>> aliasesOf =
      new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<String, dev.journey.core.spi.RuleSetSources> archive =
      new ConcurrentSkipListMap<>();

  private InMemoryJourneyStore(int auditPerSubject, Duration inboxRetention, int expectedSignals) {
    this.auditPerSubject = auditPerSubject;
    this.inboxRetention = inboxRetention;
    this.inbox = new InboxTable(expectedSignals);
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new ReentrantLock();
      snapshots[i] = new SnapshotTable();
    }
  }

  /** A store keeping every audit record. */
  public static InMemoryJourneyStore create() {
    return builder().build();
  }

  /** A builder for a store with limits. */
  public static Builder builder() {
    return new Builder();
  }

  private static int stripeIndex(SubjectRef subject) {
    return (subject.hashCode() & 0x7fffffff) % STRIPES;
  }

  private ReentrantLock stripe(SubjectRef subject) {
    return stripes[stripeIndex(subject)];
  }

  /** The subject's snapshot, or {@code null}. Call holding the subject's stripe. */
  private JourneySnapshot snapshot(SubjectRef subject) {
    return snapshots[stripeIndex(subject)].get(subject);
  }

  /** The subject's snapshot, or {@code null}, under its stripe's lock. */
  private JourneySnapshot lockedSnapshot(SubjectRef subject) {
    int index = stripeIndex(subject);
    ReentrantLock lock = stripes[index];
    lock.lock();
    try {
      return snapshots[index].get(subject);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<JourneySnapshot> load(SubjectRef subject) {
    return Optional.ofNullable(lockedSnapshot(Objects.requireNonNull(subject, "subject")));
  }

  @Override
  public SubjectLookup lookup(SubjectRef subject, String signalId) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(signalId, "signalId");
    return new SubjectLookup(
        Optional.ofNullable(lockedSnapshot(subject)), Optional.ofNullable(inbox.get(signalId)));
  }

  /**
   * Touches, for every signal, what {@link #lookup} and {@link #commit} will read: the signal,
   * its subject and id, the subject's snapshot slot and snapshot, and the id's inbox slot. The
   * reads run in stages over the whole batch (hashes first, then the slots, then the objects the
   * slots point to), so that within a stage no read waits for another and the processor overlaps
   * their cache misses, where one signal at a time would wait for each in turn. Nothing is locked
   * or written but this thread's scratch arrays.
   */
  @Override
  public void prefetch(List<dev.journey.core.Signal> signals) {
    // a hint: past the first batch's worth, the first signals' lines would be gone by their turn
    int n = Math.min(signals.size(), MAX_PREFETCH);
    if (n < 2) {
      return; // nothing to overlap
    }
    Scratch scratch = SCRATCH.get().sized(n);
    int[] subjectHashes = scratch.subjectHashes;
    int[] idHashes = scratch.idHashes;
    Object[] found = scratch.found;
    long sum = 0;
    // stage 1: the signals, their subjects and ids (a new id's hash is computed here, once)
    for (int i = 0; i < n; i++) {
      dev.journey.core.Signal signal = signals.get(i);
      if (signal == null) {
        subjectHashes[i] = 0;
        idHashes[i] = 0;
        continue;
      }
      subjectHashes[i] = signal.subject().hashCode();
      idHashes[i] = signal.id().hashCode();
    }
    // stage 2: the home slots, at addresses that depend only on the hashes
    for (int i = 0; i < n; i++) {
      int h = subjectHashes[i];
      sum += snapshots[(h & 0x7fffffff) % STRIPES].peek(h, found, 2 * i);
      sum += inbox.peek(idHashes[i]);
    }
    // stage 3: the objects the snapshot slots point to
    for (int i = 0; i < n; i++) {
      if (found[2 * i] instanceof SubjectRef key) {
        sum += key.id().hashCode(); // an equal, not identical subject is compared by its id
      }
      if (found[2 * i + 1] instanceof JourneySnapshot snapshot) {
        sum += snapshot.version() + snapshot.properties().size() + snapshot.timers().size();
      }
    }
    java.util.Arrays.fill(found, 0, 2 * n, null);
    scratch.sink += sum; // keeps the reads; this thread's own field, no shared line written
  }

  /** One thread's arrays for {@link #prefetch}, grown to the largest batch seen. */
  private static final class Scratch {
    int[] subjectHashes = new int[0];
    int[] idHashes = new int[0];
    Object[] found = new Object[0];
    long sink;

    Scratch sized(int n) {
      if (subjectHashes.length < n) {
        subjectHashes = new int[n];
        idHashes = new int[n];
        found = new Object[2 * n];
      }
      return this;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  @Override
  public CommitResult commit(Commit commit) {
    return commit(commit, List.of());
  }

  @Override
  public CommitResult commit(Commit commit, List<AliasChange> aliasChanges) {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(aliasChanges, "aliases");
    // a store that keeps audit refuses a commit without its record before it writes anything
    AuditRecord kept = auditPerSubject > 0 ? commit.audit() : null;
    SubjectRef subject = commit.signal().subject();
    ReentrantLock lock = stripe(subject);
    lock.lock();
    boolean identifying = !aliasChanges.isEmpty();
    if (identifying) {
      identityLock.lock();
    }
    boolean sharing = !commit.sharedWrites().isEmpty();
    if (sharing) {
      sharedLock.lock();
    }
    try {
      // The compare-and-set checks first, the inbox after: a commit that passes them probes the
      // inbox once (its insert tells a duplicate); one that fails looks whether the signal was a
      // duplicate, which takes precedence over a conflict, as it always did.
      String signalId = commit.signal().id();
      if (!checksPass(commit, subject, aliasChanges)) {
        return inbox.contains(signalId) ? CommitResult.DUPLICATE : CommitResult.CONFLICT;
      }
      // the fingerprint's 128 bits as two longs: no hex text built here and parsed back
      Fingerprint fingerprint = Fingerprint.ofSignal(commit.signal());
      if (!inbox.putIfAbsent(
          signalId,
          subject,
          fingerprint.high(),
          fingerprint.low(),
          commit.recordedAt())) {
        return CommitResult.DUPLICATE;
      }
      List<SharedWrite> writes = commit.sharedWrites();
      // From here on nothing can fail: write everything.
      if (commit.changesSnapshot()) {
        snapshots[stripeIndex(subject)].put(subject, commit.snapshot());
      }
      for (int i = 0; i < writes.size(); i++) {
        SharedWrite write = writes.get(i);
        shared.put(
            write.key(), new SharedState(write.key(), write.expectedVersion() + 1, write.values()));
      }
      List<TimerChange> timerChanges = commit.timerChanges();
      for (int i = 0; i < timerChanges.size(); i++) {
        applyTimer(subject, timerChanges.get(i));
      }
      if (!commit.outbox().isEmpty()) {
        enqueue(subject, commit.outbox());
      }
      if (kept != null) {
        List<AuditRecord> records = audit.computeIfAbsent(subject, s -> new ArrayList<>());
        synchronized (records) {
          records.add(kept);
          records.addAll(commit.moreAudits());
          while (records.size() > auditPerSubject) {
            records.remove(0);
          }
        }
      }
      for (int i = 0; i < aliasChanges.size(); i++) {
        AliasChange change = aliasChanges.get(i);
        if (change instanceof AliasChange.Attach a) {
          pointAlias(a.alias(), a.subject());
        } else {
          dropAlias(change.alias());
        }
      }
      return CommitResult.COMMITTED;
    } finally {
      if (sharing) {
        sharedLock.unlock();
      }
      if (identifying) {
        identityLock.unlock();
      }
      lock.unlock();
    }
  }

  /**
   * Whether the commit's expected versions hold: its subject's snapshot, not merged away, its
   * shared states and its alias claims. Call holding the subject's stripe (and the shared and
   * identity locks when the commit writes those).
   */
  private boolean checksPass(Commit commit, SubjectRef subject, List<AliasChange> aliasChanges) {
    JourneySnapshot current = snapshot(subject);
    long currentVersion = current == null ? 0 : current.version();
    if (currentVersion != commit.expectedVersion()) {
      return false;
    }
    if (currentVersion == 0
        && !aliasIndex.isEmpty()
        && aliasIndex.containsKey(Alias.subject(subject))) {
      return false; // merged away: the signal belongs to the survivor now
    }
    List<SharedWrite> writes = commit.sharedWrites();
    for (int i = 0; i < writes.size(); i++) { // indexed: no iterator per commit
      SharedWrite write = writes.get(i);
      SharedState state = shared.get(write.key());
      long version = state == null ? 0 : state.version();
      if (version != write.expectedVersion()) {
        return false;
      }
    }
    for (int i = 0; i < aliasChanges.size(); i++) {
      AliasChange change = aliasChanges.get(i);
      if (change instanceof AliasChange.Attach a && !a.replace()) {
        SubjectRef owner = aliasIndex.get(a.alias());
        if (owner != null && !owner.equals(a.subject())) {
          return false;
        }
      }
    }
    return true;
  }

  private void appendAudit(SubjectRef subject, AuditRecord record) {
    if (auditPerSubject > 0) {
      List<AuditRecord> records = audit.computeIfAbsent(subject, s -> new ArrayList<>());
      synchronized (records) {
        records.add(record);
        if (records.size() > auditPerSubject) {
          records.remove(0);
        }
      }
    }
  }

  /** Points an alias to a subject. Call holding the identity lock. */
  private void pointAlias(Alias alias, SubjectRef subject) {
    SubjectRef before = aliasIndex.put(alias, subject);
    if (before != null && !before.equals(subject)) {
      java.util.TreeSet<Alias> old = aliasesOf.get(before);
      if (old != null) {
        old.remove(alias);
        if (old.isEmpty()) {
          aliasesOf.remove(before);
        }
      }
    }
    aliasesOf.computeIfAbsent(subject, s -> new java.util.TreeSet<>()).add(alias);
  }

  /** Removes an alias row. Call holding the identity lock. */
  private void dropAlias(Alias alias) {
    SubjectRef before = aliasIndex.remove(alias);
    if (before != null) {
      java.util.TreeSet<Alias> old = aliasesOf.get(before);
      if (old != null) {
        old.remove(alias);
        if (old.isEmpty()) {
          aliasesOf.remove(before);
        }
      }
    }
  }

  @Override
  public Optional<SubjectRef> resolve(Alias alias) {
    return Optional.ofNullable(aliasIndex.get(Objects.requireNonNull(alias, "alias")));
  }

  @Override
  public List<Alias> aliases(SubjectRef subject) {
    Objects.requireNonNull(subject, "subject");
    identityLock.lock();
    try {
      java.util.TreeSet<Alias> set = aliasesOf.get(subject);
      return set == null ? List.of() : List.copyOf(set);
    } finally {
      identityLock.unlock();
    }
  }

  @Override
  public CommitResult commitMerge(MergeCommit merge) {
    Objects.requireNonNull(merge, "merge");
    SubjectRef survivor = merge.survivor();
    java.util.TreeSet<Integer> indexes = new java.util.TreeSet<>();
    indexes.add(stripeIndex(survivor));
    for (SubjectRef s : merge.absorbed().keySet()) {
      indexes.add(stripeIndex(s));
    }
    List<ReentrantLock> held = new ArrayList<>();
    try {
      for (int i : indexes) {
        stripes[i].lock();
        held.add(stripes[i]);
      }
      identityLock.lock();
      held.add(identityLock);
      String id = merge.signal().id();
      if (inbox.contains(id)) {
        return CommitResult.DUPLICATE;
      }
      InboxRecord record =
          new InboxRecord(id, survivor, Optional.of(merge.signal().fingerprint()), recordedAt(merge));
      if (merge.refused()) {
        inbox.putIfAbsent(record);
        merge.audit().forEach(r -> appendAudit(r.before().subject(), r));
        quarantine(merge.review().get());
        return CommitResult.COMMITTED;
      }
      if (version(survivor) != merge.expectedVersion()
          || aliasIndex.containsKey(Alias.subject(survivor))) {
        return CommitResult.CONFLICT;
      }
      for (Map.Entry<SubjectRef, Long> e : merge.absorbed().entrySet()) {
        if (version(e.getKey()) != e.getValue() || aliasIndex.containsKey(Alias.subject(e.getKey()))) {
          return CommitResult.CONFLICT;
        }
      }
      // From here on nothing can fail: write everything.
      inbox.putIfAbsent(record);
      snapshots[stripeIndex(survivor)].put(survivor, merge.snapshot());
      long sequence = merge.snapshot().version() << 16;
      for (SubjectRef absorbed : merge.absorbed().keySet()) {
        snapshots[stripeIndex(absorbed)].remove(absorbed);
        timers.removeSubject(absorbed);
        sequence = moveOutbox(absorbed, survivor, sequence);
        Alias link = Alias.accountOf(absorbed);
        SubjectRef company = aliasIndex.get(link);
        if (company != null) {
          dropAlias(link);
          if (!aliasIndex.containsKey(Alias.accountOf(survivor))) {
            pointAlias(Alias.accountOf(survivor), company);
          }
        }
        java.util.TreeSet<Alias> own = aliasesOf.get(absorbed);
        if (own != null) {
          for (Alias a : List.copyOf(own)) {
            pointAlias(a, survivor);
          }
        }
        pointAlias(Alias.subject(absorbed), survivor);
      }
      for (TimerChange change : merge.timerChanges()) {
        applyTimer(survivor, change);
      }
      merge.audit().forEach(r -> appendAudit(r.before().subject(), r));
      return CommitResult.COMMITTED;
    } finally {
      for (int i = held.size() - 1; i >= 0; i--) {
        held.get(i).unlock();
      }
    }
  }

  private static Instant recordedAt(MergeCommit merge) {
    return merge.audit().isEmpty() ? merge.snapshot().updatedAt() : merge.audit().get(0).recordedAt();
  }

  private long version(SubjectRef subject) {
    JourneySnapshot s = snapshot(subject);
    return s == null ? 0 : s.version();
  }

  /**
   * Moves a subject's pending entries to another's queue, re-keyed, with sequences from {@code
   * next} (the merge's version slot: after the survivor's earlier entries, before its later ones).
   * Call holding both stripes; returns the next free sequence.
   */
  private long moveOutbox(SubjectRef from, SubjectRef to, long first) {
    long next = first;
    SubjectOutbox box = outbox.remove(from);
    if (box == null) {
      return next;
    }
    List<OutboxEntry> moved = new ArrayList<>();
    Instant lease;
    synchronized (box) {
      box.removed = true;
      lease = box.leaseUntil;
      for (OutboxEntry e : box.entries.values()) {
        moved.add(e.rekeyed(to, next++));
      }
    }
    if (!moved.isEmpty()) {
      enqueue(to, moved);
    }
    if (lease != null) {
      SubjectOutbox target = outbox.get(to);
      if (target != null) {
        synchronized (target) {
          if (target.leaseUntil == null || target.leaseUntil.isBefore(lease)) {
            target.leaseUntil = lease;
          }
        }
      }
    }
    return next;
  }

  /** Appends entries to a subject's queue; a queue emptied and removed meanwhile is replaced. */
  private void enqueue(SubjectRef subject, List<OutboxEntry> entries) {
    while (true) {
      SubjectOutbox box = outbox.computeIfAbsent(subject, s -> new SubjectOutbox());
      synchronized (box) {
        if (box.removed) {
          continue;
        }
        for (int i = 0; i < entries.size(); i++) {
          OutboxEntry entry = entries.get(i);
          box.entries.put(entry);
        }
        return;
      }
    }
  }

  /** Drops an empty queue so that a quiet subject costs nothing here. Call holding the box. */
  private void removeIfEmpty(SubjectRef subject, SubjectOutbox box) {
    if (box.entries.isEmpty() && box.leaseUntil == null) {
      box.removed = true;
      outbox.remove(subject, box);
    }
  }

  private void applyTimer(SubjectRef subject, TimerChange change) {
    if (change instanceof TimerChange.Scheduled scheduled) {
      timers.schedule(subject, scheduled.timer());
    } else {
      // Cancelled or Completed: remove the entry with that name and generation (its lease and
      // parking go with it), if any.
      timers.cancel(subject, change.name(), change.generation());
    }
  }

  /**
   * Whether audit records are kept: {@code false} for a store built with {@link
   * Builder#auditPerSubject auditPerSubject(0)}, whose engine then builds none.
   */
  @Override
  public boolean keepsAudit() {
    return auditPerSubject > 0;
  }

  @Override
  public SharedState loadShared(String key) {
    SharedState state = shared.get(Objects.requireNonNull(key, "key"));
    return state == null ? SharedState.empty(key) : state;
  }

  @Override
  public List<DueTimer> claimDueTimers(Instant now, Duration lease, int limit) {
    return timers.claim(now, lease, limit);
  }

  @Override
  public Optional<Instant> nextTimerDue() {
    return timers.nextDue();
  }

  @Override
  public List<OutboxEntry> claimActions(Instant now, Duration lease, int limit) {
    List<OutboxEntry> claimed = new ArrayList<>();
    Instant until = now.plus(lease);
    Iterator<Map.Entry<SubjectRef, SubjectOutbox>> it = outbox.entrySet().iterator();
    while (it.hasNext() && claimed.size() < limit) {
      SubjectOutbox box = it.next().getValue();
      synchronized (box) {
        if (box.entries.isEmpty()) {
          continue;
        }
        OutboxEntry head = box.entries.first();
        if (head.nextAttemptAt().isAfter(now)
            || (box.leaseUntil != null && box.leaseUntil.isAfter(now))) {
          continue;
        }
        box.leaseUntil = until;
        claimed.add(head);
      }
    }
    claimed.sort(Comparator.comparing(OutboxEntry::nextAttemptAt));
    return claimed;
  }



  /**
   * Finds the action in its entry's subject's queue (a scan of that queue's few entries); when a
   * merge has moved it to another subject's queue since it was claimed, looks for it as {@link
   * #markDone(String)} does. No index of action ids is kept: nothing per action beyond its slot
   * in the queue.
   */
  @Override
  public void markDone(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    SubjectRef subject = entry.subject();
    SubjectOutbox box = outbox.get(subject);
    if (box != null) {
      synchronized (box) {
        if (!box.removed && box.entries.removeAction(entry.actionId())) {
          box.leaseUntil = null;
          removeIfEmpty(subject, box);
          return;
        }
      }
    }
    markDone(entry.actionId());
  }

  /**
   * Looks for the action in every subject's queue, one after the other (the relay calls {@link
   * #markDone(OutboxEntry)}, which goes to the entry's subject directly).
   */
  @Override
  public void markDone(String actionId) {
    Objects.requireNonNull(actionId, "actionId");
    for (Map.Entry<SubjectRef, SubjectOutbox> e : outbox.entrySet()) {
      SubjectOutbox box = e.getValue();
      synchronized (box) {
        if (!box.removed && box.entries.removeAction(actionId)) {
          box.leaseUntil = null;
          removeIfEmpty(e.getKey(), box);
          return;
        }
      }
    }
  }

  @Override
  public void retryLater(OutboxEntry entry) {
    SubjectOutbox box = outbox.get(entry.subject());
    if (box == null) {
      return;
    }
    synchronized (box) {
      if (box.entries.containsKey(entry.sequence())) {
        box.entries.put(entry);
      }
      box.leaseUntil = null;
    }
  }

  @Override
  public void deadLetter(OutboxEntry entry, String reason, Instant at) {
    SubjectOutbox box = outbox.get(entry.subject());
    if (box != null) {
      synchronized (box) {
        box.entries.remove(entry.sequence());
        box.leaseUntil = null;
        removeIfEmpty(entry.subject(), box);
      }
    }
    synchronized (deadLetters) {
      deadLetters.put(entry.actionId(), new DeadLetter(entry, reason, at));
    }
  }

  @Override
  public List<DeadLetter> deadLetters() {
    synchronized (deadLetters) {
      return List.copyOf(deadLetters.values());
    }
  }

  @Override
  public boolean requeue(String actionId, Instant now) {
    DeadLetter letter;
    synchronized (deadLetters) {
      letter = deadLetters.remove(actionId);
    }
    if (letter == null) {
      return false;
    }
    OutboxEntry old = letter.entry();
    OutboxEntry fresh = new OutboxEntry(old.action(), old.sequence(), old.createdAt(), 0, now);
    enqueue(old.subject(), List.of(fresh));
    return true;
  }

  @Override
  public boolean discard(String actionId) {
    synchronized (deadLetters) {
      return deadLetters.remove(actionId) != null;
    }
  }

  @Override
  public List<OutboxEntry> pendingActions() {
    List<OutboxEntry> all = new ArrayList<>();
    for (SubjectOutbox box : outbox.values()) {
      synchronized (box) {
        all.addAll(box.entries.values());
      }
    }
    all.sort(Comparator.comparing((OutboxEntry e) -> e.subject()).thenComparingLong(OutboxEntry::sequence));
    return all;
  }

  @Override
  public boolean archive(dev.journey.core.spi.RuleSetSources sources) {
    Objects.requireNonNull(sources, "sources");
    return archive.putIfAbsent(sources.hash(), sources) == null;
  }

  @Override
  public Optional<dev.journey.core.spi.RuleSetSources> archived(String hash) {
    return dev.journey.core.spi.RuleSetArchive.lookup(archive, hash);
  }

  @Override
  public List<AuditRecord> audit(SubjectRef subject) {
    List<AuditRecord> records = audit.get(subject);
    if (records == null) {
      return List.of();
    }
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /**
   * All stored snapshots, by subject (a copy). The stripes are visited one after the other, so
   * concurrent commits may or may not be seen.
   */
  public Map<SubjectRef, JourneySnapshot> snapshots() {
    TreeMap<SubjectRef, JourneySnapshot> all = new TreeMap<>();
    forEachSnapshot(all::put);
    return all;
  }

  /** The number of stored snapshots. */
  public int subjectCount() {
    int count = 0;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i].lock();
      try {
        count += snapshots[i].size();
      } finally {
        stripes[i].unlock();
      }
    }
    return count;
  }

  /** Calls {@code action} with every stored snapshot, one stripe at a time under its lock. */
  private void forEachSnapshot(java.util.function.BiConsumer<SubjectRef, JourneySnapshot> action) {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i].lock();
      try {
        snapshots[i].forEach(action);
      } finally {
        stripes[i].unlock();
      }
    }
  }

  /**
   * Removes inbox records older than the {@linkplain Builder#inboxRetention inbox retention}; a
   * signal redelivered after that is processed again. Audit records, dead letters and quarantined
   * inputs are kept (bound the audit with {@link Builder#auditPerSubject}; requeue or discard the
   * others). The inbox is purged one segment at a time under that segment's own lock (no stripe
   * lock): a concurrent commit waits at most for one segment's scan, so run this on a
   * housekeeping thread beside the signal path rather than inside it.
   */
  @Override
  public PurgeReport purgeExpired(Instant now) {
    Instant cutoff = Objects.requireNonNull(now, "now").minus(inboxRetention);
    return new PurgeReport(inbox.purgeBefore(cutoff), 0, 0, 0);
  }

  /**
   * Erases everything about a subject: snapshot, processed-signal ids, timers, outbox, dead
   * letters, quarantined inputs, audit and alias rows, and the same of every subject merged into
   * it.
   */
  @Override
  public int erase(SubjectRef subject) {
    Objects.requireNonNull(subject, "subject");
    List<SubjectRef> merged = new ArrayList<>();
    for (Alias a : aliases(subject)) {
      if (Alias.SUBJECT.equals(a.type())) {
        merged.add(SubjectRef.parse(a.value()));
      }
    }
    int deleted = eraseOne(subject);
    for (SubjectRef m : merged) {
      deleted += eraseOne(m);
    }
    identityLock.lock();
    try {
      List<SubjectRef> all = new ArrayList<>(merged);
      all.add(subject);
      for (SubjectRef s : all) {
        java.util.TreeSet<Alias> own = aliasesOf.remove(s);
        if (own != null) {
          for (Alias a : own) {
            aliasIndex.remove(a, s);
            deleted++;
          }
        }
        Alias link = Alias.accountOf(s);
        if (aliasIndex.containsKey(link)) {
          dropAlias(link);
          deleted++;
        }
      }
    } finally {
      identityLock.unlock();
    }
    return deleted;
  }

  private int eraseOne(SubjectRef subject) {
    ReentrantLock lock = stripe(subject);
    lock.lock();
    try {
      int deleted = 0;
      if (snapshots[stripeIndex(subject)].remove(subject) != null) {
        deleted++;
      }
      deleted += inbox.removeSubject(subject);
      deleted += timers.removeSubject(subject);
      SubjectOutbox box = outbox.remove(subject);
      if (box != null) {
        synchronized (box) {
          deleted += box.entries.size();
          box.removed = true;
        }
      }
      List<AuditRecord> records = audit.remove(subject);
      if (records != null) {
        synchronized (records) {
          deleted += records.size();
        }
      }
      synchronized (deadLetters) {
        int size = deadLetters.size();
        deadLetters.values().removeIf(d -> d.entry().subject().equals(subject));
        deleted += size - deadLetters.size();
      }
      synchronized (quarantine) {
        int size = quarantine.size();
        quarantine.values().removeIf(q -> q.subject().filter(subject::equals).isPresent());
        deleted += size - quarantine.size();
      }
      return deleted;
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ quarantine

  @Override
  public void quarantine(QuarantinedInput input) {
    Objects.requireNonNull(input, "input");
    synchronized (quarantine) {
      if (input.kind() == QuarantinedInput.Kind.TIMER) {
        timers.park(input.id());
      }
      QuarantineKey key = new QuarantineKey(input.kind(), input.id());
      quarantine.remove(key);
      quarantine.put(key, input);
    }
  }

  @Override
  public List<QuarantinedInput> quarantined() {
    List<QuarantinedInput> all;
    synchronized (quarantine) {
      all = new ArrayList<>(quarantine.values());
    }
    all.sort(Comparator.comparing(QuarantinedInput::quarantinedAt));
    return List.copyOf(all);
  }

  @Override
  public Optional<QuarantinedInput> inspect(QuarantinedInput.Kind kind, String id) {
    synchronized (quarantine) {
      return Optional.ofNullable(quarantine.get(new QuarantineKey(kind, id)));
    }
  }

  @Override
  public Optional<QuarantinedInput> requeue(QuarantinedInput.Kind kind, String id, Instant now) {
    Objects.requireNonNull(now, "now");
    synchronized (quarantine) {
      QuarantinedInput input = quarantine.remove(new QuarantineKey(kind, id));
      if (input != null && kind == QuarantinedInput.Kind.TIMER) {
        timers.release(id);
      }
      return Optional.ofNullable(input);
    }
  }

  @Override
  public boolean discard(QuarantinedInput.Kind kind, String id) {
    synchronized (quarantine) {
      QuarantinedInput input = quarantine.remove(new QuarantineKey(kind, id));
      if (input == null) {
        return false;
      }
      if (kind == QuarantinedInput.Kind.TIMER) {
        timers.removeBySignal(id);
      }
      return true;
    }
  }

  private record QuarantineKey(QuarantinedInput.Kind kind, String id) {}

  private static final class SubjectOutbox {
    final OutboxQueue entries = new OutboxQueue();
    Instant leaseUntil;
    boolean removed;
  }

  @Override
  public Optional<JourneyDeployment> deployment(String journey) {
    return Optional.ofNullable(deployments.get(Objects.requireNonNull(journey, "journey")));
  }

  @Override
  public List<String> deployedJourneys() {
    return List.copyOf(new java.util.TreeSet<>(deployments.keySet()));
  }

  @Override
  public void saveDeployment(JourneyDeployment next, long expectedRevision) {
    Objects.requireNonNull(next, "next");
    DeploymentStore.requireNextRevision(next, expectedRevision);
    boolean[] saved = {false};
    JourneyDeployment after =
        deployments.compute(
            next.journey(),
            (journey, stored) -> {
              long actual = stored == null ? 0 : stored.revision();
              if (actual != expectedRevision) {
                return stored;
              }
              saved[0] = true;
              return next;
            });
    if (!saved[0]) {
      throw new DeploymentConflictException(next.journey(), expectedRevision, after == null ? 0 : after.revision());
    }
  }

  @Override
  public Map<String, Long> pinnedCounts(String journey, java.util.Set<String> ruleSetKeys) {
    Objects.requireNonNull(journey, "journey");
    Map<String, Long> counts = new java.util.TreeMap<>();
    ruleSetKeys.forEach(k -> counts.put(k, 0L));
    forEachSnapshot((subject, snapshot) -> {
      String key = snapshot.journey(journey).isPresent()
                    ? snapshot.journey(journey).get().ruleSet().orElse("")
                    : snapshot.ruleSet().orElse("");
      counts.computeIfPresent(key, (k, n) -> n + 1);
    });
    return counts;
  }

  /** Configures an {@link InMemoryJourneyStore}. Not thread-safe. */
  public static final class Builder {
    private int auditPerSubject = DEFAULT_AUDIT_PER_SUBJECT;
    private Duration inboxRetention = DEFAULT_INBOX_RETENTION;
    private int expectedSignals = DEFAULT_EXPECTED_SIGNALS;

    Builder() {}

    /**
     * How many processed signal ids to size the inbox for up front (it grows past that, one
     * segment at a time); default {@link #DEFAULT_EXPECTED_SIGNALS}. Size it for the signals of one
     * {@linkplain #inboxRetention retention} period to avoid every resize.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder expectedSignals(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("expectedSignals must be >= 0, but was " + count);
      }
      this.expectedSignals = count;
      return this;
    }

    /**
     * How many audit records to keep per subject (the newest); 0 keeps none.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder auditPerSubject(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("auditPerSubject must be >= 0, but was " + count);
      }
      this.auditPerSubject = count;
      return this;
    }

    /**
     * How long processed signal ids are kept by {@link #purgeExpired};
     * default {@link #DEFAULT_INBOX_RETENTION}. Keep at least as long as senders redeliver.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder inboxRetention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("inboxRetention must be > 0, but was " + retention);
      }
      this.inboxRetention = retention;
      return this;
    }

    /** Builds an empty store. */
    public InMemoryJourneyStore build() {
      return new InMemoryJourneyStore(auditPerSubject, inboxRetention, expectedSignals);
    }
  }
}
