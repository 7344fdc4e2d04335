package dev.journey.core.memory;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Murmur3;
import dev.journey.core.state.JourneySnapshot;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One stripe's snapshots by subject: an open-addressing table (linear probing, backward-shift
 * deletion) with the keys' hashes in an {@code int} array (0 marks a free slot: a probe run reads
 * sixteen slots per cache line) and the key and its snapshot side by side in a second, so a hit
 * reads a hash, then the key and value from one cache line: no node object
 * per subject (a {@code ConcurrentHashMap} holds a 32-byte node per entry, one more dependent load
 * on every lookup and one more object for the collector to trace), and no lock of its own.
 *
 * <p>Not thread-safe: {@link InMemoryJourneyStore} keeps one per stripe and calls it holding that
 * stripe's lock. The table grows by doubling at a load of 3/4 and does not shrink (a subject is
 * removed only by an erasure or a merge).
 */
final class SnapshotTable {
  private static final int MIN_CAPACITY = 16;
  private static final int MAX_CAPACITY = 1 << 29;

  // keys at 2i, snapshots at 2i+1
  private Object[] slots;
  private int[] hashes;
  private int size;

  /** An empty table. */
  SnapshotTable() {
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    slots = new Object[capacity * 2];
    hashes = new int[capacity];
  }

  /**
   * A key's hash: murmur3's finalizer, so the stripe's bits do not matter; never 0, which marks a
   * free slot.
   */
  private static int hash(SubjectRef subject) {
    int h = Murmur3.fmix32(subject.hashCode());
    return h == 0 ? 1 : h;
  }

  /** The number of subjects held. */
  int size() {
    return size;
  }

  /** The slot of {@code subject}, or -1. */
  private int slotOf(SubjectRef subject, int hash) {
    int mask = hashes.length - 1;
    int i = hash & mask;
    for (int probes = 0; probes <= mask; probes++) { // bounded: the table is never full
      int h = hashes[i];
      if (h == 0) {
        return -1;
      }
      if (h == hash) {
        Object at = slots[2 * i];
        if (at == subject || at.equals(subject)) {
          return i;
        }
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** The snapshot of {@code subject}, or {@code null}. */
  JourneySnapshot get(SubjectRef subject) {
    int i = slotOf(subject, hash(subject));
    return i < 0 ? null : (JourneySnapshot) slots[2 * i + 1];
  }

  /**
   * A prefetch, read without the stripe's lock: reads the hash of the home slot of a subject
   * whose {@code hashCode} is {@code subjectHash} and copies the slot's key and value (the
   * subject's snapshot, another subject's, or nulls) to {@code into[at]} and {@code into[at + 1]},
   * so that a later {@link #get} under the lock finds their cache lines loaded and the caller can
   * touch the objects. A racing {@link #put} or growth makes the copies stale or unrelated; they
   * are only ever used as a hint. Each array is read through one reference and indexed within its
   * own length. Returns the slot's hash, a value that means nothing, for the caller's sink.
   */
  int peek(int subjectHash, Object[] into, int at) {
    int hash = Murmur3.fmix32(subjectHash);
    hash = hash == 0 ? 1 : hash;
    int[] h = hashes;
    Object[] s = slots;
    int i = hash & (h.length - 1);
    int j = hash & ((s.length >> 1) - 1);
    into[at] = s[2 * j];
    into[at + 1] = s[2 * j + 1];
    return h[i];
  }

  /** Stores {@code snapshot} as {@code subject}'s, replacing any. */
  void put(SubjectRef subject, JourneySnapshot snapshot) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(snapshot, "snapshot");
    int hash = hash(subject);
    int mask = hashes.length - 1;
    int i = hash & mask;
    for (int probes = 0; probes <= mask; probes++) { // bounded: the table is never full
      int h = hashes[i];
      if (h == 0) {
        break;
      }
      if (h == hash) {
        Object at = slots[2 * i];
        if (at == subject || at.equals(subject)) {
          slots[2 * i + 1] = snapshot;
          return;
        }
      }
      i = (i + 1) & mask;
    }
    if ((size + 1) * 4L > hashes.length * 3L) {
      grow();
      insert(subject, hash, snapshot);
    } else {
      slots[2 * i] = subject;
      slots[2 * i + 1] = snapshot;
      hashes[i] = hash;
    }
    size++;
  }

  /** Removes {@code subject}'s snapshot; returns it, or {@code null} when there was none. */
  JourneySnapshot remove(SubjectRef subject) {
    int i = slotOf(subject, hash(subject));
    if (i < 0) {
      return null;
    }
    JourneySnapshot removed = (JourneySnapshot) slots[2 * i + 1];
    delete(i);
    return removed;
  }

  /** Calls {@code action} with every subject and its snapshot, in no particular order. */
  void forEach(BiConsumer<SubjectRef, JourneySnapshot> action) {
    for (int i = 0; i < hashes.length; i++) {
      if (hashes[i] != 0) {
        Object key = slots[2 * i];
        action.accept((SubjectRef) key, (JourneySnapshot) slots[2 * i + 1]);
      }
    }
  }

  /** Puts into the first free slot of the probe sequence; the key must be absent. */
  private void insert(SubjectRef subject, int hash, JourneySnapshot snapshot) {
    int mask = hashes.length - 1;
    int i = hash & mask;
    while (hashes[i] != 0) { // bounded: the load stays at or under 3/4
      i = (i + 1) & mask;
    }
    slots[2 * i] = subject;
    slots[2 * i + 1] = snapshot;
    hashes[i] = hash;
  }

  private void grow() {
    if (hashes.length >= MAX_CAPACITY) {
      throw new IllegalStateException(
          "the in-memory snapshot table of one stripe is full (" + size + " subjects)");
    }
    Object[] old = slots;
    int[] oldHashes = hashes;
    allocate(hashes.length << 1);
    for (int i = 0; i < oldHashes.length; i++) {
      if (oldHashes[i] != 0) {
        insert((SubjectRef) old[2 * i], oldHashes[i], (JourneySnapshot) old[2 * i + 1]);
      }
    }
  }

  /**
   * Empties slot {@code i} and shifts back the entries after it whose probe sequence passes
   * through it (linear probing's deletion without tombstones).
   */
  private void delete(int i) {
    int mask = hashes.length - 1;
    int hole = i;
    int j = i;
    for (int probes = 0; probes < mask; probes++) {
      j = (j + 1) & mask;
      if (hashes[j] == 0) {
        break;
      }
      int home = hashes[j] & mask;
      // the entry at j may move to the hole when its home is not in (hole, j] cyclically
      boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        slots[2 * hole] = slots[2 * j];
        slots[2 * hole + 1] = slots[2 * j + 1];
        hashes[hole] = hashes[j];
        hole = j;
      }
    }
    slots[2 * hole] = null;
    slots[2 * hole + 1] = null;
    hashes[hole] = 0;
    size--;
  }
}
