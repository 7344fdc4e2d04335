package dev.journey.core.memory;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Murmur3;
import dev.journey.core.spi.DueTimer;
import dev.journey.core.state.PendingTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory store's due-timer index: a timer wheel of fixed 64-second slots instead of one
 * skip list ordered over every pending timer.
 *
 * <ul>
 *   <li>Every pending timer is one {@link Entry}, found again by subject, name and generation
 *       through an open-addressing table of the entries themselves (no key object, no node).
 *   <li>A timer whose slot lies ahead of the wheel's drained slot hangs in its slot's bucket, an
 *       intrusive doubly-linked list: scheduling and cancelling it is O(1) once its slot is
 *       occupied. The buckets are found through an open-addressing table keyed by slot number;
 *       the occupied slot numbers are kept in a binary min-heap of {@code long}s, which changes
 *       only when a slot gains its first timer (one entry per occupied slot, not per timer).
 *   <li>When a claim reaches a slot, its bucket is moved into the <em>due set</em>, the only
 *       ordered structure, holding just the timers of the slots drained so far that have not
 *       completed: ordered by due time, then subject, then name, then generation, as the skip
 *       list was, so firing order and the claim's {@code limit} cut are those of before.
 * </ul>
 *
 * <p>Leases and parking (quarantine) are fields of the entry. Thread-safe: every method holds one
 * short lock; callers may hold a subject stripe of the store, never the other way round.
 *
 * <p>Knee: slots are 64 s wide, so timers spread one per several minutes over years occupy one
 * slot each and the heap of occupied slots grows with them (O(log slots) for the first timer of a
 * slot); timers due within the current slot are inserted straight into the ordered due set.
 */
final class TimerWheel {
  /** log2 of a slot's width in seconds: 64 s. */
  static final int SLOT_SHIFT = 6;

  /** Due time, then subject, then name, then generation: the order of the former skip list. */
  private static final Comparator<Entry> DUE_ORDER =
      (a, b) -> {
        PendingTimer x = a.timer.timer();
        PendingTimer y = b.timer.timer();
        int c = x.dueAt().compareTo(y.dueAt());
        if (c == 0) {
          c = a.timer.subject().compareTo(b.timer.subject());
        }
        if (c == 0) {
          c = x.name().compareTo(y.name());
        }
        return c != 0 ? c : Long.compare(x.generation(), y.generation());
      };

  private final ReentrantLock lock = new ReentrantLock();
  private final EntryTable entries = new EntryTable();
  private final SlotTable buckets = new SlotTable();
  private final SlotHeap occupied = new SlotHeap();
  private final TreeSet<Entry> due = new TreeSet<>(DUE_ORDER);
  /** Every slot up to this one has been moved into {@link #due}. */
  private long drainedUpTo = Long.MIN_VALUE;

  static long slotOf(Instant at) {
    return at.getEpochSecond() >> SLOT_SHIFT;
  }

