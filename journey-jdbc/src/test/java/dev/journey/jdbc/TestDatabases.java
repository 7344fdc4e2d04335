package dev.journey.jdbc;

import static org.assertj.core.api.Assertions.fail;

import dev.journey.jdbc.internal.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for tests: H2 files under {@code target/test-db}, and the PostgreSQL server named by
 * {@code JOURNEY_PG_URL} (with {@code JOURNEY_PG_USER}, {@code JOURNEY_PG_PASSWORD}); start one
 * with {@code . .ci/postgres.sh}. Without it PostgreSQL tests are skipped, unless {@code CI=true},
 * where they fail.
 */
final class TestDatabases {
  private TestDatabases() {}

  static Path dir() {
    String configured = System.getenv("JOURNEY_TEST_DIR");
    Path dir = Path.of(configured != null ? configured : "target/test-db");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** A pool over an empty SQLite file database {@code name} ({@code name.db}). */
  static JdbcPool freshSqlite(String name) {
    deleteFiles(name);
    return reopenSqlite(name);
  }

  /** A pool over the same SQLite file database, without emptying it. */
  static JdbcPool reopenSqlite(String name) {
    return JdbcPool.sqliteFile(dir().resolve(name + ".db"));
  }

  /** A pool over an empty H2 file database {@code name}. */
  static JdbcPool freshH2(String name) {
    deleteFiles(name);
    return JdbcPool.h2File(dir().resolve(name));
  }

  /** Deletes the database files {@code name.*} (H2's, SQLite's with its WAL). */
  static void deleteFiles(String name) {
    try (Stream<Path> files = Files.list(dir())) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().startsWith(name + ".")) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pool over the same H2 file database, without emptying it. */
  static JdbcPool reopenH2(String name) {
    return JdbcPool.h2File(dir().resolve(name));
  }

  /** Returns {@code true} when a PostgreSQL server is configured. */
  static boolean postgresConfigured() {
    String url = System.getenv("JOURNEY_PG_URL");
    return url != null && !url.isBlank();
  }

  /** Skips (locally) or fails (CI=true) when no PostgreSQL server is configured. */
  static void requirePostgres() {
    if (postgresConfigured()) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("JOURNEY_PG_URL is not set but CI=true: PostgreSQL tests must run in CI"
          + " (source .ci/postgres.sh before mvn)");
    }
    Assumptions.assumeTrue(
        false,
        "JOURNEY_PG_URL is not set: PostgreSQL tests skipped (run '. .ci/postgres.sh' first)");
  }

  /** A HikariCP pool of up to {@code size} connections to the configured PostgreSQL database. */
  static HikariDataSource postgres(int size) {
    requirePostgres();
    return hikari(
        System.getenv("JOURNEY_PG_URL"),
        System.getenv().getOrDefault("JOURNEY_PG_USER", "journey"),
        System.getenv().getOrDefault("JOURNEY_PG_PASSWORD", "journey"),
        size);
  }

  /** A HikariCP pool, as production would configure one for PostgreSQL. */
  static HikariDataSource hikari(String url, String user, String password, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setAutoCommit(false);
    config.setPoolName("journey-test");
    return new HikariDataSource(config);
  }

  /** A pool over the configured PostgreSQL database with the journey tables dropped. */
  static HikariDataSource freshPostgres(int size) {
    HikariDataSource pool = postgres(size);
    dropTables(pool);
    return pool;
  }

  /** Closes a pool: {@link JdbcPool}, HikariCP's or any closeable data source. */
  static void close(DataSource pool) {
    if (pool instanceof AutoCloseable) {
      try {
        ((AutoCloseable) pool).close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close " + pool, e);
      }
    }
  }

  static void dropTables(DataSource pool) {
    try (Connection c = pool.getConnection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      List<String> tables = Schema.tables();
      for (String table : tables) {
        st.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop the journey tables", e);
    }
  }
}
