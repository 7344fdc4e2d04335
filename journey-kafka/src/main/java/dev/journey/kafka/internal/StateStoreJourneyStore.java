package dev.journey.kafka.internal;

import dev.journey.core.SubjectRef;
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
import dev.journey.core.spi.Retention;
import dev.journey.core.spi.SharedState;
import dev.journey.core.spi.SharedWrite;
import dev.journey.core.spi.SubjectLookup;
import dev.journey.core.spi.TimerChange;
import dev.journey.core.state.JourneySnapshot;
import dev.journey.core.state.PendingTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A {@link JourneyStore} on the Kafka Streams state stores of one task (one input partition):
 * snapshots, inbox (with an expiry index for retention), timer index, shared state and
 * quarantine, each a changelogged key-value store named in {@link StoreNames}. Snapshots, inbox
 * entries, due timers and expiry buckets are kept in {@link BinaryState}'s format (JSON values
 * of earlier versions are still read); shared state and quarantined inputs as JSON.
 *
 * <p>The outbox and the audit are not kept here: a commit hands its actions and audit record to
 * the {@link CommitSink}, which forwards them to the actions and audit topics in the same Kafka
 * transaction (with {@code exactly_once_v2}) as the state-store writes. So the {@link
 * dev.journey.core.spi.Outbox}, {@link dev.journey.core.spi.DeadLetters} and {@link #audit} methods
 * throw {@link UnsupportedOperationException}: consume the topics instead.
 *
 * <p>Used by the task's stream thread only (Kafka Streams gives a task one thread); claim leases
 * live in memory, so after a restart a timer whose firing did not commit is claimable at once.
 * The inbox and shared state are per partition: a signal id is deduplicated within its subject's
 * partition, and routing pointers and capacity counters are kept per partition.
 */
public final class StateStoreJourneyStore implements JourneyStore, Retention, Erasure {
  private static final char SEP = '\u0001';
  /** At most this many signal ids per inbox-expiry bucket. */
  static final int BUCKET_ENTRIES = 64;
  /** A bucket takes ids committed up to this long after its first one. */
  private static final Duration BUCKET_SPAN = Duration.ofSeconds(1);
  /** Seconds from 0001-01-01T00:00:00Z to the epoch: keeps the time prefix non-negative. */
  private static final long EPOCH_OFFSET = 62_135_596_800L;
  private static final int TIME_PREFIX = 22;
  /** Snapshots kept parsed in memory per task by the processor's store. */
  public static final int DEFAULT_CACHED_SNAPSHOTS = 10_000;

  private final KeyValueStore<String, byte[]> snapshots;
  private final KeyValueStore<String, byte[]> inbox;
  private final KeyValueStore<String, byte[]> inboxExpiry;
  private final KeyValueStore<String, byte[]> timers;
  private final KeyValueStore<String, byte[]> timerIds;
  private final KeyValueStore<String, byte[]> shared;
  private final KeyValueStore<String, byte[]> quarantine;
  private final CommitSink sink;
  private final Duration inboxRetention;
  private final Codec codec = new Codec();
  private final Map<String, Instant> leases = new ConcurrentHashMap<>();
  // rule-set sources: in this task's memory (not a changelogged state store); the task's engine
  // archives its rule sets each time it starts
  private final java.util.concurrent.ConcurrentSkipListMap<String, dev.journey.core.spi.RuleSetSources> archive =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  /**
   * The last snapshots read or written, by subject, so that a subject's next signal does not
   * parse its snapshot again (the store is this task's alone: nothing else writes it). In memory
   * only; a task that is closed and revived (after an aborted transaction, a rebalance) gets a new
   * store and so an empty cache.
   */
  private final Map<String, Parsed> recent;
  /** Whether commits hand the SHA-256 of the input snapshot's JSON to the sink. */
  private final boolean digests;
  /**
   * Whether commits keep a subject's committed signal ids in its snapshot record ({@link
   * BinaryState#FORMAT_V2}) instead of the inbox store: see {@link #inboxInSnapshots}.
   */
  private final boolean inSnapshots;
  /**
   * Whether the inbox store may hold entries: read from the store when it opens, set by every
   * inbox put, and read again after each purge. While false, lookups and commits keeping ids in
   * snapshots skip the inbox store's get.
   */
  private boolean inboxInUse = true;
  /**
   * Ids kept in snapshots that were committed before this instant are past their retention: the
   * last purge's cutoff, or the latest commit's instant less the retention. In memory only.
   */
  private Instant seenCutoff = Instant.MIN;
  /**
   * No pending timer's key is below this. Fired timers are deleted from the front of the index,
   * and RocksDB iterators skip deletions one by one, so scans start here rather than at the
   * first key ever written. In memory only: after a restart the first scan starts at "".
   */
  private String floor = "";
  /**
   * The signal id the last {@link #lookup} found absent from the inbox, until the next commit:
   * the commit of that signal then skips its duplicate check's read (a RocksDB get per signal).
   * Only commits put inbox entries; purges and erasures only delete them.
   */
  private String absentId;
  /**
   * The inbox-expiry bucket commits append to: its key (its first entry's time prefix and signal
   * id), its value so far, its first entry's time and its size. A bucket is rewritten by every
   * commit that appends to it, and the record cache in front of the expiry store folds those
   * writes into one RocksDB write and one changelog record per commit interval: one expiry record
   * per up to {@link #BUCKET_ENTRIES} signals instead of one per signal. In memory only: after a
   * restart commits start a new bucket; purges and erasures close it (they may rewrite it).
   */
  private String openBucket;
  private byte[] openValue;
  private Instant openSince;
  private int openSize;

  /**
   * A store over the given key-value stores (in the order of {@link StoreNames#ALL}).
   *
   * @param stores the seven stores, by name
   * @param sink where actions, audit records and quarantined inputs go
   * @param inboxRetention how long processed signal ids are kept by {@link #purgeExpired}
   */
  public StateStoreJourneyStore(
      Map<String, KeyValueStore<String, byte[]>> stores, CommitSink sink, Duration inboxRetention) {
    this(stores, sink, inboxRetention, 0, false);
  }

  /**
   * A store that keeps the last {@code cachedSnapshots} snapshots parsed in memory. Only for the
   * store that alone writes the state stores (the task's processor): another view of the same
   * stores would read stale snapshots from its cache.
   *
   * @param cachedSnapshots how many snapshots to keep parsed; 0 for none
   * @param digests whether {@link CommitSink#committed} gets the SHA-256 of the input snapshot's
   *     JSON (else an empty string)
   */
  public StateStoreJourneyStore(
      Map<String, KeyValueStore<String, byte[]>> stores,
      CommitSink sink,
      Duration inboxRetention,
      int cachedSnapshots,
      boolean digests) {
    this(stores, sink, inboxRetention, cachedSnapshots, digests, false);
  }

  /**
   * A store that, with {@code inSnapshots}, keeps each subject's committed signal ids in its
   * snapshot record: one store write (one changelog record) per signal instead of three (the
   * snapshot, the inbox entry and, per bucket, its expiry index). A signal id is then
   * deduplicated per subject rather than per partition: an id committed for one subject is not a
   * duplicate for another. Ids in the inbox store (written before, or for a subject without a
   * snapshot) are still read, and ids kept in snapshots are read whichever way the store is
   * opened, so switching either way loses no deduplication. Ids past the retention leave a
   * snapshot at its subject's next commit; until then they are ignored once a purge's cutoff (or
   * a later commit's instant less the retention) is past them.
   */
  public StateStoreJourneyStore(
      Map<String, KeyValueStore<String, byte[]>> stores,
      CommitSink sink,
      Duration inboxRetention,
      int cachedSnapshots,
      boolean digests,
      boolean inSnapshots) {
    this.digests = digests;
    this.inSnapshots = inSnapshots;
    if (cachedSnapshots < 0) {
      throw new IllegalArgumentException("cachedSnapshots must be >= 0, but was " + cachedSnapshots);
    }
    this.recent =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
            return size() > cachedSnapshots;
          }
        };
    this.snapshots = required(stores, StoreNames.SNAPSHOTS);
    this.inbox = required(stores, StoreNames.INBOX);
    this.inboxExpiry = required(stores, StoreNames.INBOX_EXPIRY);
    this.timers = required(stores, StoreNames.TIMERS);
    this.timerIds = required(stores, StoreNames.TIMER_IDS);
    this.shared = required(stores, StoreNames.SHARED);
    this.quarantine = required(stores, StoreNames.QUARANTINE);
    this.sink = Objects.requireNonNull(sink, "sink");
    this.inboxRetention = Objects.requireNonNull(inboxRetention, "inboxRetention");
    this.inboxInUse = hasEntries(inbox);
  }

  private static boolean hasEntries(KeyValueStore<String, byte[]> store) {
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      return it.hasNext();
    }
  }

  /** Whether commits keep signal ids in snapshot records (see the constructor). */
  public boolean inboxInSnapshots() {
    return inSnapshots;
  }

  private static KeyValueStore<String, byte[]> required(
      Map<String, KeyValueStore<String, byte[]>> stores, String name) {
    KeyValueStore<String, byte[]> store = stores.get(name);
    if (store == null) {
      throw new IllegalArgumentException("state store " + name + " is missing; needed: " + StoreNames.ALL);
    }
    return store;
  }

  // ------------------------------------------------------------------ snapshots and inbox

  @Override
  public SubjectLookup lookup(SubjectRef subject, String signalId) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(signalId, "signalId");
    Optional<Parsed> parsed = parsed(subject.toString());
    Optional<InboxRecord> seen = parsed.flatMap(p -> seen(p, signalId)).map(id -> inboxRecord(subject, id));
    return new SubjectLookup(
        parsed.map(Parsed::snapshot), seen.isPresent() ? seen : inboxRecord(signalId));
  }

  /** The entry for {@code signalId} among the ids a snapshot keeps, unless past its retention. */
  private Optional<BinaryState.Seen> seen(Parsed parsed, String signalId) {
    for (BinaryState.Seen id : parsed.seen()) {
      if (id.signalId().equals(signalId)) {
        return id.committedAt().isBefore(seenCutoff) ? Optional.empty() : Optional.of(id);
      }
    }
    return Optional.empty();
  }

  private static InboxRecord inboxRecord(SubjectRef subject, BinaryState.Seen id) {
    return new InboxRecord(
        id.signalId(),
        subject,
        id.fingerprint().isEmpty() ? Optional.empty() : Optional.of(id.fingerprint()),
        id.committedAt());
  }

  private Optional<InboxRecord> inboxRecord(String signalId) {
    if (!inboxInUse) {
      absentId = signalId;
      return Optional.empty();
    }
    byte[] value = inbox.get(signalId);
    if (value == null) {
      absentId = signalId;
      return Optional.empty();
    }
    StoredInbox stored = readInbox(value);
    return Optional.of(
        new InboxRecord(
            signalId,
            SubjectRef.parse(stored.subject()),
            stored.fingerprint().isEmpty() ? Optional.empty() : Optional.of(stored.fingerprint()),
            stored.receivedAt()));
  }

  @Override
  public Optional<JourneySnapshot> load(SubjectRef subject) {
    String key = Objects.requireNonNull(subject, "subject").toString();
    return parsed(key).map(Parsed::snapshot);
  }

  private Optional<Parsed> parsed(String key) {
    Parsed cached = recent.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    byte[] value = snapshots.get(key);
    if (value == null) {
      return Optional.empty();
    }
    Parsed parsed;
    if (BinaryState.isJson(value)) {
      String json = new String(value, java.nio.charset.StandardCharsets.UTF_8);
      parsed = new Parsed(codec.read(json, JourneySnapshot.class), digest(json), List.of());
    } else {
      BinaryState.Subject stored = BinaryState.readSubject(value);
      JourneySnapshot snapshot = stored.snapshot();
      parsed = new Parsed(snapshot, digests ? digest(codec.write(snapshot)) : "", stored.seen());
    }
    recent.put(key, parsed);
    return Optional.of(parsed);
  }

  /** An inbox entry in format 1, or as JSON from an earlier version. */
  private StoredInbox readInbox(byte[] value) {
    if (BinaryState.isJson(value)) {
      return codec.read(utf8(value), StoredInbox.class);
    }
    BinaryState.Inbox inbox = BinaryState.readInbox(value);
    return new StoredInbox(inbox.subject(), inbox.fingerprint(), inbox.receivedAt());
  }

  /** A due timer in format 1, or as JSON from an earlier version. */
  private DueTimer readDueTimer(byte[] value) {
    return BinaryState.isJson(value)
        ? codec.read(utf8(value), DueTimer.class)
        : BinaryState.readDueTimer(value);
  }

  private static String utf8(byte[] value) {
    return new String(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The SHA-256 of a snapshot's JSON as lower-case hex; empty when digests are off. */
  private String digest(String json) {
    if (!digests) {
      return "";
    }
    try {
      byte[] hash =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The digest of the snapshot a commit's decision saw: cached when it is the stored one. */
  private String beforeDigest(Commit commit, Optional<Parsed> stored) {
    JourneySnapshot before = commit.audit().before();
    if (!digests || (stored.isEmpty() && before.version() == 0)) {
      return "";
    }
    if (stored.isPresent()
        && (stored.get().snapshot() == before || stored.get().snapshot().equals(before))) {
      return stored.get().sha256();
    }
    return digest(codec.write(before));
  }

  @Override
  public CommitResult commit(Commit commit) {
    Objects.requireNonNull(commit, "commit");
    String signalId = commit.signal().id();
    // the engine looks a signal up just before it commits it; an id that lookup found absent
    // stays absent until a commit (only commits put inbox entries), so it is not read again
    boolean knownAbsent = signalId.equals(absentId);
    absentId = null;
    if (!knownAbsent && inboxInUse && inbox.get(signalId) != null) {
      return CommitResult.DUPLICATE;
    }
    SubjectRef subject = commit.signal().subject();
    Optional<Parsed> stored = parsed(subject.toString());
    if (stored.isPresent() && seen(stored.get(), signalId).isPresent()) {
      return CommitResult.DUPLICATE;
    }
    long currentVersion = stored.map(p -> p.snapshot().version()).orElse(0L);
    if (currentVersion != commit.expectedVersion()) {
      return CommitResult.CONFLICT;
    }
    for (SharedWrite write : commit.sharedWrites()) {
      if (loadShared(write.key()).version() != write.expectedVersion()) {
        return CommitResult.CONFLICT;
      }
    }
    Instant at = commit.audit().recordedAt();
    // a snapshot record holds the id when there is one to write: a changed snapshot, or the
    // stored one (rewritten with the id); a subject without either keeps it in the inbox store
    boolean inSnapshot = inSnapshots && (commit.changesSnapshot() || stored.isPresent());
    if (!inSnapshot) {
      inbox.put(signalId, BinaryState.writeInbox(subject.toString(), commit.signal().fingerprint(), at));
      inboxInUse = true;
      expireLater(signalId, at);
    }
    if (inSnapshot) {
      Instant cutoff = at.minus(inboxRetention);
      if (cutoff.isAfter(seenCutoff)) {
        seenCutoff = cutoff;
      }
      List<BinaryState.Seen> seen = withId(stored, new BinaryState.Seen(signalId, commit.signal().fingerprint(), at));
      JourneySnapshot snapshot = commit.changesSnapshot() ? commit.snapshot() : stored.orElseThrow().snapshot();
      snapshots.put(subject.toString(), BinaryState.writeSubject(snapshot, seen));
      recent.put(
          subject.toString(),
          commit.changesSnapshot()
              ? new Parsed(snapshot, digests ? digest(codec.write(snapshot)) : "", seen)
              : new Parsed(snapshot, stored.orElseThrow().sha256(), seen));
    } else if (commit.changesSnapshot()) {
      // the ids a format-2 record keeps stay with it, whichever way this store was opened
      List<BinaryState.Seen> seen = stored.map(p -> unexpired(p.seen())).orElse(List.of());
      snapshots.put(subject.toString(), BinaryState.writeSubject(commit.snapshot(), seen));
      recent.put(
          subject.toString(),
          new Parsed(commit.snapshot(), digests ? digest(codec.write(commit.snapshot())) : "", seen));
    }
    for (SharedWrite write : commit.sharedWrites()) {
      shared.put(
          write.key(),
          utf8(codec.write(new SharedState(write.key(), write.expectedVersion() + 1, write.values()))));
    }
    for (TimerChange change : commit.timerChanges()) {
      applyTimer(subject, change);
    }
    sink.committed(commit, beforeDigest(commit, stored));
    return CommitResult.COMMITTED;
  }

  /** The stored snapshot's ids still within their retention, and {@code id}. */
  private List<BinaryState.Seen> withId(Optional<Parsed> stored, BinaryState.Seen id) {
    List<BinaryState.Seen> before = stored.map(Parsed::seen).orElse(List.of());
    List<BinaryState.Seen> seen = new ArrayList<>(before.size() + 1);
    for (BinaryState.Seen kept : before) {
      if (!kept.committedAt().isBefore(seenCutoff)) {
        seen.add(kept);
      }
    }
    seen.add(id);
    return seen;
  }

  private List<BinaryState.Seen> unexpired(List<BinaryState.Seen> ids) {
    if (ids.isEmpty()) {
      return ids;
    }
    List<BinaryState.Seen> kept = new ArrayList<>(ids.size());
    for (BinaryState.Seen id : ids) {
      if (!id.committedAt().isBefore(seenCutoff)) {
        kept.add(id);
      }
    }
    return kept;
  }

  /** Records that {@code signalId} was committed at {@code at}, for {@link #purgeExpired}. */
  private void expireLater(String signalId, Instant at) {
    if (openBucket != null
        && openSize < BUCKET_ENTRIES
        && !at.isBefore(openSince)
        && at.isBefore(openSince.plus(BUCKET_SPAN))) {
      openValue = BinaryState.appendExpiry(openValue, signalId, at);
      openSize++;
    } else {
      // the key's time is its first entry's, and later entries are no earlier: a purge can stop
      // at the first bucket whose key is not before the cutoff
      openBucket = timePrefix(at) + SEP + signalId;
      openValue = BinaryState.expiryBucket(signalId, at);
      openSince = at;
      openSize = 1;
    }
    inboxExpiry.put(openBucket, openValue);
  }

  private void closeBucket() {
    openBucket = null;
    openValue = null;
    openSince = null;
    openSize = 0;
  }

  /**
   * The entries of an inbox-expiry value: a bucket, or (empty value) an entry of an earlier
   * version, whose key is its time prefix and signal id.
   */
  private static List<BinaryState.Expiry> expiries(String key, byte[] value) {
    if (value.length == 0) {
      return List.of(new BinaryState.Expiry(key.substring(TIME_PREFIX + 1), Instant.MIN));
    }
    return BinaryState.readExpiries(value);
  }

  private void applyTimer(SubjectRef subject, TimerChange change) {
    String id = timerId(subject, change.name(), change.generation());
    if (change instanceof TimerChange.Scheduled) {
      PendingTimer timer = ((TimerChange.Scheduled) change).timer();
      String key = timerKey(subject, timer);
      if (key.compareTo(floor) < 0) {
        floor = key;
      }
      timers.put(key, BinaryState.writeDueTimer(new DueTimer(subject, timer)));
      timerIds.put(id, utf8(key));
    } else {
      byte[] indexed = timerIds.delete(id);
      if (indexed != null) {
        String key = utf8(indexed);
        timers.delete(key);
        leases.remove(key);
        String quarantined = quarantineKey(QuarantinedInput.Kind.TIMER, signalId(subject, change));
        // a delete writes a changelog tombstone even for an absent key: read first (a timer is
        // rarely quarantined, and each cancelled timer wrote a needless tombstone)
        if (quarantine.get(quarantined) != null) {
          quarantine.delete(quarantined);
        }
      }
    }
  }

  private static String signalId(SubjectRef subject, TimerChange change) {
    return "timer:" + subject + ":" + change.name() + ":" + change.generation();
  }

  @Override
  public SharedState loadShared(String key) {
    byte[] json = shared.get(Objects.requireNonNull(key, "key"));
    return json == null ? SharedState.empty(key) : codec.read(utf8(json), SharedState.class);
  }

  /** Not kept in the state stores: every audit record goes to the audit topic. */
  @Override
  public List<AuditRecord> audit(SubjectRef subject) {
    throw new UnsupportedOperationException(
        "a Kafka Streams journey store keeps no audit: read the audit topic");
  }

  // ------------------------------------------------------------------ timers

  @Override
  public List<DueTimer> claimDueTimers(Instant now, Duration lease, int limit) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(lease, "lease");
    String until = timePrefix(now);
    Instant leaseUntil = now.plus(lease);
    List<DueTimer> claimed = new ArrayList<>();
    // the due range only: an in-memory store copies the keys of the range it iterates
    try (KeyValueIterator<String, byte[]> it = timers.range(floor, until + '\uffff')) {
      boolean first = true;
      while (it.hasNext() && claimed.size() < limit) {
        KeyValue<String, byte[]> entry = it.next();
        if (first) {
          floor = entry.key;
          first = false;
        }
        if (entry.key.substring(0, TIME_PREFIX).compareTo(until) > 0) {
          break;
        }
        Instant leased = leases.get(entry.key);
        if (leased != null && leased.isAfter(now)) {
          continue;
        }
        DueTimer timer = readDueTimer(entry.value);
        if (quarantine.get(quarantineKey(QuarantinedInput.Kind.TIMER, timer.signalId())) != null) {
          continue;
        }
        leases.put(entry.key, leaseUntil);
        claimed.add(timer);
      }
    }
    return claimed;
  }

  @Override
  public Optional<Instant> nextTimerDue() {
    try (KeyValueIterator<String, byte[]> it = timers.range(floor, "\uffff")) {
      if (!it.hasNext()) {
        return Optional.empty();
      }
      KeyValue<String, byte[]> entry = it.next();
      floor = entry.key;
      return Optional.of(readDueTimer(entry.value).timer().dueAt());
    }
  }

  /** The number of pending timers (for tests and metrics; a full scan). */
  public long pendingTimerCount() {
    long n = 0;
    try (KeyValueIterator<String, byte[]> it = timers.all()) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  // ------------------------------------------------------------------ outbox: the actions topic

  @Override
  public List<OutboxEntry> claimActions(Instant now, Duration lease, int limit) {
    throw outboxIsTheTopic();
  }

  @Override
  public void markDone(String actionId) {
    throw outboxIsTheTopic();
  }

  @Override
  public void retryLater(OutboxEntry entry) {
    throw outboxIsTheTopic();
  }

  @Override
  public void deadLetter(OutboxEntry entry, String reason, Instant at) {
    throw outboxIsTheTopic();
  }

  @Override
  public List<OutboxEntry> pendingActions() {
    throw outboxIsTheTopic();
  }

  @Override
  public List<DeadLetter> deadLetters() {
    throw outboxIsTheTopic();
  }

  @Override
  public boolean requeue(String actionId, Instant now) {
    throw outboxIsTheTopic();
  }

  @Override
  public boolean discard(String actionId) {
    throw outboxIsTheTopic();
  }

  private static UnsupportedOperationException outboxIsTheTopic() {
    return new UnsupportedOperationException(
        "the outbox of a Kafka Streams journey is the actions topic: consume it with"
            + " dev.journey.kafka.ActionTopicRelay, which keeps its own dead letters");
  }

  // ------------------------------------------------------------------ quarantine

  @Override
  public void quarantine(QuarantinedInput input) {
    Objects.requireNonNull(input, "input");
    quarantine.put(quarantineKey(input.kind(), input.id()), utf8(codec.write(StoredQuarantine.of(input))));
    sink.quarantined(input);
  }

  @Override
  public List<QuarantinedInput> quarantined() {
    List<QuarantinedInput> all = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = quarantine.all()) {
      while (it.hasNext()) {
        all.add(codec.read(utf8(it.next().value), StoredQuarantine.class).input());
      }
    }
    all.sort(Comparator.comparing(QuarantinedInput::quarantinedAt));
    return List.copyOf(all);
  }

  @Override
  public Optional<QuarantinedInput> inspect(QuarantinedInput.Kind kind, String id) {
    byte[] json = quarantine.get(quarantineKey(kind, id));
    return json == null
        ? Optional.empty()
        : Optional.of(codec.read(utf8(json), StoredQuarantine.class).input());
  }

  @Override
  public Optional<QuarantinedInput> requeue(QuarantinedInput.Kind kind, String id, Instant now) {
    Objects.requireNonNull(now, "now");
    byte[] json = quarantine.delete(quarantineKey(kind, id));
    if (json == null) {
      return Optional.empty();
    }
    if (kind == QuarantinedInput.Kind.TIMER) {
      timerIndexKey(id).ifPresent(leases::remove);
    }
    return Optional.of(codec.read(utf8(json), StoredQuarantine.class).input());
  }

  @Override
  public boolean discard(QuarantinedInput.Kind kind, String id) {
    if (quarantine.delete(quarantineKey(kind, id)) == null) {
      return false;
    }
    if (kind == QuarantinedInput.Kind.TIMER) {
      timerIndexKey(id)
          .ifPresent(
              key -> {
                DueTimer timer = readDueTimer(timers.delete(key));
                leases.remove(key);
                timerIds.delete(
                    timerId(timer.subject(), timer.timer().name(), timer.timer().generation()));
              });
    }
    return true;
  }

  /** The index key of the timer fired by {@code signalId}; a full scan (rare). */
  private Optional<String> timerIndexKey(String signalId) {
    try (KeyValueIterator<String, byte[]> it = timers.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        if (readDueTimer(entry.value).signalId().equals(signalId)) {
          return Optional.of(entry.key);
        }
      }
    }
    return Optional.empty();
  }

  // ------------------------------------------------------------------ retention

  /**
   * Deletes inbox records committed more than the inbox retention before {@code now}; a signal
   * redelivered after that is processed again. Ids kept in snapshots ({@link #inboxInSnapshots})
   * past the same cutoff are ignored from now on and leave their snapshot at its subject's next
   * commit (they are not counted in the report: finding them would scan every snapshot).
   */
  @Override
  public PurgeReport purgeExpired(Instant now) {
    Instant cutoffAt = Objects.requireNonNull(now, "now").minus(inboxRetention);
    String cutoff = timePrefix(cutoffAt);
    if (cutoffAt.isAfter(seenCutoff)) {
      seenCutoff = cutoffAt; // ids kept in snapshots: ignored from now on, dropped at the next write
    }
    closeBucket();
    List<KeyValue<String, byte[]>> due = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = inboxExpiry.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        if (entry.key.substring(0, TIME_PREFIX).compareTo(cutoff) >= 0) {
          break; // this bucket and the later ones hold no entry before the cutoff
        }
        due.add(entry);
      }
    }
    int purged = 0;
    for (KeyValue<String, byte[]> bucket : due) {
      List<BinaryState.Expiry> kept = new ArrayList<>();
      for (BinaryState.Expiry e : expiries(bucket.key, bucket.value)) {
        if (e.committedAt().isBefore(cutoffAt)) {
          inbox.delete(e.signalId());
          purged++;
        } else {
          kept.add(e);
        }
      }
      if (kept.isEmpty()) {
        inboxExpiry.delete(bucket.key);
      } else {
        inboxExpiry.put(bucket.key, BinaryState.expiryBucket(kept));
      }
    }
    if (purged > 0 || inboxInUse) {
      inboxInUse = hasEntries(inbox);
    }
    return new PurgeReport(purged, 0, 0, 0);
  }

  // ------------------------------------------------------------------ erasure

  /**
   * Erases the subject from this partition's stores: its snapshot, its processed signal ids (and
   * their expiry entries), its pending timers and its quarantined inputs. Each deletion is a
   * tombstone on the store's changelog, so compaction removes the data from Kafka too. Shared
   * routing state holds no per-subject data and is kept. The audit and actions topics are not
   * touched: what they hold goes with their retention. This store keeps no aliases.
   *
   * <p>The inbox is keyed by signal id, so finding the subject's ids scans this partition's inbox
   * (and its expiry index); erasures are rare, but on a large inbox the scan holds the stream
   * thread for a while.
   */
  @Override
  public int erase(SubjectRef subject) {
    String key = Objects.requireNonNull(subject, "subject").toString();
    int deleted = 0;
    recent.remove(key);
    if (snapshots.delete(key) != null) {
      deleted++;
    }
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = inbox.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        if (readInbox(entry.value).subject().equals(key)) {
          ids.add(entry.key);
        }
      }
    }
    java.util.Set<String> erasedIds = new java.util.HashSet<>(ids);
    closeBucket();
    Map<String, List<BinaryState.Expiry>> rewrites = new LinkedHashMap<>();
    try (KeyValueIterator<String, byte[]> it = inboxExpiry.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> bucket = it.next();
        List<BinaryState.Expiry> entries = expiries(bucket.key, bucket.value);
        List<BinaryState.Expiry> kept = new ArrayList<>(entries.size());
        for (BinaryState.Expiry e : entries) {
          if (!erasedIds.contains(e.signalId())) {
            kept.add(e);
          }
        }
        if (kept.size() != entries.size()) {
          rewrites.put(bucket.key, kept);
        }
      }
    }
    for (String id : ids) {
      inbox.delete(id);
      deleted++;
    }
    rewrites.forEach(
        (k, kept) -> {
          if (kept.isEmpty()) {
            inboxExpiry.delete(k);
          } else {
            inboxExpiry.put(k, BinaryState.expiryBucket(kept));
          }
        });
    String prefix = key + SEP;
    List<KeyValue<String, byte[]>> timerEntries = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = timerIds.prefixScan(prefix, new StringSerializer())) {
      while (it.hasNext()) {
        timerEntries.add(it.next());
      }
    }
    for (KeyValue<String, byte[]> entry : timerEntries) {
      timerIds.delete(entry.key);
      String indexKey = utf8(entry.value);
      if (timers.delete(indexKey) != null) {
        deleted++;
      }
      leases.remove(indexKey);
    }
    List<String> quarantined = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = quarantine.all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        if (codec.read(utf8(entry.value), StoredQuarantine.class).subject().equals(key)) {
          quarantined.add(entry.key);
        }
      }
    }
    for (String q : quarantined) {
      quarantine.delete(q);
      deleted++;
    }
    return deleted;
  }

  // ------------------------------------------------------------------ keys

  /** 13 digits of seconds since year 1 and 9 of nanos: string order is time order. */
  static String timePrefix(Instant at) {
    long seconds = at.getEpochSecond() + EPOCH_OFFSET;
    if (seconds < 0) {
      throw new IllegalArgumentException("instants before year 1 are not supported: " + at);
    }
    char[] digits = new char[TIME_PREFIX];
    fill(digits, 0, 13, seconds);
    fill(digits, 13, 9, at.getNano());
    return new String(digits);
  }

  /** Writes {@code value} as {@code width} zero-padded decimal digits (String.format was a hot spot). */
  private static void fill(char[] into, int from, int width, long value) {
    long v = value;
    for (int i = from + width - 1; i >= from; i--) {
      into[i] = (char) ('0' + v % 10);
      v /= 10;
    }
    if (v != 0) {
      throw new IllegalArgumentException("instants after year 99999 are not supported");
    }
  }

  /**
   * Due time, subject (type ordinal, then id), name, generation: the order of the in-memory
   * store's index, so timers due at the same instant fire in the same order.
   */
  static String timerKey(SubjectRef subject, PendingTimer timer) {
    return timePrefix(timer.dueAt())
        + SEP
        + subject.type().ordinal()
        + subject.id()
        + SEP
        + timer.name()
        + SEP
        + generation(timer.generation());
  }

  /** 19 zero-padded decimal digits, as {@code String.format("%019d", g)} (a hot spot) wrote them. */
  static String generation(long generation) {
    if (generation < 0) {
      return String.format("%019d", generation);
    }
    char[] digits = new char[19];
    fill(digits, 0, 19, generation);
    return new String(digits);
  }

  private static String timerId(SubjectRef subject, String name, long generation) {
    return subject.toString() + SEP + name + SEP + generation;
  }

  private static String quarantineKey(QuarantinedInput.Kind kind, String id) {
    return kind.name() + SEP + id;
  }

  /** A snapshot as parsed from (or written to) the store, with its JSON's digest. */
  private record Parsed(JourneySnapshot snapshot, String sha256, List<BinaryState.Seen> seen) {}

  /** An inbox record as stored; an empty fingerprint stands for none. */
  record StoredInbox(String subject, String fingerprint, Instant receivedAt) {}

  /** A quarantined input as stored; an empty subject stands for none. */
  record StoredQuarantine(
      QuarantinedInput.Kind kind,
      String id,
      String subject,
      String reason,
      String content,
      int attempts,
      Instant quarantinedAt) {

    static StoredQuarantine of(QuarantinedInput input) {
      return new StoredQuarantine(
          input.kind(),
          input.id(),
          input.subject().map(SubjectRef::toString).orElse(""),
          input.reason(),
          input.content(),
          input.attempts(),
          input.quarantinedAt());
    }

    QuarantinedInput input() {
      return new QuarantinedInput(
          kind,
          id,
          subject.isEmpty() ? Optional.empty() : Optional.of(SubjectRef.parse(subject)),
          reason,
          content,
          attempts,
          quarantinedAt);
    }
  }

  /** Kept in this task's memory only: its engine archives them again whenever the task starts. */
  @Override
  public boolean archive(dev.journey.core.spi.RuleSetSources sources) {
    java.util.Objects.requireNonNull(sources, "sources");
    return archive.putIfAbsent(sources.hash(), sources) == null;
  }

  @Override
  public java.util.Optional<dev.journey.core.spi.RuleSetSources> archived(String hash) {
    return dev.journey.core.spi.RuleSetArchive.lookup(archive, hash);
  }
}
