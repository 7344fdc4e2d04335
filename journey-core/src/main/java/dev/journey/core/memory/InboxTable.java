package dev.journey.core.memory;

import dev.journey.core.SubjectRef;
import dev.journey.core.internal.Murmur3;
import dev.journey.core.spi.InboxRecord;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The in-memory store's processed-signal ids: a pre-sized, segmented open-addressing table
 * (linear probing, backward-shift deletion) keyed by signal id, each segment under its own lock.
 * A slot holds the id, the subject, the 128-bit fingerprint as two {@code long}s and the receipt
 * time, in parallel arrays: no node, record, {@code Optional} or fingerprint string per signal.
 * {@link #get} rebuilds the {@link InboxRecord} (a redelivery, rare).
 *
 * <p>Retention: each segment keeps a lower bound of the receipt times it holds, so {@link
 * #purgeBefore} skips, without scanning, every segment that holds nothing old enough; a segment
 * that does is scanned once, its new bound taken on the way. A purge holds one segment at a time
 * (of at most about 2,048 expected records: large inboxes get more segments), so an insert waits
 * behind one segment's scan, never behind a whole purge. Every operation is atomic per segment;
 * {@link #size}, {@link #purgeBefore} and {@link #removeIf} visit the segments one after the other,
 * so concurrent adds may or may not be seen by them.
 */
final class InboxTable {
  private static final int DEFAULT_SEGMENT_BITS = 6;
  private static final int MAX_SEGMENT_BITS = 10;
  private static final int RECORDS_PER_SEGMENT = 2048;
  private static final int MIN_SEGMENT_CAPACITY = 16;
  private static final int MAX_SEGMENT_CAPACITY = 1 << 30;

  private final int segmentBits;
  private final Segment[] segments;

  /**
   * A table of 64 segments or more ({@link #segmentBitsFor}) sized for {@code expected} records
   * without growing.
   *
   * @throws IllegalArgumentException when {@code expected} is negative
   */
  InboxTable(int expected) {
    this(expected, segmentBitsFor(expected));
  }

  /**
   * 64 segments, more for a large inbox: at most about {@value #RECORDS_PER_SEGMENT} expected
   * records per segment up to 1,024 segments, so that purging one segment, which blocks inserts
   * into it, stays a short, bounded pause whatever the inbox's size.
   */
  static int segmentBitsFor(int expected) {
    int bits = DEFAULT_SEGMENT_BITS;
    while (bits < MAX_SEGMENT_BITS && (long) expected > (long) RECORDS_PER_SEGMENT << bits) {
      bits++;
    }
    return bits;
  }

  /**
   * A table of {@code 2^segmentBits} segments (0 to 10) sized for {@code expected} records.
   *
   * @throws IllegalArgumentException when {@code expected} is negative or {@code segmentBits} out
   *     of range
   */
  InboxTable(int expected, int segmentBits) {
    if (expected < 0) {
      throw new IllegalArgumentException("expected must be >= 0, but was " + expected);
    }
    if (segmentBits < 0 || segmentBits > 10) {
      throw new IllegalArgumentException("segmentBits must be in 0..10, but was " + segmentBits);
    }
    this.segmentBits = segmentBits;
    int count = 1 << segmentBits;
    segments = new Segment[count];
    // capacity per segment: a power of two keeping the load at or under 3/4
    long perSegment = Math.max(MIN_SEGMENT_CAPACITY, (expected / count + 1) * 4L / 3 + 1);
    int capacity = Integer.highestOneBit((int) Math.min(MAX_SEGMENT_CAPACITY, perSegment - 1)) << 1;
    for (int i = 0; i < count; i++) {
      segments[i] = new Segment(Math.min(MAX_SEGMENT_CAPACITY, capacity));
    }
  }

  /**
   * A well-mixed hash of the id (murmur3's finalizer over String.hashCode); never 0, which marks
   * a free slot.
   */
  private static int mix(String id) {
    int h = Murmur3.fmix32(id.hashCode());
    return h == 0 ? 1 : h;
  }

  private Segment segment(int hash) {
    // the top bits pick the segment, the low bits the slot in it
    return segmentBits == 0 ? segments[0] : segments[hash >>> (32 - segmentBits)];
  }

  /** The record of {@code signalId}, or {@code null}. */
  InboxRecord get(String signalId) {
    int hash = mix(signalId);
    return segment(hash).get(signalId, hash);
  }

  /**
   * A prefetch, read without the segment's monitor: reads the hash, references and fingerprint
   * words of the home slot of an id whose {@code hashCode} is {@code idHash}, so that a later
   * probe or insert finds their cache lines loaded; returns a value that means nothing (a racing
   * write makes it stale), for the caller to fold into a sink.
   */
  long peek(int idHash) {
    int hash = Murmur3.fmix32(idHash);
    hash = hash == 0 ? 1 : hash;
    return segment(hash).peek(hash);
  }

  /** Whether {@code signalId} is held. */
  boolean contains(String signalId) {
    int hash = mix(signalId);
    return segment(hash).find(signalId, hash) >= 0;
  }

  /**
   * Adds the record unless its id is held; returns {@code true} when it was added.
   *
   * @throws IllegalArgumentException when the record's fingerprint is absent or not 32 lower-case
   *     hexadecimal digits (the form {@link dev.journey.core.Signal#fingerprint()} returns)
   */
  boolean putIfAbsent(InboxRecord record) {
    Objects.requireNonNull(record, "record");
    String fingerprint =
        record.fingerprint()
            .orElseThrow(() -> new IllegalArgumentException(
                "inbox record " + record.signalId() + " has no fingerprint; the in-memory store"
                    + " keeps one for every record"));
    return putIfAbsent(record.signalId(), record.subject(), fingerprint, record.receivedAt());
  }

  /**
   * Adds the record of {@code signalId} unless the id is held, without building an {@link
   * InboxRecord}; returns {@code true} when it was added.
   *
   * @throws IllegalArgumentException when {@code fingerprint} is not 32 lower-case hexadecimal
   *     digits
   */
  boolean putIfAbsent(String signalId, SubjectRef subject, String fingerprint, Instant receivedAt) {
    Objects.requireNonNull(signalId, "signalId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(receivedAt, "receivedAt");
    return putIfAbsent(
        signalId, subject, parseHex(fingerprint, 0), parseHex(fingerprint, 16), receivedAt);
  }

  /**
   * Adds the record of {@code signalId} unless the id is held, its fingerprint given as the two
   * {@code long}s its 32 hexadecimal digits spell (high first); returns {@code true} when it was
   * added. No text is built or parsed.
   */
  boolean putIfAbsent(
      String signalId, SubjectRef subject, long high, long low, Instant receivedAt) {
    Objects.requireNonNull(signalId, "signalId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(receivedAt, "receivedAt");
    int hash = mix(signalId);
    return segment(hash).putIfAbsent(signalId, hash, subject, high, low, receivedAt);
  }

  /** Removes every record {@code filter} accepts; returns how many. */
  int removeIf(Predicate<InboxRecord> filter) {
    Objects.requireNonNull(filter, "filter");
    return sum(s -> s.removeIf(filter));
  }

  /** Removes every record about {@code subject}, without building records; returns how many. */
  int removeSubject(SubjectRef subject) {
    Objects.requireNonNull(subject, "subject");
    return sum(s -> s.removeSubject(subject));
  }

  /**
   * Removes every record received before {@code cutoff}; returns how many. Segments whose oldest
   * record is not before the cutoff are skipped without a scan.
   */
  int purgeBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return sum(s -> s.purgeBefore(cutoff));
  }

  /** How many records are held. */
  int size() {
    return sum(Segment::size);
  }

  /** {@code count} over every segment, added up. */
  private int sum(ToIntFunction<Segment> count) {
    int n = 0;
    for (Segment s : segments) {
      n += count.applyAsInt(s);
    }
    return n;
  }

  static long parseHex(String hex, int from) {
    if (hex.length() != 32) {
      throw new IllegalArgumentException(
          "a fingerprint must be 32 lower-case hexadecimal digits, but was '" + hex + "'");
    }
    long v = 0;
    for (int i = from; i < from + 16; i++) {
      char c = hex.charAt(i);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else {
        throw new IllegalArgumentException(
            "a fingerprint must be 32 lower-case hexadecimal digits, but was '" + hex + "'");
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static String hex(long hi, long lo) {
    char[] out = new char[32];
    for (int i = 0; i < 16; i++) {
      out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
      out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
    }
    return new String(out);
  }

  /**
   * One open-addressing table; every method holds its monitor. The ids' hashes are an {@code int}
   * array (0 marks a free slot), so a probe run reads sixteen slots per cache line; a slot's id and
   * subject sit side by side in {@code refs}, and the fingerprint's two halves and the receipt
   * time's seconds and nanoseconds in four {@code long}s of {@code words}. An insert writes three
   * or four cache lines (not six parallel arrays), 44 bytes per slot and no {@link Instant}.
   *
   * <p>The receipt time is kept as numbers beside the fingerprint, not as an {@link Instant}: a
   * purge compares the times of every slot it scans, which then reads one array in order instead
   * of following a reference per slot to an object elsewhere in the heap (the steady benchmark's
   * housekeeping CPU per signal 0.73-0.81x, issue 23 round 14), and a record no longer keeps an
   * {@code Instant} of its own alive (44 bytes per slot where a slot and its {@code Instant} took
   * 56).
   */
  private static final class Segment {
    private static final int REFS = 2;
    private static final int WORDS = 4;

    private int[] hashes;
    private Object[] refs;
    private long[] words;
    private int size;
    // no record here was received before this (Instant.MAX when empty)
    private Instant oldest = Instant.MAX;

    private final int minCapacity;

    Segment(int capacity) {
      minCapacity = capacity;
      allocate(capacity);
    }

    private void allocate(int capacity) {
      hashes = new int[capacity];
      refs = new Object[capacity * REFS];
      words = new long[capacity * WORDS];
    }

    private int capacity() {
      return hashes.length;
    }

    private boolean used(int i) {
      return hashes[i] != 0;
    }

    private String idAt(int i) {
      return (String) refs[REFS * i];
    }

    private SubjectRef subjectAt(int i) {
      return (SubjectRef) refs[REFS * i + 1];
    }

    private Instant receivedAt(int i) {
      return Instant.ofEpochSecond(words[WORDS * i + 2], words[WORDS * i + 3]);
    }

    /** Whether slot {@code i}'s record was received before {@code cutoff}, without an Instant. */
    private boolean receivedBefore(int i, long cutoffSecond, int cutoffNano) {
      long second = words[WORDS * i + 2];
      return second < cutoffSecond || (second == cutoffSecond && words[WORDS * i + 3] < cutoffNano);
    }

    synchronized int size() {
      return size;
    }

    /** The slot of {@code id}, or -1. Call holding the monitor. */
    private int slotOf(String id, int hash) {
      int mask = capacity() - 1;
      int i = hash & mask;
      for (int probes = 0; probes <= mask; probes++) { // bounded: the table is never full
        int h = hashes[i];
        if (h == 0) {
          return -1;
        }
        if (h == hash && idAt(i).equals(id)) {
          return i;
        }
        i = (i + 1) & mask;
      }
      return -1;
    }

    /** {@link InboxTable#peek}: unlocked reads, each array within its own length. */
    long peek(int hash) {
      int[] h = hashes;
      Object[] r = refs;
      long[] w = words;
      int i = hash & (h.length - 1);
      int j = hash & (r.length / REFS - 1);
      int k = hash & (w.length / WORDS - 1);
      return h[i] + w[WORDS * k] + (r[REFS * j] == null ? 0 : 1);
    }

    synchronized int find(String id, int hash) {
      return slotOf(id, hash);
    }

    synchronized InboxRecord get(String id, int hash) {
      int i = slotOf(id, hash);
      return i < 0 ? null : record(i);
    }

    private InboxRecord record(int i) {
      return new InboxRecord(
          idAt(i),
          subjectAt(i),
          Optional.of(hex(words[WORDS * i], words[WORDS * i + 1])),
          receivedAt(i));
    }

    synchronized boolean putIfAbsent(
        String id, int hash, SubjectRef subject, long hi, long lo, Instant at) {
      // one probe: it ends at the id (a duplicate) or at the free slot to fill
      int mask = capacity() - 1;
      int i = hash & mask;
      for (int probes = 0; probes <= mask; probes++) { // bounded: the table is never full
        int h = hashes[i];
        if (h == 0) {
          break;
        }
        if (h == hash && idAt(i).equals(id)) {
          return false;
        }
        i = (i + 1) & mask;
      }
      if ((size + 1) * 4L > capacity() * 3L) {
        grow();
        insert(hash, id, subject, at.getEpochSecond(), at.getNano(), hi, lo);
      } else {
        fill(i, hash, id, subject, at.getEpochSecond(), at.getNano(), hi, lo);
      }
      size++;
      if (at.isBefore(oldest)) {
        oldest = at;
      }
      return true;
    }

    /** Puts into the first free slot of the probe sequence. Call holding the monitor. */
    private void insert(
        int hash, Object id, Object subject, long second, long nano, long hi, long lo) {
      int mask = capacity() - 1;
      int i = hash & mask;
      while (hashes[i] != 0) { // bounded: the load stays at or under 3/4
        i = (i + 1) & mask;
      }
      fill(i, hash, id, subject, second, nano, hi, lo);
    }

    private void fill(
        int i, int hash, Object id, Object subject, long second, long nano, long hi, long lo) {
      hashes[i] = hash;
      refs[REFS * i] = id;
      refs[REFS * i + 1] = subject;
      words[WORDS * i] = hi;
      words[WORDS * i + 1] = lo;
      words[WORDS * i + 2] = second;
      words[WORDS * i + 3] = nano;
    }

    private void grow() {
      if (capacity() >= MAX_SEGMENT_CAPACITY) {
        throw new IllegalStateException(
            "the in-memory inbox segment is full (" + size + " records); purge expired records");
      }
      rehash(capacity() << 1);
    }

    /**
     * After removals: gives memory back when at most an eighth of the slots is used, halving the
     * table (not below its pre-sized capacity) while the load stays at or under 3/8.
     */
    private void shrinkIfSparse() {
      int capacity = capacity();
      while (capacity > minCapacity && size * 8L <= capacity * 3L / 2) {
        capacity >>= 1;
      }
      if (capacity < capacity()) {
        rehash(capacity);
      }
    }

    private void rehash(int capacity) {
      int[] oldHashes = hashes;
      Object[] oldRefs = refs;
      long[] oldWords = words;
      allocate(capacity);
      for (int i = 0; i < oldHashes.length; i++) {
        if (oldHashes[i] != 0) {
          insert(
              oldHashes[i],
              oldRefs[REFS * i],
              oldRefs[REFS * i + 1],
              oldWords[WORDS * i + 2],
              oldWords[WORDS * i + 3],
              oldWords[WORDS * i],
              oldWords[WORDS * i + 1]);
        }
      }
    }

    /**
     * Empties slot {@code i} and shifts back the entries after it whose probe sequence passes
     * through it (linear probing's deletion without tombstones). Call holding the monitor.
     */
    private void delete(int i) {
      int mask = capacity() - 1;
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
          move(j, hole);
          hole = j;
        }
      }
      hashes[hole] = 0;
      refs[REFS * hole] = null;
      refs[REFS * hole + 1] = null;
      size--;
    }

    private void move(int from, int to) {
      hashes[to] = hashes[from];
      System.arraycopy(refs, REFS * from, refs, REFS * to, REFS);
      System.arraycopy(words, WORDS * from, words, WORDS * to, WORDS);
    }

    synchronized int removeIf(Predicate<InboxRecord> filter) {
      int removed = 0;
      int i = 0;
      // bounded: each pass either advances or deletes one of the finitely many entries
      while (i < capacity()) {
        if (used(i) && filter.test(record(i))) {
          delete(i);
          removed++;
          // a shifted-back entry may now sit at i: look at it again
        } else {
          i++;
        }
      }
      if (removed > 0) {
        recomputeOldest();
        shrinkIfSparse();
      }
      return removed;
    }

    synchronized int removeSubject(SubjectRef subject) {
      int removed = 0;
      int i = 0;
      while (i < capacity()) { // bounded as in removeIf
        if (used(i) && subjectAt(i).equals(subject)) {
          delete(i);
          removed++;
        } else {
          i++;
        }
      }
      if (removed > 0) {
        recomputeOldest();
        shrinkIfSparse();
      }
      return removed;
    }

    /**
     * One pass over the slots: deletes the records received before the cutoff and takes the
     * oldest of those kept on the way, so the bound needs no second scan. Each kept record is
     * looked at in some slot while kept: a backward shift moves a record only into a slot at or
     * after the scan's (it is looked at again there) or, past the end, into a slot before it that
     * the scan has passed with the record still in a later one.
     */
    synchronized int purgeBefore(Instant cutoff) {
      if (!oldest.isBefore(cutoff)) {
        return 0;
      }
      long cutoffSecond = cutoff.getEpochSecond();
      int cutoffNano = cutoff.getNano();
      int removed = 0;
      // the oldest receipt time kept so far, as numbers (a value: the backward shifts move slots)
      long minSecond = Long.MAX_VALUE;
      int minNano = Integer.MAX_VALUE;
      int i = 0;
      while (i < capacity()) { // bounded as in removeIf
        if (used(i)) {
          if (receivedBefore(i, cutoffSecond, cutoffNano)) {
            delete(i);
            removed++;
            continue; // a shifted-back record may now sit at i
          }
          if (receivedBefore(i, minSecond, minNano)) {
            minSecond = words[WORDS * i + 2];
            minNano = (int) words[WORDS * i + 3];
          }
        }
        i++;
      }
      oldest = minSecond == Long.MAX_VALUE ? Instant.MAX : Instant.ofEpochSecond(minSecond, minNano);
      shrinkIfSparse();
      return removed;
    }

    private void recomputeOldest() {
      long minSecond = Long.MAX_VALUE;
      int minNano = Integer.MAX_VALUE;
      for (int i = 0; i < capacity(); i++) {
        if (used(i) && receivedBefore(i, minSecond, minNano)) {
          minSecond = words[WORDS * i + 2];
          minNano = (int) words[WORDS * i + 3];
        }
      }
      oldest = minSecond == Long.MAX_VALUE ? Instant.MAX : Instant.ofEpochSecond(minSecond, minNano);
    }
  }
}