  /**
   * Adds a pending timer, replacing one of the same subject, name and generation (the same firing
   * signal: its lease and parking carry over).
   */
  void schedule(SubjectRef subject, PendingTimer timer) {
    Entry entry = new Entry(new DueTimer(subject, timer));
    lock.lock();
    try {
      Entry old = entries.remove(subject, timer.name(), timer.generation(), entry.hash);
      if (old != null) {
        unlink(old);
        entry.lease = old.lease;
        entry.parked = old.parked;
      }
      entries.add(entry);
      long slot = slotOf(timer.dueAt());
      if (slot <= drainedUpTo) {
        due.add(entry);
        entry.inDue = true;
      } else {
        Bucket bucket = buckets.get(slot);
        if (bucket == null) {
          bucket = new Bucket(slot);
          buckets.put(bucket);
          occupied.add(slot);
        }
        bucket.push(entry);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Removes a timer (cancelled, replaced or completed); false when it was not pending. */
  boolean cancel(SubjectRef subject, String name, long generation) {
    lock.lock();
    try {
      Entry entry = entries.remove(subject, name, generation, Entry.hash(subject, name, generation));
      if (entry == null) {
        return false;
      }
      unlink(entry);
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void unlink(Entry entry) {
    if (entry.inDue) {
      due.remove(entry);
      entry.inDue = false;
    } else {
      entry.bucket.unlink(entry); // an emptied bucket stays until its slot is reached
    }
  }

  /** Claims up to {@code limit} due timers in due order, skipping leased and parked ones. */
  List<DueTimer> claim(Instant now, Duration lease, int limit) {
    Instant until = now.plus(lease);
    List<DueTimer> claimed = new ArrayList<>(Math.min(limit, 64));
    lock.lock();
    try {
      drainTo(slotOf(now));
      for (Entry entry : due) {
        if (claimed.size() >= limit || entry.dueAt().isAfter(now)) {
          break;
        }
        if (entry.parked || (entry.lease != null && entry.lease.isAfter(now))) {
          continue;
        }
        entry.lease = until;
        claimed.add(entry.timer);
      }
      return claimed;
    } finally {
      lock.unlock();
    }
  }

  private void drainTo(long slot) {
    while (!occupied.isEmpty() && occupied.peek() <= slot) {
      Bucket bucket = buckets.remove(occupied.poll());
      for (Entry e = bucket.head; e != null; ) {
        Entry next = e.next;
        e.bucket = null;
        e.prev = null;
        e.next = null;
        e.inDue = true;
        due.add(e);
        e = next;
      }
    }
    if (slot > drainedUpTo) {
      drainedUpTo = slot;
    }
  }

  /** The earliest due time of any pending timer, leased and parked ones included. */
  Optional<Instant> nextDue() {
    lock.lock();
    try {
      if (!due.isEmpty()) {
        return Optional.of(due.first().dueAt());
      }
      while (!occupied.isEmpty()) {
        Bucket bucket = buckets.get(occupied.peek());
        if (bucket.head != null) {
          Instant min = bucket.head.dueAt();
          for (Entry e = bucket.head.next; e != null; e = e.next) {
            if (e.dueAt().isBefore(min)) {
              min = e.dueAt();
            }
          }
          return Optional.of(min);
        }
        buckets.remove(occupied.poll()); // emptied by cancels: drop it now
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  /** Removes every timer of a subject; returns how many. A scan of all timers (rare). */
  int removeSubject(SubjectRef subject) {
    lock.lock();
    try {
      List<Entry> mine = entries.matching(e -> e.timer.subject().equals(subject));
      for (Entry e : mine) {
        entries.remove(subject, e.timer.timer().name(), e.timer.timer().generation(), e.hash);
        unlink(e);
      }
      return mine.size();
    } finally {
      lock.unlock();
    }
  }

  /** Parks the timer fired by {@code signalId} (quarantined): claims skip it. A scan (rare). */
  void park(String signalId) {
    lock.lock();
    try {
      Entry e = bySignal(signalId);
      if (e != null) {
        e.parked = true;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Unparks the timer fired by {@code signalId} and drops its lease: it fires again when due. */
  void release(String signalId) {
    lock.lock();
    try {
      Entry e = bySignal(signalId);
      if (e != null) {
        e.parked = false;
        e.lease = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Removes the timer fired by {@code signalId}, if pending. */
  void removeBySignal(String signalId) {
    lock.lock();
    try {
      Entry e = bySignal(signalId);
      if (e != null) {
        entries.remove(e.timer.subject(), e.timer.timer().name(), e.timer.timer().generation(), e.hash);
        unlink(e);
      }
    } finally {
      lock.unlock();
    }
  }

  private Entry bySignal(String signalId) {
    List<Entry> found = entries.matching(e -> e.timer.signalId().equals(signalId));
    return found.isEmpty() ? null : found.get(0);
  }

  /** The number of pending timers. */
  int size() {
    lock.lock();
    try {
      return entries.size;
    } finally {
      lock.unlock();
    }
  }

  /** One pending timer: its identity, its place in a bucket or the due set, lease and parking. */
  static final class Entry {
    final DueTimer timer;
    final int hash;
    Instant lease;
    boolean parked;
    boolean inDue;
    Bucket bucket;
    Entry prev;
    Entry next;

    Entry(DueTimer timer) {
      this.timer = timer;
      this.hash = hash(timer.subject(), timer.timer().name(), timer.timer().generation());
    }

    Instant dueAt() {
      return timer.timer().dueAt();
    }

    boolean is(SubjectRef subject, String name, long generation) {
      PendingTimer t = timer.timer();
      return t.generation() == generation && t.name().equals(name) && timer.subject().equals(subject);
    }

    static int hash(SubjectRef subject, String name, long generation) {
      int h = (subject.hashCode() * 31 + name.hashCode()) * 31 + Long.hashCode(generation);
      return Murmur3.fmix32(h);
    }
  }

  /** The timers of one slot ahead of the drained one, in no particular order. */
  static final class Bucket {
    final long slot;
    Entry head;

    Bucket(long slot) {
      this.slot = slot;
    }

    void push(Entry e) {
      e.bucket = this;
      e.prev = null;
      e.next = head;
      if (head != null) {
        head.prev = e;
      }
      head = e;
    }

    void unlink(Entry e) {
      if (e.prev != null) {
        e.prev.next = e.next;
      } else {
        head = e.next;
      }
      if (e.next != null) {
        e.next.prev = e.prev;
      }
      e.prev = null;
      e.next = null;
      e.bucket = null;
    }
  }

  /** Entries by subject, name and generation: linear probing, backward-shift deletion. */
  static final class EntryTable {
    private Entry[] table = new Entry[64];
    int size;

    void add(Entry e) {
      if ((size + 1) * 4 > table.length * 3) {
        grow();
      }
      insert(table, e);
      size++;
    }

    private static void insert(Entry[] t, Entry e) {
      int mask = t.length - 1;
      int i = e.hash & mask;
      while (t[i] != null) {
        i = (i + 1) & mask;
      }
      t[i] = e;
    }

    private void grow() {
      Entry[] bigger = new Entry[table.length * 2];
      for (Entry e : table) {
        if (e != null) {
          insert(bigger, e);
        }
      }
      table = bigger;
    }

    Entry remove(SubjectRef subject, String name, long generation, int hash) {
      Entry[] t = table;
      int mask = t.length - 1;
      int i = hash & mask;
      for (Entry e = t[i]; e != null; e = t[i]) {
        if (e.hash == hash && e.is(subject, name, generation)) {
          shiftBack(t, i);
          size--;
          return e;
        }
        i = (i + 1) & mask;
      }
      return null;
    }

    private static void shiftBack(Entry[] t, int hole) {
      int mask = t.length - 1;
      int i = hole;
      while (true) {
        i = (i + 1) & mask;
        Entry e = t[i];
        if (e == null) {
          t[hole] = null;
          return;
        }
        int home = e.hash & mask;
        // move e into the hole unless its home lies cyclically in (hole, i]
        boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
        if (!stays) {
          t[hole] = e;
          hole = i;
        }
      }
    }

    List<Entry> matching(java.util.function.Predicate<Entry> test) {
      List<Entry> found = new ArrayList<>();
      for (Entry e : table) {
        if (e != null && test.test(e)) {
          found.add(e);
        }
      }
      return found;
    }
  }

  /** Buckets by slot number: linear probing, backward-shift deletion. */
  static final class SlotTable {
    private Bucket[] table = new Bucket[64];
    private int size;

    private static int home(long slot, int mask) {
      return Murmur3.fmix32((int) (slot ^ (slot >>> 32))) & mask;
    }

    Bucket get(long slot) {
      Bucket[] t = table;
      int mask = t.length - 1;
      for (int i = home(slot, mask); t[i] != null; i = (i + 1) & mask) {
        if (t[i].slot == slot) {
          return t[i];
        }
      }
      return null;
    }

    void put(Bucket b) {
      if ((size + 1) * 2 > table.length) {
        Bucket[] bigger = new Bucket[table.length * 2];
        for (Bucket old : table) {
          if (old != null) {
            insert(bigger, old);
          }
        }
        table = bigger;
      }
      insert(table, b);
      size++;
    }

    private static void insert(Bucket[] t, Bucket b) {
      int mask = t.length - 1;
      int i = home(b.slot, mask);
      while (t[i] != null) {
        i = (i + 1) & mask;
      }
      t[i] = b;
    }

    Bucket remove(long slot) {
      Bucket[] t = table;
      int mask = t.length - 1;
      int hole = home(slot, mask);
      while (t[hole] != null && t[hole].slot != slot) {
        hole = (hole + 1) & mask;
      }
      Bucket removed = t[hole];
      if (removed == null) {
        return null;
      }
      size--;
      int i = hole;
      while (true) {
        i = (i + 1) & mask;
        Bucket b = t[i];
        if (b == null) {
          t[hole] = null;
          return removed;
        }
        int home = home(b.slot, mask);
        boolean stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
        if (!stays) {
          t[hole] = b;
          hole = i;
        }
      }
    }
  }

  /** A binary min-heap of occupied slot numbers; each occupied slot appears once. */
  static final class SlotHeap {
    private long[] heap = new long[16];
    private int size;

    boolean isEmpty() {
      return size == 0;
    }

    long peek() {
      return heap[0];
    }

    void add(long slot) {
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (heap[parent] <= slot) {
          break;
        }
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = slot;
    }

    long poll() {
      long top = heap[0];
      long last = heap[--size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && heap[child + 1] < heap[child]) {
          child++;
        }
        if (heap[child] >= last) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      if (size > 0) {
        heap[i] = last;
      }
      return top;
    }
  }
}
