package dev.journey.jdbc;

import dev.journey.core.spi.CommitResult;
import dev.journey.jdbc.internal.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the store's collaborators get a transaction: a read beside any writer, a write (under the
 * write lock of a single-writer database, on its one writer connection), or a write that decides
 * its own commit ({@link #alone}). Every failure of the database surfaces as a {@link
 * JdbcStoreException} naming the operation.
 */
final class Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcJourneyStore.class);

  private final DataSource dataSource;
  private final Dialect dialect;
  /**
   * Serializes write transactions on a single-writer database (SQLite); null elsewhere. Over a
   * {@link JdbcPool} it is the pool's writer lock, shared by every store on that pool.
   */
  private final ReentrantLock writeLock;
  /** The SQLite pool whose one writer connection every write transaction uses; null otherwise. */
  private final JdbcPool writerPool;

  Transactions(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.writerPool =
        dialect.singleWriter() && dataSource instanceof JdbcPool p && p.writerLock().isPresent()
            ? p
            : null;
    this.writeLock =
        writerPool != null
            ? writerPool.writerLock().orElseThrow()
            : dialect.singleWriter() ? new ReentrantLock(true) : null;
  }

  /** A unit of work on a connection inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  Dialect dialect() {
    return dialect;
  }

  /** A connection straight from the data source, in auto-commit as it comes; the caller closes it. */
  Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  private Connection open() throws SQLException {
    return transactional(dataSource.getConnection());
  }

  /**
   * A connection for a write transaction, for a caller holding the write lock when there is one:
   * the pool's SQLite writer when there is one (its page cache survives between transactions, see
   * {@link JdbcPool#writerConnection}), else one from the data source.
   */
  Connection openForWrite() throws SQLException {
    return writerPool != null ? transactional(writerPool.writerConnection()) : open();
  }

  private static Connection transactional(Connection c) throws SQLException {
    try {
      if (c.getAutoCommit()) {
        c.setAutoCommit(false);
      }
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.debug("rollback failed", e);
    }
  }

  /** Serialization failures and deadlocks: another transaction won; re-evaluating is safe. */
  static boolean isConcurrencyFailure(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state);
  }

  /** Runs {@code work} holding the write lock of a single-writer database (directly elsewhere). */
  <T> T locked(Supplier<T> work) {
    if (writeLock == null) {
      return work.get();
    }
    writeLock.lock();
    try {
      return work.get();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code work} in one transaction; rolls back on failure. On a single-writer database the
   * transaction holds the write lock (it may write).
   */
  <T> T write(String operation, Work<T> work) {
    if (writeLock == null) {
      return read(operation, work);
    }
    writeLock.lock();
    try {
      return run(operation, work, openForWrite());
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code work}, one statement that only reads, beside any writer: on PostgreSQL in
   * auto-commit mode, so that it costs one round trip instead of two ({@code BEGIN} with the
   * query, then {@code COMMIT}); on SQLite in auto-commit mode too, since the driver runs {@code
   * commit;} and {@code begin;} (each parsed anew) at the commit of a transaction and {@code
   * rollback;} and {@code begin;} when the pool takes the connection back; a single statement sees
   * one snapshot either way. Elsewhere in one transaction, as {@link #read}.
   */
  <T> T readOne(String operation, Work<T> work) {
    if (dialect == Dialect.H2) {
      return read(operation, work);
    }
    try (Connection c = dataSource.getConnection()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      return work.run(c);
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    }
  }

  /** Runs {@code work}, which only reads, in one transaction, beside any writer. */
  <T> T read(String operation, Work<T> work) {
    try {
      return run(operation, work, open());
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    }
  }

  /** Runs {@code work} in one transaction on {@code connection}, then closes it. */
  private static <T> T run(String operation, Work<T> work, Connection connection) {
    try (Connection c = connection) {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    }
  }

  /**
   * Runs a write in a transaction of its own (under the write lock of a single-writer database):
   * committed when it returns {@link CommitResult#COMMITTED}, else rolled back; a lost race
   * (serialization failure, deadlock, a unique key taken meanwhile) is a {@link
   * CommitResult#CONFLICT}.
   */
  CommitResult alone(String operation, Work<CommitResult> work) {
    if (writeLock != null) {
      writeLock.lock();
    }
    try (Connection c = openForWrite()) {
      try {
        CommitResult result = work.run(c);
        if (result == CommitResult.COMMITTED) {
          c.commit();
        } else {
          c.rollback();
        }
        return result;
      } catch (SQLException e) {
        rollbackQuietly(c);
        if (isConcurrencyFailure(e) || dialect.isUniqueViolation(e)) {
          LOG.debug("{} lost a race; reported as a conflict", operation, e);
          return CommitResult.CONFLICT;
        }
        throw e;
      } catch (RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(operation, e);
    } finally {
      if (writeLock != null) {
        writeLock.unlock();
      }
    }
  }
}
