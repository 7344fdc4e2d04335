package dev.journey.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of one pooled SQLite connection, kept across borrowers: the store runs
 * the same few statements for every signal and every group, and SQLite compiles each one anew
 * when it is prepared ({@code sqlite3_prepare} was a tenth of the native samples of the commit
 * path). Holds at most {@link #MAX} idle statements, the least recently used closed first; a
 * statement in use is not shared (a second prepare of the same SQL meanwhile gets its own).
 * Thread-safe (a connection is borrowed by one thread at a time; the lock only orders the
 * hand-offs).
 */
final class StatementCache {
  /** Idle statements kept per connection at most. */
  static final int MAX = 96;

  private final Connection raw;
  private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(32, 0.75f, true);
  private boolean closed;

  StatementCache(Connection raw) {
    this.raw = raw;
  }

  /** A statement for {@code sql}: an idle one when there is one, else a new one. */
  synchronized PreparedStatement prepare(String sql, Connection borrowed) throws SQLException {
    PreparedStatement ps = idle.remove(sql);
    if (ps == null) {
      ps = raw.prepareStatement(sql);
    }
    return new CachedStatement(ps, this, sql, borrowed);
  }

  /** Takes a statement back: cleared and kept, or closed when its settings changed. */
  synchronized void giveBack(String sql, PreparedStatement ps, boolean changed) {
    if (closed || changed) {
      closeQuietly(ps);
      return;
    }
    try {
      if (ps.isClosed()) {
        return;
      }
      ps.clearParameters();
      ps.clearBatch();
    } catch (SQLException e) {
      closeQuietly(ps);
      return;
    }
    PreparedStatement previous = idle.put(sql, ps);
    if (previous != null) {
      closeQuietly(previous);
    }
    if (idle.size() > MAX) {
      Iterator<PreparedStatement> eldest = idle.values().iterator();
      closeQuietly(eldest.next());
      eldest.remove();
    }
  }

  /** How many statements are idle; for tests. */
  synchronized int size() {
    return idle.size();
  }

  /** Closes the idle statements; statements given back later are closed, not kept. */
  synchronized void close() {
    closed = true;
    for (PreparedStatement ps : idle.values()) {
      closeQuietly(ps);
    }
    idle.clear();
  }

  private static void closeQuietly(PreparedStatement ps) {
    try {
      ps.close();
    } catch (SQLException ignored) {
      // the statement is unusable either way
    }
  }
}
