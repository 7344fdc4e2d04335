package dev.journey.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The store's connection pool. For the embedded databases (SQLite, H2 files) it is a tiny pool
 * over {@link DriverManager}, so that an embedded store needs nothing else: it keeps up to {@code
 * maxSize} connections, hands out idle ones first, waits up to 30 seconds for a free one, and
 * rolls back whatever a borrower left uncommitted when it returns a connection; it does not
 * validate or evict connections (SQLite writes through one writer at a time anyway). For a
 * PostgreSQL URL ({@code jdbc:postgresql:}) {@link #of} pools with HikariCP instead, which
 * validates, retires and re-opens server connections; the same waiting and roll-back rules hold.
 * To tune a server pool further, configure a HikariCP (or Agroal) pool of your own and pass it to
 * {@link JdbcJourneyStore#builder}.
 *
 * <pre>{@code
 * try (JdbcPool pool = JdbcPool.h2File(Path.of("data/journey"))) {
 *   JdbcJourneyStore store = JdbcJourneyStore.builder(pool).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class JdbcPool implements DataSource, AutoCloseable {
  /** Default number of connections: 8. */
  public static final int DEFAULT_MAX_SIZE = 8;

  private static final long WAIT_SECONDS = 30;
  private static final String SQLITE_PREFIX = "jdbc:sqlite:";
  private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
  /** Numbers the HikariCP pools' names. */
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final String url;
  private final String user;
  private final String password;
  private final Semaphore permits;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  /** The HikariCP pool behind a server URL; null for an embedded database. */
  private final HikariDataSource server;
  /**
   * On SQLite, the lock of the pool's one writer connection ({@link #writer}); null elsewhere.
   * SQLite admits one writing transaction at a time, so the stores over this pool take this lock
   * for every write transaction and write through the same connection.
   */
  private final ReentrantLock writerLock;
  /** The SQLite writer, opened on first use and kept across transactions; guarded by {@link #writerLock}. */
  private Connection writer;
  /** The kept prepared statements of each open SQLite connection (keyed by identity). */
  private final Map<Connection, StatementCache> statements = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private JdbcPool(String url, String user, String password, int maxSize) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.permits = new Semaphore(maxSize, true);
    this.server = url.startsWith(POSTGRES_PREFIX) ? hikari(url, user, password, maxSize) : null;
    this.writerLock = url.startsWith(SQLITE_PREFIX) ? new ReentrantLock(true) : null;
  }

  /**
   * A HikariCP pool as the store uses it: transactions (auto-commit off, so a returned connection
   * needs no reset round trip), opened on demand (no connection at construction, so a store can be
   * built while the server is still starting), {@link #WAIT_SECONDS} to wait for a free one.
   */
  private static HikariDataSource hikari(String url, String user, String password, int maxSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maxSize);
    config.setMinimumIdle(0);
    config.setAutoCommit(false);
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    config.setPoolName("journey-jdbc-" + POOLS.incrementAndGet());
    return new HikariDataSource(config);
  }

  /**
   * A pool of up to {@code maxSize} connections to {@code url}: HikariCP's for a PostgreSQL URL
   * ({@code jdbc:postgresql:}), the tiny pool otherwise.
   *
   * @throws IllegalArgumentException when {@code url} does not start with {@code jdbc:} or
   *     {@code maxSize} is below 1
   */
  public static JdbcPool of(String url, String user, String password, int maxSize) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("url must start with 'jdbc:', but was '" + url + "'");
    }
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be >= 1, but was " + maxSize);
    }
    return new JdbcPool(url, user, password, maxSize);
  }

  /**
   * A pool over an embedded SQLite database in the file {@code file}, created when missing: the
   * durable embedded default. The database runs in WAL mode with {@code synchronous=FULL}, so a
   * commit returns only after its WAL frames were fsynced: an acknowledged commit survives a
   * process kill and a power loss. The WAL is checkpointed into the file automatically and pages
   * freed by deletes are reused, so the file stays near the live data's size. Temporary B-trees
   * (the group's {@code IN} lists) stay in memory ({@code temp_store=MEMORY}: a third of the write
   * system calls per commit went to a temporary file) and the file is read through up to 256 MB
   * of memory map ({@code mmap_size}: half the read calls of a timer's firing); {@code
   * synchronous=FULL} stays, since {@code NORMAL} in WAL mode survives a process crash but loses
   * the last commits on a power loss. Needs xerial's
   * {@code sqlite-jdbc} on the class path (journey-jdbc brings it; its native libraries are
   * inside the jar).
   */
  public static JdbcPool sqliteFile(Path file) {
    Objects.requireNonNull(file, "file");
    String path = file.toAbsolutePath().normalize().toString().replace('\\', '/');
    return of(
        "jdbc:sqlite:" + path + "?journal_mode=WAL&synchronous=FULL&busy_timeout=10000"
            + "&temp_store=MEMORY&mmap_size=268435456",
        "",
        "",
        DEFAULT_MAX_SIZE);
  }

  /**
   * A pool over an embedded H2 database in the file {@code file} (H2 adds {@code .mv.db}),
   * created when missing, with {@link #DEFAULT_MAX_SIZE} connections. Needs H2 on the class
   * path (add {@code com.h2database:h2}).
   *
   * <p>The URL sets {@code WRITE_DELAY=0}, so a commit is written to the file before it returns
   * and survives a process kill (H2's default delay of 500 ms lost acknowledged commits on kill
   * -9). H2 does not fsync per commit, so the last commits can be lost on a power loss, and
   * without the delay its file grows by tens of kilobytes per commit until it is compacted
   * ({@code SHUTDOWN COMPACT}): prefer {@link #sqliteFile(Path)}; see {@code
   * docs/operations.md}.
   */
  public static JdbcPool h2File(Path file) {
    Objects.requireNonNull(file, "file");
    String path = file.toAbsolutePath().normalize().toString().replace('\\', '/');
    return of(
        "jdbc:h2:file:" + path + ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64;WRITE_DELAY=0",
        "sa",
        "",
        DEFAULT_MAX_SIZE);
  }

  /** The JDBC URL. */
  public String url() {
    return url;
  }

  /** {@code true} when HikariCP pools the connections (a PostgreSQL URL); for tests. */
  boolean pooledByHikari() {
    return server != null;
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw new SQLException("pool for " + url + " is closed", "08003");
    }
    if (server != null) {
      return server.getConnection();
    }
    try {
      if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new SQLException(
            "no free connection to " + url + " within " + WAIT_SECONDS + " s", "08001");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a connection", "08001", e);
    }
    try {
      Connection raw = idle.pollFirst();
      while (raw != null && raw.isClosed()) {
        statements.remove(raw);
        raw = idle.pollFirst();
      }
      if (raw == null) {
        raw = DriverManager.getConnection(url, user, password);
      }
      return wrap(raw);
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  /**
   * The lock a store holds around every write transaction on this pool's SQLite database, so
   * that all of them go through {@link #writerConnection}; empty for other databases.
   */
  Optional<ReentrantLock> writerLock() {
    return Optional.ofNullable(writerLock);
  }

  /**
   * The SQLite writer connection, for a caller holding {@link #writerLock}: one connection kept
   * open across write transactions (outside the {@code maxSize} reading connections), so that its
   * page cache stays valid (SQLite drops a connection's cache whenever another connection wrote)
   * and no write waits for a reader's connection. Closing what it returns rolls back whatever was
   * left uncommitted and keeps the connection open.
   *
   * @throws IllegalStateException when the caller does not hold the lock or the database is not
   *     SQLite
   */
  Connection writerConnection() throws SQLException {
    if (writerLock == null || !writerLock.isHeldByCurrentThread()) {
      throw new IllegalStateException("the writer connection needs the writer lock of a SQLite pool");
    }
    if (closed) {
      throw new SQLException("pool for " + url + " is closed", "08003");
    }
    if (writer == null || writer.isClosed()) {
      if (writer != null) {
        statements.remove(writer);
      }
      writer = DriverManager.getConnection(url, user, password);
    }
    return new PooledConnection(writer, this, true, statementsOf(writer));
  }

  private Connection wrap(Connection raw) {
    return new PooledConnection(raw, this, false, statementsOf(raw));
  }

  /** The statement cache of {@code raw} on SQLite; null elsewhere (H2 caches its own queries). */
  private StatementCache statementsOf(Connection raw) {
    return writerLock == null ? null : statements.computeIfAbsent(raw, StatementCache::new);
  }

  /** Closes {@code raw} and its kept statements. */
  private void closeRaw(Connection raw) throws SQLException {
    StatementCache cache = statements.remove(raw);
    if (cache != null) {
      cache.close();
    }
    raw.close();
  }

  /** Takes back a connection a borrower closed (rolls back what it left uncommitted). */
  void giveBack(Connection raw) {
    try {
      if (closed || raw.isClosed()) {
        closeRaw(raw);
        return;
      }
      if (!raw.getAutoCommit()) {
        raw.rollback();
      }
      idle.addFirst(raw);
    } catch (SQLException e) {
      try {
        closeRaw(raw);
      } catch (SQLException ignored) {
        // the connection is unusable either way
      }
    } finally {
      permits.release();
    }
  }

  /** Takes back the writer: rolls back what was left uncommitted; closes it when that fails. */
  void keepWriter(Connection raw) {
    try {
      if (closed || raw.isClosed()) {
        closeRaw(raw);
        return;
      }
      if (!raw.getAutoCommit()) {
        raw.rollback();
      }
    } catch (SQLException e) {
      writer = null;
      try {
        closeRaw(raw);
      } catch (SQLException ignored) {
        // the connection is unusable either way
      }
    }
  }

  /**
   * Closes the idle connections and the SQLite writer (after its current transaction); borrowed
   * ones are closed when returned (HikariCP, for a server URL, waits up to 10 seconds for
   * borrowed connections, then aborts them).
   */
  @Override
  public void close() {
    closed = true;
    if (server != null) {
      server.close();
      return;
    }
    if (writerLock != null) {
      writerLock.lock();
      try {
        if (writer != null) {
          closeRaw(writer);
          writer = null;
        }
      } catch (SQLException ignored) {
        // closing anyway
      } finally {
        writerLock.unlock();
      }
    }
    Connection raw;
    while ((raw = idle.pollFirst()) != null) {
      try {
        closeRaw(raw);
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  /** Not supported: the pool has one set of credentials. */
  @Override
  public Connection getConnection(String username, String pw) throws SQLException {
    throw new SQLFeatureNotSupportedException("JdbcPool has fixed credentials");
  }

  /** Not used. */
  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  /** Not used. */
  @Override
  public void setLogWriter(PrintWriter out) {}

  /** Not used. */
  @Override
  public void setLoginTimeout(int seconds) {}

  /** Not used. */
  @Override
  public int getLoginTimeout() {
    return 0;
  }

  /** Not supported. */
  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("JdbcPool does not use java.util.logging");
  }

  /** Unwraps to this pool only. */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("JdbcPool is not a " + iface.getName());
  }

  /** Returns {@code true} for this class and its interfaces. */
  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
