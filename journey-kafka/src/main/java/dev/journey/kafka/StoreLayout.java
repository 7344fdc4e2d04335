package dev.journey.kafka;

import dev.journey.kafka.internal.StoreNames;
import java.util.Set;

/**
 * Where a journey topology keeps its state stores. Every store is changelogged in every layout
 * (the same changelog topics, keys and values), so a topology can switch layouts on the same
 * application id: each store restores from its changelog what it does not find locally.
 *
 * <p>An in-memory store costs the stream thread less per write than RocksDB (no JNI call, no
 * flush at each commit) and holds its whole content on the heap; it is restored from its
 * changelog at every start, not only when the local disk is lost, and the partitions it belongs
 * to process nothing meanwhile. A RocksDB store reopens from the local disk after a clean
 * shutdown. See docs/scale-out.md for what each layout costs.
 */
public enum StoreLayout {
  /** Every store in RocksDB (the default): restarts reopen local state. */
  ROCKSDB,
  /**
   * Every store in memory: the least CPU per signal, but the processed signal ids of the whole
   * inbox retention live on the heap and are restored at every start. Suits a short inbox
   * retention or a small volume.
   */
  IN_MEMORY,
  /**
   * Snapshots, timers, shared state and quarantine in memory; the inbox (processed signal ids and
   * their expiry index, which grow with the signal volume over the inbox retention) in RocksDB.
   * The heap holds one snapshot per tracked subject and the pending timers; a start restores
   * those from their changelogs and reopens the inbox from disk.
   */
  IN_MEMORY_STATE_PERSISTENT_INBOX;

  /** Whether this layout keeps the named store in memory. */
  boolean inMemory(String store) {
    return switch (this) {
      case ROCKSDB -> false;
      case IN_MEMORY -> true;
      case IN_MEMORY_STATE_PERSISTENT_INBOX -> !PERSISTENT_INBOX.contains(store);
    };
  }

  private static final Set<String> PERSISTENT_INBOX = Set.of(StoreNames.INBOX, StoreNames.INBOX_EXPIRY);
}
