package dev.journey.core.memory;

import dev.journey.core.spi.OutboxEntry;
import java.util.Arrays;
import java.util.List;

/**
 * One subject's pending outbox entries, ordered by sequence: a sorted array instead of a {@code
 * TreeMap<Long, OutboxEntry>}, so that an entry costs one array slot rather than a tree node and a
 * boxed key. Entries arrive in increasing sequence almost always (an append); a merge's re-keyed
 * entries may land between (a binary search and a shift of a few slots). Not thread-safe: the
 * store guards it with the queue's monitor.
 */
final class OutboxQueue {
  private OutboxEntry[] entries = new OutboxEntry[2];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The entry with the lowest sequence; call only when not empty. */
  OutboxEntry first() {
    return entries[0];
  }

  private int indexOf(long sequence) {
    if (size > 0 && entries[size - 1].sequence() < sequence) {
      return -size - 1; // the usual case: after the last
    }
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long s = entries[mid].sequence();
      if (s < sequence) {
        lo = mid + 1;
      } else if (s > sequence) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -lo - 1;
  }

  boolean containsKey(long sequence) {
    return indexOf(sequence) >= 0;
  }

  /** Adds an entry, or replaces the one of the same sequence. */
  void put(OutboxEntry entry) {
    int i = indexOf(entry.sequence());
    if (i >= 0) {
      entries[i] = entry;
      return;
    }
    int at = -i - 1;
    if (size == entries.length) {
      entries = Arrays.copyOf(entries, size * 2);
    }
    System.arraycopy(entries, at, entries, at + 1, size - at);
    entries[at] = entry;
    size++;
  }

  /** Removes the entry of that sequence; false when there is none. */
  boolean remove(long sequence) {
    int i = indexOf(sequence);
    if (i < 0) {
      return false;
    }
    System.arraycopy(entries, i + 1, entries, i, size - i - 1);
    entries[--size] = null;
    return true;
  }

  /** Removes the entry of that action id (a scan of a few entries); false when there is none. */
  boolean removeAction(String actionId) {
    for (int i = 0; i < size; i++) {
      if (entries[i].actionId().equals(actionId)) {
        System.arraycopy(entries, i + 1, entries, i, size - i - 1);
        entries[--size] = null;
        return true;
      }
    }
    return false;
  }

  /** The entries in sequence order (a copy). */
  List<OutboxEntry> values() {
    return Arrays.asList(Arrays.copyOf(entries, size));
  }
}
