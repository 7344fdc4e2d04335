package dev.journey.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The SQL differences between the supported databases. */
public enum Dialect {
  /**
   * H2 2.x (embedded file or in-memory database): optimistic claims. Documents are {@code
   * VARCHAR} (at most 1,000,000 characters each), which H2 stores inline; its {@code CLOB}s go
   * through a separate LOB store and cost about a fifth of the commit time.
   */
  H2("VARCHAR(1000000)", false),
  /** PostgreSQL 12+: claims with {@code FOR UPDATE SKIP LOCKED}. */
  POSTGRESQL("TEXT", true);

  private final String textType;
  private final boolean skipLocked;

  Dialect(String textType, boolean skipLocked) {
    this.textType = textType;
    this.skipLocked = skipLocked;
  }

  /** The column type for JSON documents of any length. */
  public String textType() {
    return textType;
  }

  /** Returns {@code true} when claims lock rows with {@code FOR UPDATE SKIP LOCKED}. */
  public boolean skipLocked() {
    return skipLocked;
  }

  /**
   * The dialect of the database behind {@code connection}.
   *
   * @throws SQLException when the database is neither H2 nor PostgreSQL
   */
  public static Dialect detect(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    String lower = product.toLowerCase(Locale.ROOT);
    if (lower.contains("h2")) {
      return H2;
    }
    if (lower.contains("postgres")) {
      return POSTGRESQL;
    }
    throw new SQLException(
        "database must be H2 or PostgreSQL, but was '" + product + "'", "0A000");
  }
}
