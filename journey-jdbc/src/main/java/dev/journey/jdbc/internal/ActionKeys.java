package dev.journey.jdbc.internal;

/**
 * The 64-bit key under which SQLite's outbox (schema version 10) indexes an action id: the
 * index entry is an integer of at most 8 bytes instead of the id's text (36 characters for the
 * engine's UUIDs), so the index has about a quarter of the pages and a group's random inserts
 * share more of them.
 *
 * <p>The key is FNV-1a over the id's UTF-16 code units, finished with the 64-bit mix of
 * MurmurHash3. It is stored in the database, so it must never change. It is not what makes an
 * action id unique: every lookup compares the full id as well ({@code action_key = ? AND
 * action_id = ?}), and the insert refuses an id already present by the same comparison, so two
 * ids that share a key (a collision of 64 bits, or ids chosen to collide) only share an index
 * range; neither is refused nor mistaken for the other.
 */
public final class ActionKeys {
  private ActionKeys() {}

  /** Returns the key of {@code actionId}. */
  public static long of(String actionId) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0, n = actionId.length(); i < n; i++) {
      h ^= actionId.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
