package dev.journey.cli;

import dev.journey.core.memory.InMemoryJourneyStore;
import dev.journey.core.spi.JourneyStore;
import dev.journey.jdbc.JdbcJourneyStore;
import dev.journey.jdbc.JdbcPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The store {@code journey serve} runs on, from its {@code --store} value: {@code sqlite:<file>}
 * (the durable embedded default), {@code jdbc:postgresql://host:port/db} (user and password from
 * {@value #USER_ENV} and {@value #PASSWORD_ENV}, never a flag), or {@code memory} (nothing
 * survives a restart). Closing it closes the connection pool.
 */
final class ServeStore implements AutoCloseable {
  /** The environment variable holding the database user for a server URL. */
  static final String USER_ENV = "JOURNEY_STORE_USER";
  /** The environment variable holding the database password for a server URL. */
  static final String PASSWORD_ENV = "JOURNEY_STORE_PASSWORD";
  /** What {@code --store} accepts, for messages. */
  static final String FORMS = "sqlite:<file>, jdbc:sqlite:<file>, jdbc:postgresql://<host>:<port>/<db> or memory";

  private final JourneyStore store;
  private final Optional<JdbcPool> pool;
  private final Optional<IntSupplier> leaseRelease;
  private final String description;

  private ServeStore(JourneyStore store, Optional<JdbcPool> pool, Optional<IntSupplier> leaseRelease, String description) {
    this.store = store;
    this.pool = pool;
    this.leaseRelease = leaseRelease;
    this.description = description;
  }

  /**
   * Opens the store a {@code --store} value names.
   *
   * @throws IllegalArgumentException when the value is none of {@link #FORMS}
   */
  static ServeStore open(String url, String instanceId, Clock clock, Map<String, String> env) {
    if (url.equals("memory")) {
      return new ServeStore(InMemoryJourneyStore.create(), Optional.empty(), Optional.empty(), "in memory (nothing survives a restart)");
    }
    if (url.startsWith("sqlite:") || url.startsWith("jdbc:sqlite:")) {
      String file = url.substring(url.indexOf("sqlite:") + "sqlite:".length());
      if (file.isBlank() || file.contains("?")) {
        throw new IllegalArgumentException(
            "--store must be one of " + FORMS + ", but the SQLite file in '" + url + "' is "
                + (file.isBlank() ? "empty" : "followed by parameters (they are fixed: WAL, fsync per commit)"));
      }
      Path path = Path.of(file);
      try {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the directory of the store file " + path, e);
      }
      return jdbc(JdbcPool.sqliteFile(path), instanceId, clock, "SQLite file " + path);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      JdbcPool pool =
          JdbcPool.of(url, env.getOrDefault(USER_ENV, ""), env.getOrDefault(PASSWORD_ENV, ""), 16);
      int query = url.indexOf('?');
      return jdbc(pool, instanceId, clock, "PostgreSQL " + (query < 0 ? url : url.substring(0, query)));
    }
    throw new IllegalArgumentException("--store must be one of " + FORMS + ", but was '" + url + "'");
  }

  private static ServeStore jdbc(JdbcPool pool, String instanceId, Clock clock, String description) {
    try {
      JdbcJourneyStore store = JdbcJourneyStore.builder(pool).instanceId(instanceId).clock(clock).build();
      return new ServeStore(store, Optional.of(pool), Optional.of(store::releaseLeases), description);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  JourneyStore store() {
    return store;
  }

  /** Hands back this instance's leases (JDBC stores). */
  Optional<IntSupplier> leaseRelease() {
    return leaseRelease;
  }

  /** What it is, for the banner: never a password. */
  String description() {
    return description;
  }

  @Override
  public void close() {
    pool.ifPresent(JdbcPool::close);
  }
}
